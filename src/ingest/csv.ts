/**
 * Streaming CSV reading with PapaParse, reporting each row's PHYSICAL line
 * (a quoted field holding newlines spans several lines; blank lines count).
 * Bytes are checked on the way in: a UTF-16 BOM, NUL bytes and bytes that
 * are not UTF-8 (a Latin-1 export, say) stop the file with a located error.
 */
import Papa from 'papaparse';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
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

/**
 * Cuts the byte stream into pieces that end at a row boundary: a line break
 * outside quotes (quote parity is exact for RFC 4180, where an inner quote is
 * doubled). Working on bytes keeps every piece a flat, whole-character string
 * once decoded; PapaParse's string parser on such pieces ran about three
 * times faster than its stream mode here.
 */
class RowBoundaries {
  private rem: Buffer[] = [];
  private inQuote = false;

  /** Append bytes; return the complete rows so far (ending with their line break), or undefined. */
  push(chunk: Buffer): Buffer | undefined {
    let i = 0;
    let boundary = -1;
    while (i < chunk.length) {
      const q = chunk.indexOf(0x22, i);
      if (this.inQuote) {
        if (q < 0) break;
        this.inQuote = false;
        i = q + 1;
        continue;
      }
      const n = q < 0 ? chunk.lastIndexOf(0x0a) : q === 0 ? -1 : chunk.lastIndexOf(0x0a, q - 1);
      if (n >= i) boundary = n;
      if (q < 0) break;
      this.inQuote = true;
      i = q + 1;
    }
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

function countNewlines(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(10); i >= 0 && i < end; i = buf.indexOf(10, i + 1)) n++;
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

export interface CsvOptions {
  /**
   * Read back only some lines: pieces of the file holding none of the lines
   * in [from, to) for which this returns true are skipped without decoding.
   */
  wantLines?: (from: number, to: number) => boolean;
}

export async function parseCsv(input: string | Buffer | NodeJS.ReadableStream, file: string, handlers: CsvHandlers, options: CsvOptions = {}): Promise<CsvOutcome> {
  const source: AsyncIterable<Buffer | string> | Iterable<Buffer> = typeof input === 'string' || Buffer.isBuffer(input) ? [Buffer.from(input)] : (input as Readable);
  const outcome: CsvOutcome = { rows: 0, headerSeen: false };
  const cutter = new RowBoundaries();
  let line = 1;
  let first = true;
  let newline: '\r\n' | '\n' | '\r' | undefined;
  const fail = (d: Diagnostic) => (outcome.fatal ??= d);

  const parseText = (text: string): void => {
    newline ??= /\r\n/.test(text) ? '\r\n' : text.includes('\n') ? '\n' : text.includes('\r') ? '\r' : '\n';
    const nl = newline === '\r' ? '\r' : '\n';
    Papa.parse<string[]>(text, {
      delimiter: ',',
      newline,
      header: false,
      skipEmptyLines: false,
      step(result, parser) {
        const fields = result.data;
        const start = line;
        line += physicalSpan(fields, nl);
        if (outcome.fatal) return;
        // MissingQuotes: a quote never closed. InvalidQuotes: a quote "closed" by
        // text that follows it, often a later row's quote, which would run two
        // rows together and lose one. Both stop the file.
        const quoteError = result.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
        if (quoteError) {
          const what = quoteError.code === 'MissingQuotes' ? 'is never closed, so every line after it would run together' : 'is closed in the wrong place, so rows may run together';
          fail(diag('BM202', { file, line: start }, `a quoted field that opens on line ${start} ${what}`, 'close the quote on that line (a quote inside a value must be doubled: "")'));
          parser.abort();
          return;
        }
        if (fields.length === 1 && fields[0] === '') return; // a blank line
        if (!outcome.headerSeen) {
          outcome.headerSeen = true;
          const fatal = handlers.header(fields, start);
          if (fatal) {
            fail(fatal);
            parser.abort();
          }
          return;
        }
        outcome.rows++;
        handlers.row(fields, start);
      },
    });
  };

  /** A piece holds whole rows and ends with a line break (or at the end of the file). */
  const parsePiece = (piece: Buffer): void => {
    if (outcome.fatal || piece.length === 0) return;
    if (options.wantLines && outcome.headerSeen && newline !== '\r') {
      // Read back only the wanted rows: walk the piece row by row on bytes
      // (a row ends at a line break outside quotes) and parse just those.
      const want = options.wantLines;
      let start = 0;
      while (start < piece.length && !outcome.fatal) {
        let i = start;
        let inQuote = false;
        let end = piece.length;
        for (;;) {
          const q = piece.indexOf(0x22, i);
          const n = piece.indexOf(0x0a, i);
          if (n < 0) break;
          if (q >= 0 && q < n) {
            inQuote = !inQuote;
            i = q + 1;
            continue;
          }
          if (!inQuote) {
            end = n + 1;
            break;
          }
          i = n + 1;
        }
        const rowLines = countNewlines(piece.subarray(start, end), end - start) + (piece[end - 1] === 0x0a ? 0 : 1);
        if (want(line, line + 1)) parseText(trimBreak(piece.subarray(start, end).toString('utf8')));
        else line += rowLines;
        start = end;
      }
      return;
    }
    if (!isUtf8(piece)) {
      const bad = firstInvalidUtf8(piece);
      fail(diag('BM107', { file, line: line + countNewlines(piece, bad) }, 'the file is not UTF-8 (it looks like Latin-1 or Windows-1252)', 'open it in your spreadsheet and save as "CSV UTF-8", or convert it with: iconv -f WINDOWS-1252 -t UTF-8'));
      return;
    }
    const text = trimBreak(piece.toString('utf8'));
    if (text === '') {
      line++; // a piece that is one blank line
      return;
    }
    parseText(text);
  };

  for await (const raw of source) {
    if (outcome.fatal) break;
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    if (first) {
      first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
        fail(diag('BM107', { file, line: 1 }, 'the file is UTF-16 encoded', 'save it as "CSV UTF-8 (Comma delimited)" and rerun'));
        break;
      }
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      const before = cutter.rest();
      fail(diag('BM108', { file, line: line + countNewlines(before, before.length) + countNewlines(chunk, nul) }, 'the file holds NUL bytes, so it is binary or damaged', 'export the list again as plain CSV text'));
      break;
    }
    const piece = cutter.push(chunk);
    if (piece) parsePiece(piece);
  }
  if (!outcome.fatal) parsePiece(cutter.rest());
  if (!outcome.headerSeen && !outcome.fatal) {
    outcome.fatal = diag('BM102', { file, line: 1 }, 'the file is empty: it has no header row', 'export the list again with its header row');
  }
  return outcome;
}
