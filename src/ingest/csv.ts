/**
 * Streaming CSV reading with PapaParse, reporting each row's PHYSICAL line
 * (a quoted field holding newlines spans several lines; blank lines count).
 * Bytes are checked on the way in: a UTF-16 BOM, NUL bytes and bytes that
 * are not UTF-8 (a Latin-1 export, say) stop the file with a located error.
 */
import Papa, { type ParseError, type ParseStepResult, type Parser } from 'papaparse';
import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { diag, type Diagnostic } from '../diagnostics/catalog';

export interface CsvHandlers {
  /** Return a fatal diagnostic to stop reading the file. */
  header(fields: string[], line: number): Diagnostic | undefined;
  row(fields: string[], line: number): void;
}

export interface CsvOutcome {
  fatal?: Diagnostic;
  /** Data rows handed to `row`. */
  rows: number;
  headerSeen: boolean;
}

export interface CsvOptions {
  /**
   * Read back only some lines: pieces of the file holding none of the lines
   * in [from, to) for which this returns true are skipped without decoding.
   */
  wantLines?: (from: number, to: number) => boolean;
}

export async function parseCsv(input: string | Buffer | NodeJS.ReadableStream, file: string, handlers: CsvHandlers, options: CsvOptions = {}): Promise<CsvOutcome> {
  const source: AsyncIterable<Buffer | string> | Iterable<Buffer> = typeof input === 'string' || Buffer.isBuffer(input) ? [Buffer.from(input)] : (input as Readable);
  const reader = new CsvReader(file, handlers, options);
  for await (const chunk of source) if (!reader.push(chunk)) break;
  return reader.end();
}

/** The state of reading one file: the line the next row starts on, the file's line break, and the outcome so far. */
class CsvReader {
  private readonly outcome: CsvOutcome = { rows: 0, headerSeen: false };
  private readonly cutter = new RowBoundaries();
  private line = 1;
  private atStart = true;
  private newline: '\r\n' | '\n' | '\r' | undefined;
  /** What a line break inside a quoted field looks like once parsed. */
  private nl: '\n' | '\r' = '\n';

  constructor(
    private readonly file: string,
    private readonly handlers: CsvHandlers,
    private readonly options: CsvOptions,
  ) {}

  /** Take the next chunk of the file; false when reading must stop. */
  push(raw: Buffer | string): boolean {
    if (this.outcome.fatal) return false;
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
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
      const before = this.cutter.rest();
      const line = this.line + countNewlines(before, 0, before.length) + countNewlines(chunk, 0, nul);
      this.fail(diag('BM108', { file: this.file, line }, 'the file holds NUL bytes, so it is binary or damaged', 'export the list again as plain CSV text'));
      return false;
    }
    const piece = this.cutter.push(chunk);
    if (piece) this.parsePiece(piece);
    return true;
  }

  /** The end of the file: parse what is left and say whether there was a header at all. */
  end(): CsvOutcome {
    if (!this.outcome.fatal) this.parsePiece(this.cutter.rest());
    if (!this.outcome.headerSeen && !this.outcome.fatal) {
      this.fail(diag('BM102', { file: this.file, line: 1 }, 'the file is empty: it has no header row', 'export the list again with its header row'));
    }
    return this.outcome;
  }

  /** A piece holds whole rows and ends with a line break (or at the end of the file). */
  private parsePiece(piece: Buffer): void {
    if (this.outcome.fatal || piece.length === 0) return;
    if (this.options.wantLines && this.outcome.headerSeen && this.newline !== '\r') {
      this.parseWantedRows(piece, this.options.wantLines);
      return;
    }
    if (!isUtf8(piece)) {
      const line = this.line + countNewlines(piece, 0, firstInvalidUtf8(piece));
      this.fail(diag('BM107', { file: this.file, line }, 'the file is not UTF-8 (it looks like Latin-1 or Windows-1252)', 'open it in your spreadsheet and save as "CSV UTF-8", or convert it with: iconv -f WINDOWS-1252 -t UTF-8'));
      return;
    }
    const text = trimBreak(piece.toString('utf8'));
    if (text === '') {
      this.line++; // a piece that is one blank line
      return;
    }
    this.parseText(text);
  }

  /** Reading back: cut the piece into rows on bytes, decode and parse only the wanted ones, and count the lines of the rest. */
  private parseWantedRows(piece: Buffer, want: (from: number, to: number) => boolean): void {
    const rows = new QuoteScanner();
    for (let start = 0; start < piece.length && !this.outcome.fatal; ) {
      const lineBreak = rows.firstBreak(piece, start);
      const end = lineBreak < 0 ? piece.length : lineBreak + 1;
      if (want(this.line, this.line + 1)) this.parseText(trimBreak(piece.toString('utf8', start, end)));
      else this.line += countNewlines(piece, start, end) + (piece[end - 1] === 0x0a ? 0 : 1);
      start = end;
    }
  }

  private parseText(text: string): void {
    if (this.newline === undefined) {
      this.newline = lineBreakOf(text);
      this.nl = this.newline === '\r' ? '\r' : '\n';
    }
    Papa.parse<string[]>(text, { delimiter: ',', newline: this.newline, header: false, skipEmptyLines: false, step: (result, parser) => this.step(result, parser) });
  }

  /** One parsed row: advance the line count, then stop on a broken quote, skip a blank line, or hand on the header or the row. */
  private step(result: ParseStepResult<string[]>, parser: Parser): void {
    const fields = result.data;
    const start = this.line;
    this.line += physicalSpan(fields, this.nl);
    if (this.outcome.fatal) return;
    const quoteError = result.errors.find(isQuoteError);
    if (quoteError) {
      this.stop(parser, brokenQuote(quoteError, this.file, start));
      return;
    }
    if (fields.length === 1 && fields[0] === '') return; // a blank line
    if (!this.outcome.headerSeen) {
      this.outcome.headerSeen = true;
      const fatal = this.handlers.header(fields, start);
      if (fatal) this.stop(parser, fatal);
      return;
    }
    this.outcome.rows++;
    this.handlers.row(fields, start);
  }

  private stop(parser: Parser, d: Diagnostic): void {
    this.fail(d);
    parser.abort();
  }

  /** The first fatal diagnostic is the one reported. */
  private fail(d: Diagnostic): void {
    this.outcome.fatal ??= d;
  }
}

