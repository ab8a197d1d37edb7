/**
 * CSV reading: one tokenizer, ours, for the first pass and every re-read, so
 * the two cannot split the rows differently. It works on bytes (the
 * structural characters `"` `,` CR LF are ASCII, and never part of a UTF-8
 * multi-byte character), keeps its state across chunks, and reports each
 * row's PHYSICAL line (a quoted field holding line breaks spans several
 * lines; blank lines count).
 *
 * The rules (RFC 4180, read leniently the way spreadsheets write):
 *  - a row ends at CRLF, LF or a lone CR outside quotes, whichever the file
 *    uses, so a file that mixes them (a CRLF header, LF rows) is read row by
 *    row, never run together;
 *  - a field is quoted only when `"` is its first byte; inside it `""` is a
 *    quote, and after the closing quote only spaces may come before the comma
 *    or the line break (anything else is BM202: the quote closed in the wrong
 *    place); a `"` inside an unquoted field is text;
 *  - a quote still open at the end of the file is BM202;
 *  - a first line `sep=,` (as Excel writes it) is skipped; `sep=` naming any
 *    other separator is BM106;
 *  - lines that are empty (or, before the header, hold only spaces and
 *    commas) are skipped, but counted.
 * Bytes are checked on the way in: a UTF-16 BOM, NUL bytes and bytes that are
 * not UTF-8 (a Latin-1 export, say) stop the file with a located error. The
 * sha256 of every byte read is part of the outcome.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { countBreaks, CsvTokenizer, decodeRow, type CutRow } from './csv-tokenizer';

export interface CsvHandlers {
  /** Return a fatal diagnostic to stop reading the file. */
  header(fields: string[], line: number): Diagnostic | undefined;
  row(fields: string[], line: number): void;
}

export interface CsvOutcome {
  fatal?: Diagnostic;
  /** Data rows handed to `row` (or, reading back, that would have been). */
  rows: number;
  headerSeen: boolean;
  /** sha256 (hex) of the bytes read; complete only when the whole file was read. */
  sha256?: string;
}

export interface CsvOptions {
  /**
   * Read back only some lines: a data row starting on a line for which this
   * returns false is cut out exactly as on the first pass, but not decoded.
   */
  wantLines?: (from: number, to: number) => boolean;
}

export async function parseCsv(input: string | Buffer | NodeJS.ReadableStream | AsyncIterable<Buffer | string>, file: string, handlers: CsvHandlers, options: CsvOptions = {}): Promise<CsvOutcome> {
  const source: AsyncIterable<Buffer | string> | Iterable<Buffer> = typeof input === 'string' || Buffer.isBuffer(input) ? [Buffer.from(input)] : (input as AsyncIterable<Buffer | string>);
  const reader = new CsvReader(file, handlers, options);
  for await (const chunk of source) if (!reader.push(chunk)) break;
  return reader.end();
}

/** The state of reading one file: the line the next row starts on, and the outcome so far. */
class CsvReader {
  private readonly outcome: CsvOutcome = { rows: 0, headerSeen: false };
  private readonly tokens = new CsvTokenizer();
  private readonly hash = createHash('sha256');
  private line = 1;
  private atStart = true;
  private firstRow = true;
  private readonly onRow = (r: CutRow) => this.take(r);

  constructor(
    private readonly file: string,
    private readonly handlers: CsvHandlers,
    private readonly options: CsvOptions,
  ) {}

