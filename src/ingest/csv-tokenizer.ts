/**
 * The CSV tokenizer (src/ingest/csv.ts reads files with it): a state machine
 * over bytes that cuts rows and finds their fields, keeping its state across
 * chunks. The rules are in src/ingest/csv.ts. It makes no array per row: the
 * field boundaries go into buffers it reuses, and each row is handed on as it
 * is cut.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

const enum S {
  /** At the start of a field. */
  FieldStart,
  /** Inside an unquoted field. */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** Just after a quote inside a quoted field: a doubled quote, or the closing one. */
  QuoteInQuoted,
  /** After a closing quote and maybe spaces: only a comma or a line break may follow. */
  AfterQuote,
}

/**
 * A row cut out of the bytes: field boundaries relative to `bytes`. One object, and one set of field
 * buffers, serve every row of a tokenizer: a row is valid only until the next one is cut.
 */
export interface CutRow {
  bytes: Buffer;
  /** Fields in the row. */
  n: number;
  /** Per field (the first n): start, end (exclusive), and 1 when it was quoted (then `""` inside means `"`). */
  starts: Int32Array;
  ends: Int32Array;
  quoted: Uint8Array;
  /** Line breaks inside the row's quoted fields (its terminator not included). */
  innerBreaks: number;
  /** The row's bytes all lie in one chunk that was valid UTF-8 as a whole, so they are too. */
  checked: boolean;
}

/** Told each row as it is cut; false stops the tokenizer. */
export type OnRow = (row: CutRow) => boolean;

/**
 * The tokenizer: a state machine over bytes that survives chunk boundaries.
 * `feed` hands on the rows completed by a chunk; `finish` the last row, if any.
 * Field offsets are relative to the row's first byte.
 */
export class CsvTokenizer {
  private state = S.FieldStart;
  /** The chunks (or chunk tails) holding the unfinished row. */
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private readonly row: CutRow = { bytes: Buffer.alloc(0), n: 0, starts: new Int32Array(64), ends: new Int32Array(64), quoted: new Uint8Array(64), innerBreaks: 0, checked: false };
  private fieldStart = 0;
  private innerBreaks = 0;
  /** The last row ended with a CR at the very end of a chunk: an LF starting the next chunk belongs to it. */
  private afterRowCr = false;
  /** Inside quotes, the last byte was a CR (so an LF now is the same line break). */
  private quotedCr = false;
  /** Set when a quote was closed in the wrong place; the tokenizer stops there. */
  invalidQuote = false;