/**
 * Finds line breaks outside quoted fields by quote parity, which is exact for
 * RFC 4180 (an inner quote is doubled). Scanning bytes needs no decoding, and
 * whether the scan is inside quotes carries over from one call to the next.
 */
class QuoteScanner {
  inQuote = false;

  /** The first line break outside quotes in buf[from..], or -1; the scan stops there. */
  firstBreak(buf: Buffer, from: number): number {
    return this.scan(buf, from, false);
  }

  /** The last line break outside quotes in buf[from..], or -1; the scan goes to the end of buf. */
  lastBreak(buf: Buffer, from: number): number {
    return this.scan(buf, from, true);
  }

  private scan(buf: Buffer, from: number, toEnd: boolean): number {
    let found = -1;
    let i = from;
    while (i < buf.length) {
      const q = buf.indexOf(0x22, i);
      const stretchEnd = q < 0 ? buf.length : q; // buf[i, stretchEnd) holds no quote
      if (!this.inQuote && stretchEnd > i) {
        const n = toEnd ? buf.lastIndexOf(0x0a, stretchEnd - 1) : buf.indexOf(0x0a, i);
        if (n >= i && n < stretchEnd) {
          if (!toEnd) return n;
          found = n;
        }
      }
      if (q < 0) break;
      this.inQuote = !this.inQuote;
      i = q + 1;
    }
    return found;
  }
}

/**
 * Cuts the byte stream into pieces that end at a row boundary. Working on
 * bytes keeps every piece a flat, whole-character string once decoded, so
 * each piece goes to PapaParse's string parser, which is much faster than its
 * stream mode.
 */
class RowBoundaries {
  private rem: Buffer[] = [];
  private readonly quotes = new QuoteScanner();

  /** Append bytes; return the complete rows so far (ending with their line break), or undefined. */
  push(chunk: Buffer): Buffer | undefined {
    const boundary = this.quotes.lastBreak(chunk, 0);
    if (boundary < 0) {
      this.rem.push(chunk);
      return undefined;
    }
    const piece = Buffer.concat([...this.rem, chunk.subarray(0, boundary + 1)]);
    this.rem = boundary + 1 < chunk.length ? [chunk.subarray(boundary + 1)] : [];
    return piece;
  }

  rest(): Buffer {
    const r = Buffer.concat(this.rem);
    this.rem = [];
    return r;
  }
}

/** Line breaks in buf[from, to). */
function countNewlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(10, from); i >= 0 && i < to; i = buf.indexOf(10, i + 1)) n++;
  return n;
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

/** The file's line break, judged from its first text: CRLF if any, else LF, else CR. */
function lineBreakOf(text: string): '\r\n' | '\n' | '\r' {
  return /\r\n/.test(text) ? '\r\n' : text.includes('\n') ? '\n' : text.includes('\r') ? '\r' : '\n';
}

/** Drop a piece's final line break so PapaParse yields no phantom empty row. */
function trimBreak(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n') || text.endsWith('\r')) return text.slice(0, -1);
  return text;
}

/** Lines a parsed row spans: 1 plus the line breaks inside its quoted fields. */
function physicalSpan(fields: string[], nl: string): number {
  let n = 1;
  for (const f of fields) {
    for (let i = f.indexOf(nl); i >= 0; i = f.indexOf(nl, i + 1)) n++;
  }
  return n;
}

/**
 * MissingQuotes: a quote never closed. InvalidQuotes: a quote "closed" by
 * text that follows it, often a later row's quote, which would run two rows
 * together and lose one. Both stop the file.
 */
function isQuoteError(e: ParseError): boolean {
  return e.code === 'MissingQuotes' || e.code === 'InvalidQuotes';
}

function brokenQuote(e: ParseError, file: string, line: number): Diagnostic {
  const what = e.code === 'MissingQuotes' ? 'is never closed, so every line after it would run together' : 'is closed in the wrong place, so rows may run together';
  return diag('BM202', { file, line }, `a quoted field that opens on line ${line} ${what}`, 'close the quote on that line (a quote inside a value must be doubled: "")');
}
