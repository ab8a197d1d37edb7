/**
 * A case list, whatever it was saved as: the first bytes say which. A zip
 * holding a workbook part (`xl/workbook.xml`) is an Excel workbook, read by
 * src/ingest/xlsx.ts; files we know but do not read (an old .xls, an
 * OpenDocument .ods, Apple Numbers, a PDF, a password-protected workbook)
 * stop with a diagnostic saying how to save them (BM114, BM116); anything
 * else is read as CSV (src/ingest/csv.ts), whose byte checks (BM107, BM108)
 * still catch damaged text. The extension is never trusted.
 *
 * A workbook is read into memory whole before its sheet is streamed: a zip's
 * directory is at its end. The sha256 is of the file's bytes, as for a CSV.
 */
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { parseCsv, type CsvOptions, type CsvOutcome } from './csv';
import { parseXlsx, unreadableWorkbook, WorkbookError } from './xlsx';
import type { Doubt } from './xlsx-cells';

export type { Doubt };

export interface TableHandlers {
  /** The header row; `sheet` is set when the file is a workbook. Return a fatal diagnostic to stop reading. */
  header(fields: string[], line: number, sheet?: string): Diagnostic | undefined;
  /** A data row; in a workbook, `doubts` marks the cells whose text may not be what was typed (by field index). */
  row(fields: string[], line: number, doubts?: ReadonlyMap<number, Doubt>): void;
}

export interface TableOutcome extends CsvOutcome {
  /** The sheet read, when the file is a workbook. */
  sheet?: string;
  /** Notes that do not stop the file (BM117). */
  warnings?: Diagnostic[];
}

export interface TableOptions extends CsvOptions {
  /** The sheet to read from a workbook (default: the first). */
  sheet?: string;
}

type Input = string | Buffer | NodeJS.ReadableStream;

export async function parseTable(input: Input, file: string, handlers: TableHandlers, options: TableOptions = {}): Promise<TableOutcome> {
  const chunks = chunksOf(input);
  // Enough of the start to know the format.
  const head: Buffer[] = [];
  let length = 0;
  while (length < 8) {
    const next = await chunks.next();
    if (next.done) break;
    const b = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(b);
    length += b.length;
  }
  const start = Buffer.concat(head);
  const kind = sniff(start);
  const rest: AsyncIterable<Buffer | string> = { [Symbol.asyncIterator]: () => chunks };
  if (kind === 'text') return parseCsv(joined(head, rest), file, handlers, options);

  const all: Buffer[] = [start];
  for await (const c of rest) all.push(typeof c === 'string' ? Buffer.from(c) : c);
  const bytes = Buffer.concat(all);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const refused = kind === 'zip' ? zipFormat(bytes, file) : kind === 'ole' ? oleFormat(bytes, file) : pdf(file);
  if (refused) return { rows: 0, headerSeen: false, fatal: refused, sha256 };
  try {
    return { ...(await parseXlsx(bytes, file, handlers, options)), sha256 };
  } catch (e) {
    if (e instanceof WorkbookError || isParseError(e)) return { rows: 0, headerSeen: false, fatal: unreadableWorkbook(file), sha256 };
    throw e;
  }
}

type Kind = 'text' | 'zip' | 'ole' | 'pdf';

function sniff(b: Buffer): Kind {
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6))) return 'zip';
  if (b.length >= 8 && b.subarray(0, 8).equals(OLE)) return 'ole';
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  return 'text';
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const SAVE_AS = 'open it in Excel and save it as an Excel Workbook (.xlsx) or as "CSV UTF-8 (Comma delimited)" (File > Save As, then pick the type), and pass that file';

/** A zip: an Excel workbook (undefined: read it), or the diagnostic for what else it is. */
function zipFormat(bytes: Buffer, file: string): Diagnostic | undefined {
  const names = new Set<string>();
  try {
    unzipSync(bytes, {
      filter(f) {
        names.add(f.name);
        return false;
      },
    });
  } catch {
    return diag('BM116', { file }, 'the file starts as a zip archive (as an .xlsx does) but is damaged or cut short', 'copy or download the file again; if Excel opens it, save it again as an Excel Workbook (.xlsx)');
  }
  if (names.has('xl/workbook.xml')) return undefined;
  const refuse = (what: string, hint: string) => diag('BM114', { file }, `the file is ${what}, which bulk-motions does not read`, hint);
  if (names.has('xl/workbook.bin')) return refuse('an Excel binary workbook (.xlsb)', SAVE_AS);
  if (names.has('mimetype') && names.has('content.xml')) return refuse('an OpenDocument file (.ods)', 'open it in LibreOffice Calc or Excel and save it as Excel 2007-365 (.xlsx) or as Text CSV with UTF-8 and commas, and pass that file');
  if ([...names].some((n) => n.startsWith('Index/') || n === 'Index.zip')) return refuse('an Apple Numbers document', 'in Numbers, choose File > Export To > Excel (.xlsx) or CSV (Unicode UTF-8), and pass that file');
  if (names.has('word/document.xml')) return refuse('a Word document', 'pass the case list itself, as an Excel Workbook (.xlsx) or CSV');
  return refuse('a zip archive, not a workbook', 'unzip it and pass the case list inside (.xlsx or CSV)');
}

/** An OLE compound file: an old .xls, or a workbook encrypted with a password. */
function oleFormat(bytes: Buffer, file: string): Diagnostic {
  if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
    return diag('BM116', { file }, 'the workbook is encrypted with a password, so it cannot be read', 'in Excel, choose File > Info > Protect Workbook > Encrypt with Password, clear the password and save; or save a copy as "CSV UTF-8 (Comma delimited)"');
  }
  const xls = bytes.includes(Buffer.from('Workbook', 'utf16le')) || bytes.includes(Buffer.from('Book', 'utf16le'));
  return diag('BM114', { file }, `the file is ${xls ? 'an old-style Excel workbook (.xls, Excel 97-2003)' : 'an old-style Office file (Excel 97-2003 or Word 97-2003)'}, which bulk-motions does not read`, SAVE_AS);
}

function pdf(file: string): Diagnostic {
  return diag('BM114', { file }, 'the file is a PDF, which bulk-motions does not read', 'pass the case list as an Excel Workbook (.xlsx) or CSV; export it again from the system that printed the PDF');
}

function chunksOf(input: Input): AsyncIterator<Buffer | string> {
  if (typeof input === 'string' || Buffer.isBuffer(input)) {
    const whole = Buffer.from(input);
    return (async function* () {
      yield whole;
    })();
  }
  return (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
}

async function* joined(head: Buffer[], rest: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
  yield* head;
  yield* rest;
}

/** The XML or zip errors exceljs's reader throws for a damaged workbook (never a bug of ours: those are TypeErrors and the like). */
function isParseError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError) return false;
  return true;
}
