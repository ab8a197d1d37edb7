/**
 * Excel workbooks (.xlsx) as case lists: cells become the text a CSV field
 * would hold (dates as ISO dates, numbers as shown, identifiers with their
 * digits), rows go through the same checks as a CSV's, and diagnostics say
 * the sheet, the row and the column letter. Workbooks are written in the test
 * with exceljs's writer (__tests__/helpers/xlsx.ts).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { formatDiagnostic, type Diagnostic, type DiagnosticCode } from '../src/diagnostics/catalog';
import { cellText, columnLetter, unescapeExcel } from '../src/ingest/xlsx-cells';
import { runPipeline, type PipelineResult } from '../src/pipeline';
import { GOGEN_COLUMNS, gogenCsv, run } from './helpers/fixtures';
import { csvAsXlsx, sheetOf, xlsxOf, type CellSpec, type SheetSpec } from './helpers/xlsx';
import Papa from 'papaparse';

const FILE = 'cases.csv'; // the name the fixtures' run() gives the list: the content, not the name, says it is a workbook
const letter = (column: string) => columnLetter(GOGEN_COLUMNS.indexOf(column as (typeof GOGEN_COLUMNS)[number]) + 1);
/** The default gogen row, as text cells. */
const DEFAULT_ROW: Record<string, string> = Papa.parse<Record<string, string>>(gogenCsv([{}]), { header: true }).data[0]!;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
/** Excel's 1900-system serial of a date after February 1900. */
const serial = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;

/** A gogen sheet: the header, then one row per override set, every other cell the default as text. */
function gogenRows(rows: Array<Record<string, CellSpec>>): CellSpec[][] {
  return [[...GOGEN_COLUMNS], ...rows.map((o) => GOGEN_COLUMNS.map((c) => (c in o ? o[c]! : DEFAULT_ROW[c]!)))];
}

function gogenBook(rows: Array<Record<string, CellSpec>>, opts: { date1904?: boolean; name?: string } = {}): Promise<Buffer> {
  return xlsxOf({ sheets: [{ name: opts.name ?? 'Cases', rows: gogenRows(rows) }], ...(opts.date1904 ? { date1904: true } : {}) });
}

const codesOf = (r: PipelineResult) => r.diagnostics.map((d) => d.code);
const find = (r: PipelineResult, code: DiagnosticCode) => r.diagnostics.find((d) => d.code === code);

// ---------------------------------------------------------------- one cell at a time

interface CellCase {
  name: string;
  cells: Record<string, CellSpec>;
  date1904?: boolean;
  /** The case filed from the row. */
  filed?: { caseNumber?: string; convictionDate?: string };
  /** Or the diagnostic the row gets, at row 2 of sheet Cases, in this column. */
  diagnostic?: { code: DiagnosticCode; column: string };
}

