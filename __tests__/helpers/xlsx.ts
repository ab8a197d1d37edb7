/**
 * Small Excel workbooks for tests, written with exceljs's own writer: cells
 * as text, numbers (with a number format), dates, formulas with their cached
 * result, rich text; several sheets, hidden ones, the 1904 date system.
 */
import * as ExcelJS from 'exceljs';
import Papa from 'papaparse';

/** A cell: a plain value, or a value with its number format. */
export type CellSpec = ExcelJS.CellValue | { v: ExcelJS.CellValue; fmt: string };

export interface SheetSpec {
  name: string;
  rows: CellSpec[][];
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** Row number of the first row (default 1): rows above are left empty. */
  startRow?: number;
  /** Ranges to merge, e.g. 'A2:B2'. */
  merges?: string[];
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  date1904?: boolean;
}

export async function xlsxOf(spec: WorkbookSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (spec.date1904) wb.properties.date1904 = true;
  for (const s of spec.sheets) {
    const ws = wb.addWorksheet(s.name, s.state ? { state: s.state } : {});
    s.rows.forEach((row, i) => {
      row.forEach((c, j) => {
        const cell = ws.getCell((s.startRow ?? 1) + i, j + 1);
        if (c !== null && typeof c === 'object' && 'fmt' in c && 'v' in c) {
          cell.value = c.v;
          cell.numFmt = c.fmt;
        } else cell.value = c as ExcelJS.CellValue;
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One sheet of rows. */
export function sheetOf(rows: CellSpec[][], name = 'Sheet1'): Promise<Buffer> {
  return xlsxOf({ sheets: [{ name, rows }] });
}

/**
 * A CSV as a workbook. `typed` writes cells the way Excel reads a CSV it
 * opens: digits as numbers (unless they start with 0), MM/DD/YYYY as dates
 * shown mm/dd/yyyy; otherwise every cell is text.
 */
export function csvAsXlsx(csv: string, opts: { typed?: boolean; name?: string } = {}): Promise<Buffer> {
  const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: false }).data.filter((r) => !(r.length === 1 && r[0] === ''));
  const typed = (v: string, row: number): CellSpec => {
    if (!opts.typed || row === 0) return v;
    const d = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
    if (d) return { v: new Date(Date.UTC(+d[3]!, +d[1]! - 1, +d[2]!)), fmt: 'mm/dd/yyyy' };
    if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(v)) return Number(v);
    return v;
  };
  return sheetOf(
    rows.map((r, i) => r.map((v) => typed(v, i))),
    opts.name ?? 'Sheet1',
  );
}
