/**
 * Listings written as UTF-8 straight into 1 MB buffers, handed out as each
 * fills (the approach of the exhibit XML, src/render/docx/xml.ts): a
 * statewide plan.json or index.csv is hundreds of megabytes, and text built
 * by concatenation would have to be flattened by V8 and then encoded, costing
 * more than the writing. Each line is written as it is made.
 */
const CHUNK = 1 << 20;

export class Utf8Chunks {
  private buf = Buffer.allocUnsafe(CHUNK);
  private at = 0;
  private full: Buffer[] = [];

  write(s: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.at + s.length * 3 > this.buf.length) {
      this.flush();
      if (s.length * 3 > this.buf.length) this.buf = Buffer.allocUnsafe(s.length * 3);
    }
    this.at += this.buf.write(s, this.at, 'utf8');
  }

  /** True when a buffer is full and waiting to be taken. */
  get ready(): boolean {
    return this.full.length > 0;
  }

  /** The full buffers, handed over (never written again). */
  take(): Buffer[] {
    const out = this.full;
    this.full = [];
    return out;
  }

  /** Everything written, the last buffer too. */
  end(): Buffer[] {
    if (this.at > 0) this.full.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.alloc(0);
    this.at = 0;
    return this.take();
  }

  private flush(): void {
    if (this.at > 0) this.full.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.at = 0;
  }
}

/** Lines from `lines`, as 1 MB buffers. */
export function* utf8Chunks(lines: Iterable<string>): Generator<Buffer> {
  const out = new Utf8Chunks();
  for (const line of lines) {
    out.write(line);
    if (out.ready) yield* out.take();
  }
  yield* out.end();
}

/** The chunks of a listing as one buffer (tests, small runs). */
export function chunksBuffer(chunks: Iterable<string | Uint8Array>): Buffer {
  return Buffer.concat([...chunks].map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
}