const cellCases: CellCase[] = [
  { name: 'text cells, as written', cells: {}, filed: { caseNumber: 'BA100001', convictionDate: '1990-03-04' } },
  { name: 'a date cell shown mm/dd/yyyy is its ISO date', cells: { 'Date of Conviction': { v: utc(1990, 3, 4), fmt: 'mm/dd/yyyy' } }, filed: { convictionDate: '1990-03-04' } },
  { name: 'a date cell shown d-mmm-yy is its ISO date', cells: { 'Date of Conviction': { v: utc(1990, 3, 4), fmt: 'd-mmm-yy' } }, filed: { convictionDate: '1990-03-04' } },
  { name: 'a serial number shown as a date', cells: { 'Date of Conviction': { v: serial(1990, 3, 4), fmt: 'm/d/yyyy' } }, filed: { convictionDate: '1990-03-04' } },
  { name: "the 1900 leap-year bug: serial 59 is 1900-02-28", cells: { 'Date of Conviction': { v: 59, fmt: 'm/d/yyyy' } }, filed: { convictionDate: '1900-02-28' } },
  { name: 'the 1900 leap-year bug: serial 61 is 1900-03-01', cells: { 'Date of Conviction': { v: 61, fmt: 'm/d/yyyy' } }, filed: { convictionDate: '1900-03-01' } },
  { name: "the 1900 leap-year bug: serial 60 is Excel's 1900-02-29, which never was", cells: { 'Date of Conviction': { v: 60, fmt: 'm/d/yyyy' } }, diagnostic: { code: 'BM204', column: 'Date of Conviction' } },
  { name: 'the 1904 date system: a serial counts from 1904-01-01', date1904: true, cells: { 'Date of Conviction': { v: serial(1990, 3, 4) - 1462, fmt: 'm/d/yyyy' } }, filed: { convictionDate: '1990-03-04' } },
  { name: 'the 1904 date system: a date cell', date1904: true, cells: { 'Date of Conviction': { v: utc(1990, 3, 4), fmt: 'yyyy-mm-dd' } }, filed: { convictionDate: '1990-03-04' } },
  { name: "a formula's cached date", cells: { 'Date of Conviction': { v: { formula: 'DATE(1990,3,4)', result: serial(1990, 3, 4) }, fmt: 'mm/dd/yyyy' } }, filed: { convictionDate: '1990-03-04' } },
  { name: 'a date and time is not a date', cells: { 'Date of Conviction': { v: serial(1990, 3, 4) + 0.5625, fmt: 'm/d/yyyy h:mm' } }, diagnostic: { code: 'BM204', column: 'Date of Conviction' } },
  { name: 'an ISO date typed as text is read on a sheet', cells: { 'Date of Conviction': '1990-03-04' }, filed: { convictionDate: '1990-03-04' } },
  { name: 'a DOJ date stored as a number (19900304)', cells: { 'Date of Conviction': '', DISP_DATE: 19900304 }, filed: { convictionDate: '1990-03-04' } },
  { name: 'a case number kept with leading zeros by its format (00000000)', cells: { OFN: { v: 1234, fmt: '00000000' }, 'Case Number': { v: 1234, fmt: '00000000' } }, filed: { caseNumber: '00001234' } },
  { name: 'a case number shown with a prefix ("BA"000000)', cells: { OFN: { v: 100001, fmt: '"BA"000000' } }, filed: { caseNumber: 'BA100001' } },
  { name: 'a case number as a General number of 11 digits', cells: { OFN: 12345678901 }, filed: { caseNumber: '12345678901' } },
  { name: 'a case number shown as 1.23E+10 keeps its digits', cells: { OFN: { v: 12345678901, fmt: '0.00E+00' } }, filed: { caseNumber: '12345678901' } },
  { name: 'a case number of 12 digits (General shows 1.23457E+11) keeps its digits', cells: { OFN: 123456789012 }, filed: { caseNumber: '123456789012' } },
  { name: 'a case number of 17 digits: Excel kept only 15', cells: { OFN: 12345678901234567 }, diagnostic: { code: 'BM214', column: 'OFN' } },
  { name: 'a case number Excel turned into a date', cells: { OFN: { v: utc(2026, 3, 12), fmt: 'd-mmm' } }, diagnostic: { code: 'BM214', column: 'OFN' } },
  { name: 'a case number that is an error cell', cells: { OFN: { error: '#N/A' } }, diagnostic: { code: 'BM214', column: 'OFN' } },
  { name: 'a case number from a formula whose result is an error', cells: { OFN: { formula: 'VLOOKUP(A1,B:C,2,FALSE)', result: { error: '#N/A' } } }, diagnostic: { code: 'BM214', column: 'OFN' } },
  { name: "a case number from a formula: its cached text", cells: { OFN: { formula: '"BA"&"100001"', result: 'BA100001' } }, filed: { caseNumber: 'BA100001' } },
  { name: 'a case number in rich text is its plain text', cells: { OFN: { richText: [{ text: 'BA10' }, { font: { bold: true }, text: '0001' }] } }, filed: { caseNumber: 'BA100001' } },
  { name: 'a CII stored as a number', cells: { CII_NUMBER: 99887766 }, filed: { caseNumber: 'BA100001' } },
  { name: 'a CII of 16 digits', cells: { CII_NUMBER: 1234567890123456 }, diagnostic: { code: 'BM214', column: 'CII_NUMBER' } },
  { name: 'numbers and booleans in other columns', cells: { 'Years Since This Conviction': 36.7, Deceased: false, SENT_LENGTH: 30 }, filed: { caseNumber: 'BA100001' } },
];

