/**
 * Listings written as UTF-8 straight into 1 MB buffers, handed out as each
 * fills (the approach of the exhibit XML, src/render/docx/xml.ts): a
 * statewide plan.json or index.csv is hundreds of megabytes, and text built
 * by concatenation would have to be flattened by V8 and then encoded, costing
 * more than the writing. Short values are copied in character by character
 * (cheaper than an encoder call for a few characters), JSON strings and CSV
 * fields escaped on the way in: at a million cases, every string made is
 * garbage to collect in a heap holding the whole plan.
 */
import { csvField } from './csv';

const CHUNK = 1 << 20;

export class Utf8Chunks {
  private buf = Buffer.allocUnsafe(CHUNK);
  private at = 0;
  private full: Buffer[] = [];

  /** Room for `bytes` more in the current buffer (a new one if not). */
  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    if (this.at > 0) this.full.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK, bytes));
    this.at = 0;
  }

  /** Any text. */
  write(s: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    this.room(s.length * 3);
    this.at += this.buf.write(s, this.at, 'utf8');
  }

  /** Text, copied a character at a time while it is ASCII. */
  text(s: string): void {
    const n = s.length;
    if (n > 64) return this.write(s);
    this.room(n * 3);
    const b = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.at = at + b.write(i === 0 ? s : s.slice(i), at, 'utf8');
        return;
      }
      b[at++] = c;
    }
    this.at = at;
  }

  /** JSON.stringify(s), byte for byte: quoted, escaped where JSON needs it. */
  json(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      // Quote, backslash, control characters and surrogates (a lone one is escaped): JSON.stringify's way.
      if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return this.text(JSON.stringify(s));
    }
    this.text('"');
    this.text(s);
    this.text('"');
  }

  /** One CSV field (csv.ts). */
  csv(s: string): void {
    this.text(csvField(s));
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
}

/**
 * A listing as 1 MB buffers: `fill` writes it into `out`, yielding now and
 * then (after a line, say) so full buffers are handed on as it goes.
 */
export function* written(fill: (out: Utf8Chunks) => Iterable<unknown>): Generator<Buffer> {
  const out = new Utf8Chunks();
  for (const _ of fill(out)) if (out.ready) yield* out.take();
  yield* out.end();
}

/** Lines from `lines`, as 1 MB buffers. */
export function utf8Chunks(lines: Iterable<string>): Generator<Buffer> {
  return written(function* (out) {
    for (const line of lines) yield out.write(line);
  });
}

/** The chunks of a listing as one buffer (tests, small runs). */
export function chunksBuffer(chunks: Iterable<string | Uint8Array>): Buffer {
  return Buffer.concat([...chunks].map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
}

/** What `fill` writes, as a string (tests, small files). */
export function writtenText(fill: (out: Utf8Chunks) => Iterable<unknown>): string {
  return chunksBuffer(written(fill)).toString('utf8');
}
