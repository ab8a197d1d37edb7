/**
 * Excel workbooks (.xlsx): one sheet read row by row with exceljs's streaming
 * reader (the cells of a row at a time, never the whole workbook), each row
 * handed on as the fields a CSV line would give (src/ingest/xlsx-cells.ts),
 * so the ingest checks a workbook exactly as it checks a CSV. A row's line is
 * its row number on the sheet.
 *
 * The sheet is `--sheet NAME` (matched ignoring case, as Excel does), or the
 * first visible sheet in tab order. Other sheets are read only to tell
 * whether they hold anything (BM117). Rows whose cells are all empty are
 * skipped, as blank lines are; so are empty columns after the last one with
 * a header or a value. Before the header, empty rows are skipped; the first
 * row with a value is the header.
 *
 * The workbook's parts are first put in the order the reader needs
 * (src/ingest/xlsx-order.ts), so it streams the sheet from memory.
 */
import { Readable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { cellText, type Doubt } from './xlsx-cells';
import type { TableHandlers, TableOutcome } from './table';
import { sheetsLast } from './xlsx-order';

interface SheetModel {
  name: string;
  state?: string;
}

/** What exceljs's streaming reader exposes beyond its published types. */
interface ReaderState {
  model?: { sheets?: SheetModel[] };
  properties?: { model?: { date1904?: boolean } };
}

interface CellLike {
  value: unknown;
  numFmt?: string;
}

interface RowLike {
  number: number;
  eachCell(opts: { includeEmpty: boolean }, f: (cell: CellLike, col: number) => void): void;
}

/** Thrown when the workbook's structure can't be followed (the ingest reports BM116). */
export class WorkbookError extends Error {}

export async function parseXlsx(bytes: Buffer, file: string, handlers: TableHandlers, options: { sheet?: string; wantLines?: (from: number, to: number) => boolean } = {}): Promise<TableOutcome> {
  const outcome: TableOutcome = { rows: 0, headerSeen: false };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([await sheetsLast(bytes)]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const state = reader as unknown as ReaderState;
  let chosen: string | undefined;
  const othersWithData: string[] = [];
  for await (const ws of reader) {
    const name = (ws as unknown as { name: string }).name;
    const sheets = state.model?.sheets;
    // The tab order comes from the workbook part; a workbook that stores its sheets before it can't be followed.
    if (!sheets) throw new WorkbookError('the workbook part comes after its sheets');
    const wanted = wantedSheet(sheets, options.sheet);
    const rows = ws as unknown as AsyncIterable<RowLike>;
    if (chosen === undefined && wanted !== undefined && name === wanted.name) {
      chosen = name;
      outcome.sheet = name;
      await readSheet(rows, name, Boolean(state.properties?.model?.date1904), handlers, outcome, options.wantLines);
    } else if (await holdsData(rows)) othersWithData.push(name);
  }
  const sheets = state.model?.sheets ?? [];
  if (chosen === undefined) {
    const names = sheets.map((s) => `"${s.name}"`).join(', ');
    if (options.sheet !== undefined) {
      outcome.fatal = diag('BM115', { file }, `the workbook has no sheet named "${options.sheet}"; its sheets are ${names || '(none)'}`, 'pass --sheet with one of those names, or leave --sheet out to read the first sheet');
    } else {
      outcome.fatal = diag('BM116', { file }, 'the workbook has no sheet that can be read', 'open it in Excel and save it again as an Excel Workbook (.xlsx), or save the list as "CSV UTF-8 (Comma delimited)"');
    }
    return outcome;
  }
  if (!outcome.headerSeen && !outcome.fatal) {
    outcome.fatal = diag('BM102', { file, sheet: chosen, line: 1 }, `the sheet "${chosen}" is empty: it has no header row`, options.sheet === undefined ? 'put the list on the first sheet, or name its sheet with --sheet' : 'check that --sheet names the sheet that holds the list');
  }
  if (othersWithData.length && !outcome.fatal) {
    const n = othersWithData.length;
    outcome.warnings = [
      diag('BM117', { file, sheet: chosen }, `only the sheet "${chosen}" was read; the workbook has ${n} other sheet${n === 1 ? '' : 's'} with data (${othersWithData.map((s) => `"${s}"`).join(', ')}), not read`, 'to read another sheet instead, pass --sheet NAME; to file the cases of several sheets, move them onto one sheet, or save each sheet as its own file and pass each with --cases'),
    ];
  }
  return outcome;
}

function wantedSheet(sheets: readonly SheetModel[], name: string | undefined): SheetModel | undefined {
  if (name !== undefined) return sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  return sheets.find((s) => s.state === undefined || s.state === 'visible') ?? sheets[0];
}

/** Reads the chosen sheet, handing on the header and every row that holds a value. */
async function readSheet(rows: AsyncIterable<RowLike>, sheet: string, date1904: boolean, handlers: TableHandlers, outcome: TableOutcome, wantLines?: (from: number, to: number) => boolean): Promise<void> {
  let width = 0;
  for await (const row of rows) {
    if (outcome.fatal) continue; // read to the end all the same, so exceljs finishes (and removes its temporary file)
    if (wantLines && outcome.headerSeen && !wantLines(row.number, row.number + 1)) continue; // reading back: not this row
    const fields: string[] = [];
    let doubts: Map<number, Doubt> | undefined;
    let last = -1;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const t = cellText(cell.value, cell.numFmt, date1904);
      if (t.text === '' && t.doubt === undefined) return;
      while (fields.length < col - 1) fields.push('');
      fields[col - 1] = t.text;
      if (t.text.trim() !== '' || t.doubt) last = Math.max(last, col - 1);
      if (t.doubt) (doubts ??= new Map()).set(col - 1, t.doubt);
    });
    if (last < 0) continue; // an empty row, as a blank line
    fields.length = last + 1;
    for (let i = 0; i < fields.length; i++) fields[i] ??= '';
    if (!outcome.headerSeen) {
      outcome.headerSeen = true;
      width = fields.length;
      const fatal = handlers.header(fields, row.number, sheet);
      if (fatal) outcome.fatal = fatal;
      continue;
    }
    while (fields.length < width) fields.push('');
    outcome.rows++;
    handlers.row(fields, row.number, doubts);
  }
}

/** Whether a sheet not read holds any value; read to its end either way. */
async function holdsData(rows: AsyncIterable<RowLike>): Promise<boolean> {
  let found = false;
  for await (const row of rows) {
    if (found) continue;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (!found && cell.value !== null && cell.value !== undefined && String(cellText(cell.value, cell.numFmt, false).text).trim() !== '') found = true;
    });
  }
  return found;
}

/** A fatal diagnostic for a workbook that exceljs could not read to the end. */
export function unreadableWorkbook(file: string): Diagnostic {
  return diag('BM116', { file }, 'the workbook cannot be read: it is damaged, cut short, or not saved by a spreadsheet program bulk-motions knows', 'open it in Excel and save it again as an Excel Workbook (.xlsx), or save the list as "CSV UTF-8 (Comma delimited)"');
}