describe('Excel cells read as the text of a CSV field', () => {
  test.each(cellCases)('$name', async (c) => {
    const r = await run(await gogenBook([c.cells], c.date1904 ? { date1904: true } : {}));
    expect(r.fatal).toBe(false);
    if (c.filed) {
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.ingest!.cases).toHaveLength(1);
      expect(r.ingest!.cases[0]).toMatchObject(c.filed);
    } else {
      const d = find(r, c.diagnostic!.code);
      expect(d).toMatchObject({ file: FILE, sheet: 'Cases', line: 2, column: c.diagnostic!.column, columnLetter: letter(c.diagnostic!.column) });
      expect(r.ingest!.cases).toEqual([]);
      expect(r.reconciliation!.ok).toBe(true);
    }
  });
});

describe('cellText, unit by unit', () => {
  test.each([
    ['General whole number', 42, 'General', { text: '42' }],
    ['a fraction shown as General', 36.7, undefined, { text: '36.7' }],
    ['float noise shown as General', 0.1 + 0.2, 'General', { text: '0.3' }],
    ['zero-padded', 7, '000', { text: '007' }],
    ['thousands separators are shown', 12345, '#,##0', { text: '12,345' }],
    ['a rounded fraction is doubtful', 12.6, '0', { text: '13', doubt: 'digits' }],
    ['16 digits are doubtful', 1234567890123456, 'General', { doubt: 'digits' }],
    ['a date', serial(2001, 2, 3), 'yyyy-mm-dd', { text: '2001-02-03', doubt: 'date' }],
    ['a time alone', 0.75, 'h:mm', { text: '18:00:00', doubt: 'date' }],
    ['a negative serial is no date', -3, 'm/d/yyyy', { text: '-3', doubt: 'date' }],
  ] as const)('%s', (_n, value, fmt, want) => {
    expect(cellText(value, fmt, false)).toMatchObject(want);
  });

  test('a formula saved without its result, and booleans', () => {
    expect(cellText({ formula: 'A1' }, undefined, false)).toEqual({ text: '', doubt: 'uncalculated' });
    expect(cellText(true, undefined, false)).toEqual({ text: 'TRUE' });
  });

  test("Excel's _xHHHH_ escapes are undone, _x005F_ protects a literal one, NUL stays escaped", () => {
    expect(unescapeExcel('A_x000D__x000A_B')).toBe('A\r\nB');
    expect(unescapeExcel('_x005F_x0041_')).toBe('_x0041_');
    expect(unescapeExcel('a_x0000_b')).toBe('a_x0000_b');
  });

  test('column letters', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

// ---------------------------------------------------------------- rows, sheets and where things are

describe('rows and sheets', () => {
  test('rows above the header and empty rows are skipped; lines are row numbers; diagnostics name sheet, row and column letter', async () => {
    const rows = gogenRows([{}, { STP_ORI_DESCR: 'Nowhere Court' }]);
    const book = await xlsxOf({ sheets: [{ name: 'Cases', startRow: 3, rows: [rows[0]!, rows[1]!, [], rows[2]!] }] });
    const r = await run(book);
    expect(r.reconciliation!.counts.inputRows).toBe(2);
    expect(r.ingest!.cases[0]!.sources).toEqual([{ file: FILE, line: 4, sheet: 'Cases' }]);
    const d = find(r, 'BM203')!;
    expect(d).toMatchObject({ file: FILE, sheet: 'Cases', line: 6, column: 'STP_ORI_DESCR', columnLetter: 'H' });
    expect(formatDiagnostic(d).split('\n')[0]).toBe(`${FILE} [Cases] row 6, column H (STP_ORI_DESCR): error BM203 unknown-court: ${d.message}`);
  });

  test('empty formatted cells after the header are ignored; a value there is a row with a value in a column without a header', async () => {
    const rows = gogenRows([{}, {}]);
    const width = GOGEN_COLUMNS.length;
    rows[1]!.push({ v: null, fmt: '0.00' }, { v: null, fmt: '@' });
    rows[2]![width + 1] = 'stray';
    const r = await run(await sheetOf(rows, 'Cases'));
    expect(r.ingest!.cases).toHaveLength(1);
    const d = find(r, 'BM201')!;
    expect(d).toMatchObject({ sheet: 'Cases', line: 3, columnLetter: columnLetter(width + 2) });
    expect(d.message).toContain(`column ${columnLetter(width + 2)}`);
    expect(r.ingest!.rejected.map((l) => l.raw.ref.line)).toEqual([3]);
  });

  test('a merged cell is its top-left value; the other cells of the merge are empty, as in a CSV saved by Excel', async () => {
    const rows = gogenRows([{ OFN: 'BA100001' }, { OFN: 'BA100002', 'Case Number': 'BA100002' }]);
    const court = GOGEN_COLUMNS.indexOf('STP_ORI_DESCR');
    rows[2]![court] = null;
    const at = `${columnLetter(court + 1)}2:${columnLetter(court + 1)}3`;
    const r = await run(await xlsxOf({ sheets: [{ name: 'Cases', rows, merges: [at] }] }));
    expect(r.ingest!.cases.map((c) => c.caseNumber)).toEqual(['BA100001']);
    expect(find(r, 'BM208')).toMatchObject({ line: 3, column: 'STP_ORI_DESCR', columnLetter: 'H' });
  });

  const other: SheetSpec = { name: 'Notes', rows: [['anything']] };
  const book = (sheets: SheetSpec[]) => xlsxOf({ sheets });
  const cases = (name: string, state?: SheetSpec['state']): SheetSpec => ({ name, rows: gogenRows([{}]), ...(state ? { state } : {}) });

  test('the first visible sheet is read by default; another sheet with data is named (BM117)', async () => {
    const r = await run(await book([{ name: 'Hidden', rows: [['x']], state: 'hidden' }, cases('Cases'), other, { name: 'Empty', rows: [] }]));
    expect(r.ingest!.files).toEqual([expect.objectContaining({ file: FILE, rows: 1, sheet: 'Cases' })]);
    const d = find(r, 'BM117')!;
    expect(d).toMatchObject({ severity: 'warning', file: FILE, sheet: 'Cases' });
    expect(d.message).toContain('"Hidden", "Notes"');
    expect(d.message).not.toContain('Empty');
  });

  test('no BM117 when the other sheets are empty', async () => {
    const r = await run(await book([cases('Cases'), { name: 'Sheet2', rows: [] }]));
    expect(codesOf(r)).not.toContain('BM117');
  });

  test('--sheet picks a sheet, matched ignoring case', async () => {
    const r = await run(await book([other, cases('Prop 64')]), { sheet: 'prop 64' });
    expect(r.ingest!.cases).toHaveLength(1);
    expect(r.ingest!.files[0]!.sheet).toBe('Prop 64');
  });

  test('--sheet naming no sheet is fatal and lists the sheets there are (BM115)', async () => {
    const r = await run(await book([cases('Cases'), other]), { sheet: 'Sheet1' });
    expect(r.fatal).toBe(true);
    expect(find(r, 'BM115')!.message).toBe('the workbook has no sheet named "Sheet1"; its sheets are "Cases", "Notes"');
  });

  test('an empty sheet is BM102; a header alone is BM103', async () => {
    expect(codesOf(await run(await book([{ name: 'Cases', rows: [] }])))).toContain('BM102');
    const r = await run(await sheetOf([[...GOGEN_COLUMNS]], 'Cases'));
    expect(find(r, 'BM103')).toMatchObject({ sheet: 'Cases', line: 1 });
  });

  test('the same workbook twice is BM113, found by its bytes', async () => {
    const b = await gogenBook([{}]);
    const r = await run(b, { extraFiles: [{ name: 'again.xlsx', content: b }] });
    expect(codesOf(r)).toContain('BM113');
  });

  test('parts stored in any order are read, and no sheet is copied to a temporary file', async () => {
    // Excel stores a sheet before the shared strings, others the workbook part last: exceljs would copy
    // such a sheet (with its personal data) to a temporary file, or stop; the entries are laid out again.
    const tmpFile = jest.spyOn(require('tmp') as { file: (...a: unknown[]) => void }, 'file');
    const parts = unzipSync(new Uint8Array(await gogenBook([{}, { OFN: 'BA100002' }])));
    const order = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'xl/styles.xml', 'xl/workbook.xml'];
    const rest = Object.keys(parts).filter((k) => !order.includes(k));
    const reordered = Buffer.from(zipSync(Object.fromEntries([...order, ...rest].map((k) => [k, parts[k]!]))));
    const r = await run(reordered);
    expect(r.fatal).toBe(false);
    expect(r.ingest!.cases.map((c) => c.caseNumber)).toEqual(['BA100001', 'BA100002']);
    const excelOrder = Buffer.from(zipSync(Object.fromEntries([...['xl/worksheets/sheet1.xml'], ...Object.keys(parts).filter((k) => k !== 'xl/worksheets/sheet1.xml')].map((k) => [k, parts[k]!]))));
    expect((await run(excelOrder)).ingest!.cases).toHaveLength(2);
    expect(tmpFile).not.toHaveBeenCalled();
    tmpFile.mockRestore();
  });

  test('a row of a workbook sent to review is read back from the same sheet', async () => {
    // Two rows of one case, the second without felony/misdemeanor status: the first row, headed for a
    // filing, is not held, and is read back once its case goes to review.
    const r = await run(await book([other, { name: 'Cases', rows: gogenRows([{}, { CONV_STAT_DESCR: '' }]) }]), { sheet: 'Cases' });
    expect(r.fatal).toBe(false);
    expect(r.ingest!.review.map((l) => [l.raw.ref.line, l.raw.ref.sheet])).toEqual([
      [2, 'Cases'],
      [3, 'Cases'],
    ]);
  });
});

// ---------------------------------------------------------------- formats we do not read

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ole = (...streams: string[]) => Buffer.concat([OLE, Buffer.alloc(504), ...streams.map((s) => Buffer.from(s, 'utf16le')), Buffer.alloc(512)]);
const zip = (files: Record<string, string>) => Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]))));