  /** Hands on the rows completed by this chunk, in order; false when `onRow` stopped it. `valid`: the chunk is valid UTF-8. */
  feed(chunk: Buffer, valid: boolean, onRow: OnRow): boolean {
    const n = chunk.length;
    let i = 0;
    if (this.afterRowCr && n > 0) {
      this.afterRowCr = false;
      if (chunk[0] === LF) i = 1;
    }
    /** Where the unfinished row's bytes begin in this chunk (0 when it began in an earlier one). */
    let rowAt = i;
    const off = (j: number) => this.pendingLength + j - rowAt;
    while (i < n && !this.invalidQuote) {
      switch (this.state) {
        case S.FieldStart:
          if (chunk[i] === QUOTE) {
            this.state = S.Quoted;
            this.fieldStart = off(i + 1);
            i++;
            break;
          }
          this.fieldStart = off(i);
          this.state = S.Unquoted; // this byte is the unquoted field's first (or the comma or break ending it)
          break;
        case S.Unquoted: {
          let j = i;
          while (j < n) {
            const c = chunk[j]!;
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          i = j;
          if (j === n) break;
          this.closeField(off(j), false);
          if (chunk[j] === COMMA) {
            this.state = S.FieldStart;
            i = j + 1;
          } else {
            const next = this.endRow(chunk, rowAt, j, valid, onRow);
            if (next < 0) return false;
            i = rowAt = next;
          }
          break;
        }
        case S.Quoted: {
          let j = i;
          while (j < n) {
            const c = chunk[j]!;
            if (c === QUOTE) break;
            if (c === LF) {
              if (!this.quotedCr) this.innerBreaks++;
              this.quotedCr = false;
            } else if (c === CR) {
              this.innerBreaks++;
              this.quotedCr = true;
            } else this.quotedCr = false;
            j++;
          }
          i = j;
          if (j === n) break;
          this.quotedCr = false;
          this.state = S.QuoteInQuoted;
          i = j + 1;
          break;
        }
        case S.QuoteInQuoted:
          if (chunk[i] === QUOTE) {
            this.state = S.Quoted; // a doubled quote: text
            i++;
            break;
          }
          this.closeField(off(i) - 1, true); // the closing quote was the byte before
          this.state = S.AfterQuote; // this byte is looked at again
          break;
        case S.AfterQuote: {
          const c = chunk[i]!;
          if (c === SPACE || c === TAB) i++;
          else if (c === COMMA) {
            this.state = S.FieldStart;
            i++;
          } else if (c === LF || c === CR) {
            const next = this.endRow(chunk, rowAt, i, valid, onRow);
            if (next < 0) return false;
            i = rowAt = next;
          } else this.invalidQuote = true;
          break;
        }
      }
    }
    if (this.invalidQuote) return true;
    // Keep the unfinished row's bytes for the next chunk.
    if (rowAt < n) {
      const tail = chunk.subarray(rowAt);
      this.pending.push(tail);
      this.pendingLength += tail.length;
    }
    return true;
  }

  /** The end of the input: the last row (if it has any bytes), or 'open-quote' when a quote was never closed. */
  finish(): CutRow | undefined | 'open-quote' {
    if (this.invalidQuote) return undefined;
    switch (this.state) {
      case S.Quoted:
        return 'open-quote';
      case S.QuoteInQuoted:
        this.closeField(this.pendingLength - 1, true);
        break;
      case S.AfterQuote:
        break; // the field is closed
      case S.FieldStart:
        if (this.pendingLength === 0 && this.row.n === 0) return undefined;
        this.fieldStart = this.pendingLength; // after a trailing comma: one more, empty, field
        this.closeField(this.pendingLength, false);
        break;
      case S.Unquoted:
        this.closeField(this.pendingLength, false);
        break;
    }
    return this.take(Buffer.concat(this.pending, this.pendingLength), false);
  }

  /** Line breaks in the bytes of the unfinished row. */
  pendingBreaks(): number {
    const b = Buffer.concat(this.pending, this.pendingLength);
    return countBreaks(b, 0, b.length);
  }

  private closeField(end: number, quoted: boolean): void {
    const r = this.row;
    if (r.n === r.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
      r.starts = grow(r.starts, new Int32Array(r.n * 2));
      r.ends = grow(r.ends, new Int32Array(r.n * 2));
      r.quoted = grow(r.quoted, new Uint8Array(r.n * 2));
    }
    r.starts[r.n] = this.fieldStart;
    r.ends[r.n] = end;
    r.quoted[r.n] = quoted ? 1 : 0;
    r.n++;
  }

  /**
   * A line break at chunk[j] ends the row that began at chunk[rowAt] (or earlier): the row is handed on.
   * Returns the index after the break, or -1 when `onRow` stopped reading.
   */
  private endRow(chunk: Buffer, rowAt: number, j: number, valid: boolean, onRow: OnRow): number {
    const whole = this.pendingLength === 0;
    const bytes = whole ? chunk.subarray(rowAt, j) : Buffer.concat([...this.pending, chunk.subarray(rowAt, j)]);
    const more = onRow(this.take(bytes, whole && valid));
    this.row.n = 0;
    if (!more) return -1;
    if (chunk[j] === CR) {
      if (j + 1 < chunk.length) return chunk[j + 1] === LF ? j + 2 : j + 1;
      this.afterRowCr = true;
    }
    return j + 1;
  }

  /** The row just cut, and a fresh start for the next (whose fields overwrite this one's). */
  private take(bytes: Buffer, checked: boolean): CutRow {
    const row = this.row;
    row.bytes = bytes;
    row.innerBreaks = this.innerBreaks;
    row.checked = checked;
    this.pending = [];
    this.pendingLength = 0;
    this.innerBreaks = 0;
    this.state = S.FieldStart;
    return row;
  }
}

/** The fields of a cut row, decoded. */
export function decodeRow(row: CutRow): string[] {
  const n = row.n;
  const out = new Array<string>(n);
  const text = row.bytes.toString('utf8');
  const ascii = text.length === row.bytes.length; // then byte offsets are character offsets
  for (let k = 0; k < n; k++) {
    const s = ascii ? text.slice(row.starts[k], row.ends[k]) : row.bytes.toString('utf8', row.starts[k], row.ends[k]);
    out[k] = row.quoted[k] && s.includes('"') ? s.replace(/""/g, '"') : s;
  }
  return out;
}

/** Line breaks (CRLF, LF or a lone CR, each counted once) in buf[from, to). */
export function countBreaks(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = buf[i];
    if (b === LF) n++;
    else if (b === CR) {
      n++;
      if (buf[i + 1] === LF && i + 1 < to) i++;
    }
  }
  return n;
}
