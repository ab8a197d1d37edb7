/**
 * Streaming CSV reading with PapaParse, reporting each row's PHYSICAL line
 * (a quoted field holding newlines spans several lines; blank lines count).
 * Bytes are checked on the way in: a UTF-16 BOM, NUL bytes and bytes that
 * are not UTF-8 (a Latin-1 export, say) stop the file with a located error.
 */
import Papa from 'papaparse';
import { Readable, Transform, type TransformCallback } from 'node:stream';
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

class Utf8Check extends Transform {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  private line = 1;
  private first = true;
  failure?: Diagnostic;

  constructor(private readonly file: string) {
    super({ readableObjectMode: false, decodeStrings: true });
    this.setEncoding('utf8');
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.failure) return done();
    if (this.first) {
      this.first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
        return this.fail(diag('BM107', { file: this.file, line: 1 }, 'the file is UTF-16 encoded', 'save it as "CSV UTF-8 (Comma delimited)" and rerun'), done);
      }
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      return this.fail(diag('BM108', { file: this.file, line: this.line + countNewlines(chunk, nul) }, 'the file holds NUL bytes, so it is binary or damaged', 'export the list again as plain CSV text'), done);
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      const bad = firstInvalidUtf8(chunk);
      return this.fail(
        diag('BM107', { file: this.file, line: this.line + countNewlines(chunk, bad) }, 'the file is not UTF-8 (it looks like Latin-1 or Windows-1252)', 'open it in your spreadsheet and save as "CSV UTF-8", or convert it with: iconv -f WINDOWS-1252 -t UTF-8'),
        done,
      );
    }
    this.line += countNewlines(chunk, chunk.length);
    done(null, text);
  }

  override _flush(done: TransformCallback): void {
    if (this.failure) return done();
    try {
      const rest = this.decoder.decode();
      done(null, rest);
    } catch {
      this.fail(diag('BM107', { file: this.file, line: this.line }, 'the file ends inside a UTF-8 character', 'export the list again as CSV UTF-8'), done);
    }
  }

  private fail(d: Diagnostic, done: TransformCallback): void {
    this.failure = d;
    done();
  }
}

function countNewlines(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(10); i >= 0 && i < end; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

function firstInvalidUtf8(buf: Buffer): number {
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if (b < 0x80) continue;
    const len = b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (i + k < buf.length && (buf[i + k]! & 0xc0) !== 0x80) return i;
    i += len - 1;
  }
  return 0;
}

/** Lines a parsed row spans: 1 plus the line breaks inside its quoted fields. */
function physicalSpan(fields: string[], linebreak: string): number {
  const nl = linebreak === '\r' ? '\r' : '\n';
  let n = 1;
  for (const f of fields) {
    for (let i = f.indexOf(nl); i >= 0; i = f.indexOf(nl, i + 1)) n++;
  }
  return n;
}

export function parseCsv(input: string | Buffer | NodeJS.ReadableStream, file: string, handlers: CsvHandlers): Promise<CsvOutcome> {
  const source: NodeJS.ReadableStream = typeof input === 'string' || Buffer.isBuffer(input) ? Readable.from([Buffer.from(input)]) : input;
  const check = new Utf8Check(file);
  const outcome: CsvOutcome = { rows: 0, headerSeen: false };
  let line = 1;
  return new Promise((resolve, reject) => {
    source.on('error', reject);
    check.on('error', reject);
    const stream = source.pipe(check);
    Papa.parse<string[]>(stream as unknown as File, {
      delimiter: ',',
      header: false,
      skipEmptyLines: false,
      step(result, parser) {
        const fields = result.data;
        const start = line;
        line += physicalSpan(fields, result.meta.linebreak);
        if (outcome.fatal) return;
        // MissingQuotes: a quote never closed. InvalidQuotes: a quote "closed" by
        // text that follows it, often a later row's quote, which would run two
        // rows together and lose one. Both stop the file.
        const quoteError = result.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
        if (quoteError) {
          const what = quoteError.code === 'MissingQuotes' ? 'is never closed, so every line after it would run together' : 'is closed in the wrong place, so rows may run together';
          outcome.fatal = diag('BM202', { file, line: start }, `a quoted field that opens on line ${start} ${what}`, 'close the quote on that line (a quote inside a value must be doubled: "")');
          parser.abort();
          return;
        }
        if (fields.length === 1 && fields[0] === '') return; // a blank line
        if (!outcome.headerSeen) {
          outcome.headerSeen = true;
          const fatal = handlers.header(fields, start);
          if (fatal) {
            outcome.fatal = fatal;
            parser.abort();
          }
          return;
        }
        outcome.rows++;
        handlers.row(fields, start);
      },
      complete() {
        if (check.failure && !outcome.fatal) outcome.fatal = check.failure;
        if (!outcome.headerSeen && !outcome.fatal) {
          outcome.fatal = diag('BM102', { file, line: 1 }, 'the file is empty: it has no header row', 'export the list again with its header row');
        }
        resolve(outcome);
      },
      error(err: Error) {
        reject(err);
      },
    });
  });
}