describe('files that are not CSV or .xlsx are refused with what to do', () => {
  test.each([
    ['an old .xls', ole('Root Entry', 'Workbook'), 'BM114', /old-style Excel workbook \(\.xls/, /save it as an Excel Workbook \(\.xlsx\) or as "CSV UTF-8/],
    ['a password-protected .xlsx', ole('EncryptionInfo', 'EncryptedPackage'), 'BM116', /encrypted with a password/, /Encrypt with Password/],
    ['an OpenDocument .ods', zip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }), 'BM114', /OpenDocument/, /Excel 2007-365 \(\.xlsx\)/],
    ['an Apple Numbers file', zip({ 'Index/Document.iwa': 'x' }), 'BM114', /Apple Numbers/, /Export To > Excel/],
    ['an .xlsb', zip({ '[Content_Types].xml': '<x/>', 'xl/workbook.bin': 'x' }), 'BM114', /\.xlsb/, /\.xlsx/],
    ['a Word document', zip({ 'word/document.xml': '<x/>' }), 'BM114', /Word document/, /\.xlsx\) or CSV/],
    ['another zip', zip({ 'cases.csv': 'a,b' }), 'BM114', /zip archive/, /unzip it/],
    ['a PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj\n', 'latin1'), 'BM114', /PDF/, /\.xlsx\) or CSV/],
  ])('%s', async (_name, bytes, code, message, hint) => {
    const r = await run(bytes);
    expect(r.fatal).toBe(true);
    const d = find(r, code as DiagnosticCode)!;
    expect(d).toMatchObject({ file: FILE, severity: 'fatal' });
    expect(d.message).toMatch(message);
    expect(d.hint).toMatch(hint);
  });

  test('a workbook cut short is BM116, not a crash', async () => {
    const b = await gogenBook([{}]);
    const r = await run(b.subarray(0, Math.floor(b.length * 0.6)));
    expect(r.fatal).toBe(true);
    expect(codesOf(r)).toEqual(['BM116']);
  });

  test('a text file with NUL bytes is still BM108 (damaged text)', async () => {
    const r = await run(`${gogenCsv([{}])}\u0000\u0000`);
    expect(codesOf(r)).toContain('BM108');
  });
});