  /** Take the next chunk of the file; false when reading must stop. */
  push(raw: Buffer | string): boolean {
    if (this.outcome.fatal) return false;
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    this.hash.update(chunk);
    if (this.atStart) {
      this.atStart = false;
      if (isUtf16(chunk)) {
        this.fail(diag('BM107', { file: this.file, line: 1 }, 'the file is UTF-16 encoded', 'save it as "CSV UTF-8 (Comma delimited)" and rerun'));
        return false;
      }
      chunk = withoutUtf8Bom(chunk);
    }
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      // The line of the NUL: rows completed before it, then the breaks up to it.
      const before = chunk.subarray(0, nul);
      if (!this.tokens.feed(before, isUtf8(before), this.onRow)) return false;
      if (this.tokens.invalidQuote) {
        this.fail(brokenQuote('InvalidQuotes', this.file, this.line));
        return false;
      }
      this.fail(diag('BM108', { file: this.file, line: this.line + this.tokens.pendingBreaks() }, 'the file holds NUL bytes, so it is binary or damaged', 'export the list again as plain CSV text'));
      return false;
    }
    // A chunk valid as a whole vouches for the rows that lie wholly inside it (they are cut at line breaks).
    if (!this.tokens.feed(chunk, isUtf8(chunk), this.onRow)) return false;
    if (this.tokens.invalidQuote) {
      this.fail(brokenQuote('InvalidQuotes', this.file, this.line));
      return false;
    }
    return true;
  }

  /** The end of the file: the last row, and whether there was a header at all. */
  end(): CsvOutcome {
    if (!this.outcome.fatal) {
      const last = this.tokens.finish();
      if (last === 'open-quote') this.fail(brokenQuote('MissingQuotes', this.file, this.line));
      else if (last) this.take(last);
    }
    if (!this.outcome.headerSeen && !this.outcome.fatal) {
      this.fail(diag('BM102', { file: this.file, line: 1 }, 'the file is empty: it has no header row', 'export the list again with its header row'));
    }
    this.outcome.sha256 = this.hash.digest('hex');
    return this.outcome;
  }

  /** One cut row: check its bytes, then skip it (blank, `sep=,`), or hand on the header or the row. */
  private take(r: CutRow): boolean {
    if (this.outcome.fatal) return false;
    const start = this.line;
    this.line += r.innerBreaks + 1;
    const first = this.firstRow;
    this.firstRow = false;
    if (r.bytes.length === 0) return true; // a blank line
    const want = this.options.wantLines;
    if (this.outcome.headerSeen) {
      this.outcome.rows++;
      if (want && !want(start, start + 1)) return true; // reading back: cut out, not decoded
    }
    if (!r.checked && !isUtf8(r.bytes)) {
      const line = start + countBreaks(r.bytes, 0, firstInvalidUtf8(r.bytes));
      this.fail(diag('BM107', { file: this.file, line }, 'the file is not UTF-8 (it looks like Latin-1 or Windows-1252)', 'open it in your spreadsheet and save as "CSV UTF-8", or convert it with: iconv -f WINDOWS-1252 -t UTF-8'));
      return false;
    }
    if (!this.outcome.headerSeen) {
      if (first) {
        const sep = /^sep=(.?)\s*$/i.exec(r.bytes.toString('utf8').trim());
        if (sep) {
          if (sep[1] === ',') return true;
          this.fail(diag('BM106', { file: this.file, line: start }, `the first line declares the separator "${sep[1] ?? ''}", not a comma`, 'save the list as CSV with comma separators (in Excel: "CSV UTF-8 (Comma delimited)")'));
          return false;
        }
      }
      const fields = decodeRow(r);
      if (fields.every((f) => f.trim() === '')) return true; // nothing above the header but blank lines
      this.outcome.headerSeen = true;
      const fatal = this.handlers.header(fields, start);
      if (fatal) this.fail(fatal);
      return !fatal;
    }
    this.handlers.row(decodeRow(r), start);
    return true;
  }

  /** The first fatal diagnostic is the one reported. */
  private fail(d: Diagnostic): void {
    this.outcome.fatal ??= d;
  }
}

/** Index of the first byte that is not valid UTF-8 (only called when there is one). */
function firstInvalidUtf8(buf: Buffer): number {
  let lo = 0;
  let hi = buf.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    // A prefix that is valid up to a split character at its end still counts as valid.
    let end = mid;
    while (end > 0 && end > mid - 3 && (buf[end]! & 0xc0) === 0x80) end--;
    if (isUtf8(buf.subarray(0, end))) lo = mid;
    else hi = mid;
  }
  return lo;
}

function isUtf16(chunk: Buffer): boolean {
  return (chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff);
}

function withoutUtf8Bom(chunk: Buffer): Buffer {
  return chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
}

/**
 * MissingQuotes: a quote never closed. InvalidQuotes: a quote "closed" by
 * text that follows it, often a later row's quote, which would run two rows
 * together and lose one. Both stop the file.
 */
function brokenQuote(code: 'MissingQuotes' | 'InvalidQuotes', file: string, line: number): Diagnostic {
  const what = code === 'MissingQuotes' ? 'is never closed, so every line after it would run together' : 'is closed in the wrong place, so rows may run together';
  return diag('BM202', { file, line }, `a quoted field that opens on line ${line} ${what}`, 'close the quote on that line (a quote inside a value must be doubled: "")');
}