// ---------------------------------------------------------------- the same list, as CSV and as a workbook

describe('the Los Angeles sample as CSV and as a workbook gives the same plan', () => {
  const root = path.join(__dirname, '..');
  const csv = readFileSync(path.join(root, 'samples', 'los-angeles', 'cases.csv'), 'utf8');
  const configText = readFileSync(path.join(root, 'samples', 'los-angeles', 'config.yaml'), 'utf8');
  const plan = (name: string, content: string | Buffer) => runPipeline({ configText, configFile: 'config.yaml', cases: [{ name, open: () => content }], asOf: '2026-11-26' });
  /** The plan without where rows came from (cases.csv:12 vs cases.xlsx:12). */
  const filings = (r: PipelineResult) => r.plan!.filings.map((f) => ({ ...f, cases: f.cases.map((c) => ({ ...c, sources: c.sources.map((s) => s.line) })) }));
  const modLocation = (ds: Diagnostic[]) => ds.map(({ file: _f, sheet: _s, columnLetter: _l, ...rest }) => rest);
  let fromCsv: PipelineResult;
  beforeAll(async () => {
    fromCsv = await plan('cases.csv', csv);
  });

  test.each([
    ['every cell text', false],
    ['cells typed as Excel reads a CSV (numbers, dates shown mm/dd/yyyy)', true],
  ])('%s', async (_name, typed) => {
    const fromXlsx = await plan('cases.xlsx', await csvAsXlsx(csv, { typed, name: 'All_Results' }));
    expect(fromXlsx.fatal).toBe(false);
    expect(fromXlsx.reconciliation!.counts).toEqual(fromCsv.reconciliation!.counts);
    expect(filings(fromXlsx)).toEqual(filings(fromCsv));
    expect(modLocation(fromXlsx.diagnostics)).toEqual(modLocation(fromCsv.diagnostics));
    // Every located diagnostic of the workbook names its sheet.
    for (const d of fromXlsx.diagnostics) if (d.file === 'cases.xlsx') expect(d.sheet).toBe('All_Results');
    for (const k of ['review', 'excluded', 'rejected'] as const) expect(fromXlsx.ingest![k].map((l) => [l.raw.ref.line, l.diagnostic.code])).toEqual(fromCsv.ingest![k].map((l) => [l.raw.ref.line, l.diagnostic.code]));
  });

  test('the comparison sees a difference: a workbook missing one row does not give the same plan', async () => {
    const lines = csv.split('\n');
    const fewer = await plan('cases.xlsx', await csvAsXlsx([...lines.slice(0, 2), ...lines.slice(3)].join('\n')));
    expect(fewer.reconciliation!.counts).not.toEqual(fromCsv.reconciliation!.counts);
  });
});

