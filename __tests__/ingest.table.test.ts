/**
 * Ingest, table-driven: one or more cases for every diagnostic ingest can
 * raise (BM102-BM506), each checking the code, the file, the PHYSICAL line
 * (header = line 1), the column, the bucket the row ends in, and that every
 * input row is accounted for. A second table checks rows that must be filed.
 */
import Papa from 'papaparse';
import { Readable } from 'node:stream';
import { runPipeline } from '../src/pipeline';
import { rowFields } from '../src/ingest/types';
import { CATALOG, type Diagnostic, type DiagnosticCode } from '../src/diagnostics/catalog';
import type { PipelineResult } from '../src/pipeline';
import type { CaseRecord } from '../src/domain';
import {
  BASE_CONFIG_YAML,
  CANONICAL_COLUMNS,
  DA_MISDEMEANOR_FALLBACK,
  GOGEN_COLUMNS,
  canonicalCsv,
  edit,
  gogenCsv,
  run,
  type RunOptions,
} from './helpers/fixtures';
import { sheetOf, xlsxOf } from './helpers/xlsx';

type Bucket = 'rejected' | 'review' | 'excluded' | 'filed' | 'challenged';
type GogenRow = Parameters<typeof gogenCsv>[0][number];

const FILE = 'cases.csv';
const CANONICAL: RunOptions = { preset: 'canonical' };
const NO_FALLBACK: RunOptions = { configYaml: edit(BASE_CONFIG_YAML, DA_MISDEMEANOR_FALLBACK, '') };
/** The DA states a basis for asking relief beyond the statute; Long Beach does not. */
const DA_BASIS_YAML = edit(BASE_CONFIG_YAML, '    email: prop64@da.example.org\n', '    email: prop64@da.example.org\n    beyond_statute_basis: The District Attorney asks, as a matter of discretion, for more than the statute gives.\n');
const DA_BASIS: RunOptions = { configYaml: DA_BASIS_YAML };
const SENTENCE_REVIEW: RunOptions = { configYaml: `${BASE_CONFIG_YAML}sentence_not_completed: review\n` };
const SALE = '11359 HS-MARIJUANA POSSESION FOR SALE';

/** One data line of a gogen CSV (no header, no line end). */
const gogenLine = (row: GogenRow): string => gogenCsv([row]).split('\n')[1]!;
const G = gogenCsv;
const C = canonicalCsv;

// ---------------------------------------------------------------- helpers

function allDiagnostics(r: PipelineResult): Diagnostic[] {
  const i = r.ingest;
  return [...r.diagnostics, ...(i ? [...i.rejected, ...i.review, ...i.excluded].map((l) => l.diagnostic) : [])];
}

/** Every bucket holding the row at file:line (a row must be in exactly one). */
function bucketsOf(r: PipelineResult, line: number, file = FILE): Bucket[] {
  const i = r.ingest!;
  const at = (ref: { file: string; line: number }) => ref.file === file && ref.line === line;
  const out: Bucket[] = [];
  if (i.rejected.some((l) => at(l.raw.ref))) out.push('rejected');
  if (i.review.some((l) => at(l.raw.ref))) out.push('review');
  if (i.excluded.some((l) => at(l.raw.ref))) out.push('excluded');
  if (i.cases.some((c) => c.sources.some(at))) out.push('filed');
  if (r.plan!.filings.some((f) => f.challenge && f.cases.some((c) => c.sources.some(at)))) out.push('challenged');
  return out;
}

/** DOB and CII values in the input, in the forms a message might echo them. */
function secretsOf(input: string | Buffer): string[] {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  const out = new Set<string>();
  for (const row of parsed.data) {
    for (const col of ['PRI_DOB', 'CII_NUMBER', 'dob', 'cii']) {
      const v = (row[col] ?? '').trim();
      if (v.length < 6) continue;
      out.add(v);
      const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
      if (m) out.add(`${m[1]}-${m[2]}-${m[3]}`).add(`${m[2]}/${m[3]}/${m[1]}`);
    }
  }
  return [...out];
}

function expectNoSecretsIn(r: PipelineResult, inputs: Array<string | Buffer>): void {
  const secrets = inputs.flatMap(secretsOf);
  const texts = allDiagnostics(r).map((d) => `${d.code}: ${d.message} | ${d.hint ?? ''}`);
  for (const s of secrets) expect(texts.filter((t) => t.includes(s))).toEqual([]);
}

function expectReconciled(r: PipelineResult): void {
  expect(r.fatal).toBe(false);
  const c = r.reconciliation!.counts;
  expect(c.inputRows).toBe(c.filedRows + c.challengedRows + c.excludedRows + c.reviewRows + c.rejectedRows);
  expect(c.inputRows).toBe(r.ingest!.files.reduce((n, f) => n + f.rows, 0));
  expect(r.reconciliation!.ok).toBe(true);
}

// ---------------------------------------------------------------- table 1: diagnostics

/** An Excel workbook, built when its test runs (exceljs writes asynchronously); `csv` is its text, for the secrets check. */
interface Workbook {
  build: () => Promise<Buffer>;
  csv?: string;
}

/** A gogen CSV as a one-sheet workbook, every cell text but those in `typed` (by column, the row's value). */
function gogenBook(csv: string, typed: Record<string, unknown> = {}, sheets: Array<{ name: string; rows: unknown[][] }> = []): Workbook {
  const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
  const header = rows[0]!;
  const cells = rows.map((r, i) => (i === 0 ? r : r.map((v, j) => (header[j]! in typed ? typed[header[j]!] : v))));
  return { csv, build: () => (sheets.length ? xlsxOf({ sheets: [{ name: 'Cases', rows: cells as never }, ...(sheets as never[])] }) : sheetOf(cells as never, 'Cases')) };
}

const OLE_XLS = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('Workbook', 'utf16le'), Buffer.alloc(512)]);

interface DiagCase {
  name: string;
  code: DiagnosticCode;
  input: string | Buffer | Workbook;
  opts?: RunOptions;
  /** Where the diagnostic must point. Omitted only when a `check` covers it. */
  at?: { line: number; column?: string; file?: string };
  fatal?: boolean;
  /** [line, bucket, file?] for rows whose bucket is checked. */
  rows?: Array<[number, Bucket] | [number, Bucket, string]>;
  /** Number of data rows read (non-fatal runs). */
  inputRows?: number;
  check?: (r: PipelineResult, d: Diagnostic | undefined) => void;
}

const semicolonCsv = `${GOGEN_COLUMNS.join(';')}\n${GOGEN_COLUMNS.map(() => 'x').join(';')}\n`;
const tabCsv = `${GOGEN_COLUMNS.join('\t')}\n`;
const nonFileable = ['Not eligible', 'Maybe Eligible - Flag for Review', 'Hand Review', 'To be reviewed by City Attorneys'];
/** The office challenges nothing: "Not eligible" rows stay excluded (BM401), as before challenges: existed. */
const NO_CHALLENGE: RunOptions = { configYaml: `${BASE_CONFIG_YAML}challenges: {determinations: []}\n` };

const diagCases: DiagCase[] = [
  // ---- 100s: the file as a whole
  { name: 'empty file', code: 'BM102', input: '', fatal: true, at: { line: 1 } },
  { name: 'only a BOM and blank lines', code: 'BM102', input: '\uFEFF\n\n\n', fatal: true, at: { line: 1 } },
  { name: 'header and no rows', code: 'BM103', input: G([]), at: { line: 1 }, inputRows: 0 },
  {
    name: 'gogen file missing OFN',
    code: 'BM104',
    input: G([{}], { columns: GOGEN_COLUMNS.filter((c) => c !== 'OFN') }),
    fatal: true,
    at: { line: 1, column: 'OFN' },
  },
  {
    name: 'gogen file missing Eligibility Determination',
    code: 'BM104',
    input: G([{}], { columns: GOGEN_COLUMNS.filter((c) => c !== 'Eligibility Determination') }),
    fatal: true,
    at: { line: 1, column: 'Eligibility Determination' },
  },
  {
    name: 'canonical file missing relief',
    code: 'BM104',
    input: C([{}], { columns: CANONICAL_COLUMNS.filter((c) => c !== 'relief') }),
    opts: CANONICAL,
    fatal: true,
    at: { line: 1, column: 'relief' },
  },
  { name: 'canonical file read as gogen', code: 'BM104', input: C([{}]), fatal: true, at: { line: 1, column: 'OFN' } },
  {
    name: 'duplicated header (differing in case)',
    code: 'BM105',
    input: G([{}], { columns: [...GOGEN_COLUMNS, 'ofn'] }),
    fatal: true,
    at: { line: 1, column: 'ofn' },
  },
  {
    name: 'duplicated header after two blank lines',
    code: 'BM105',
    input: '\n\n' + G([{}], { columns: [...GOGEN_COLUMNS, 'Case Number'] }),
    fatal: true,
    at: { line: 3, column: 'Case Number' },
  },
  { name: 'semicolon-delimited', code: 'BM106', input: semicolonCsv, fatal: true, at: { line: 1 }, check: (_r, d) => expect(d!.message).toMatch(/semicolon/) },
  { name: 'tab-delimited', code: 'BM106', input: tabCsv, fatal: true, at: { line: 1 }, check: (_r, d) => expect(d!.message).toMatch(/tab/) },
  {
    name: 'Latin-1 byte 0xE9 on line 3',
    code: 'BM107',
    input: Buffer.from(G([{}, { OFN: 'BA100002', PRI_NAME: 'DUPRE,Renée' }]), 'latin1'),
    fatal: true,
    at: { line: 3 },
  },
  {
    name: 'UTF-16LE with BOM',
    code: 'BM107',
    input: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(G([{}]), 'utf16le')]),
    fatal: true,
    at: { line: 1 },
  },
  {
    name: 'UTF-16BE with BOM',
    code: 'BM107',
    input: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(G([{}]), 'utf16le').swap16()]),
    fatal: true,
    at: { line: 1 },
  },
  {
    name: 'NUL byte on line 4',
    code: 'BM108',
    input: G([{}, { OFN: 'BA100002' }, { OFN: 'BA100003', COMMENT_TEXT: 'A\u0000B' }]),
    fatal: true,
    at: { line: 4 },
  },

  { name: 'only blank lines, spaces and bare commas', code: 'BM102', input: '\n   \r\n,,,\n\n', fatal: true, at: { line: 1 } },
  {
    name: 'a canonical file without its header row: no name, DOB or CII in the message',
    code: 'BM104',
    input: C([{}, { case_number: 'BA100002' }]).split('\n').slice(1).join('\n'),
    opts: CANONICAL,
    fatal: true,
    at: { line: 1, column: 'case_number' },
    check: (_r, d) => {
      expect(`${d!.message} ${d!.hint ?? ''}`).not.toMatch(/DOE|1965|99887766|BA100001/);
      expect(d!.message).toMatch(/no header row/);
    },
  },
  {
    name: 'the same list given twice (same content)',
    code: 'BM113',
    input: G([{}, { OFN: 'BA100002' }]),
    opts: { extraFiles: [{ name: 'copy.csv', content: G([{}, { OFN: 'BA100002' }]) }] },
    fatal: true,
    check: (r, d) => {
      expect(d!.file).toBe('copy.csv');
      expect(d!.message).toMatch(/same content as cases\.csv/);
      expect(r.plan).toBeUndefined();
    },
  },
  {
    name: 'rows repeated in a second file (All_Results and Prop64_Results)',
    code: 'BM113',
    input: G([{}, { OFN: 'BA100002' }]),
    opts: { extraFiles: [{ name: 'Prop64_Results.csv', content: G([{ OFN: 'BA100002' }]) }] },
    fatal: true,
    at: { line: 2, file: 'Prop64_Results.csv' },
    check: (_r, d) => expect(d!.hint).toMatch(/pass only one of All_Results\.csv or Prop64_Results\.csv/),
  },
  // (Excel workbooks and other formats; __tests__/ingest.xlsx.test.ts has more)
  {
    name: 'an old .xls workbook (recognised by its bytes, whatever its name)',
    code: 'BM114',
    input: OLE_XLS,
    fatal: true,
    check: (_r, d) => {
      expect(d!.file).toBe(FILE);
      expect(d!.message).toMatch(/old-style Excel workbook \(\.xls, Excel 97-2003\)/);
      expect(d!.hint).toMatch(/save it as an Excel Workbook \(\.xlsx\) or as "CSV UTF-8 \(Comma delimited\)" \(File > Save As/);
    },
  },
  {
    name: '--sheet naming no sheet of the workbook',
    code: 'BM115',
    input: gogenBook(G([{}])),
    opts: { sheet: 'Prop64' },
    fatal: true,
    check: (_r, d) => expect(d!.message).toBe('the workbook has no sheet named "Prop64"; its sheets are "Cases"'),
  },
  {
    name: 'a workbook cut short',
    code: 'BM116',
    input: { build: async () => (await gogenBook(G([{}])).build()).subarray(0, 2000) },
    fatal: true,
    check: (_r, d) => expect(d!.file).toBe(FILE),
  },
  {
    name: 'a workbook with another sheet holding data',
    code: 'BM117',
    input: gogenBook(G([{}]), {}, [{ name: 'Old list', rows: [['BA1']] }]),
    rows: [[2, 'filed']],
    check: (_r, d) => {
      expect(d).toMatchObject({ severity: 'warning', sheet: 'Cases' });
      expect(d!.message).toContain('"Old list"');
    },
  },

  // ---- 200s: malformed rows, rejected
  {
    name: 'ragged row: too few fields',
    code: 'BM201',
    input: G([{}]) + 'BA100002,FOO\n',
    at: { line: 3 },
    rows: [[2, 'filed'], [3, 'rejected']],
  },
  {
    name: 'ragged row: one field too many',
    code: 'BM201',
    input: G([{}]) + gogenLine({ OFN: 'BA100002' }) + ',EXTRA\n',
    at: { line: 3 },
    rows: [[2, 'filed'], [3, 'rejected']],
  },
  {
    name: 'unterminated quote on line 3 (no quote after it)',
    code: 'BM202',
    input: G([{}]) + gogenLine({ OFN: 'BA100002', PRI_NAME: 'QQQ' }).replace('QQQ', '"DOE,JANE') + '\n' + gogenLine({ OFN: 'BA100003', PRI_NAME: 'ROE JOHN' }) + '\n',
    fatal: true,
    at: { line: 3 },
  },
  {
    name: 'unknown court, near miss suggested',
    code: 'BM203',
    input: G([{ STP_ORI_DESCR: 'CASC Los Angeles Centrl' }]),
    at: { line: 2, column: 'STP_ORI_DESCR' },
    rows: [[2, 'rejected']],
    check: (_r, d) => {
      expect(d!.message).toContain('CASC Los Angeles Centrl');
      expect(d!.hint).toMatch(/nearest known: "CASC Los Angeles Central"/);
    },
  },
  {
    name: 'unknown court, suggestions are known spellings',
    code: 'BM203',
    input: G([{}, { OFN: 'BA100002', STP_ORI_DESCR: 'CASC PASADENA' }]),
    at: { line: 3, column: 'STP_ORI_DESCR' },
    rows: [[2, 'filed'], [3, 'rejected']],
    check: (_r, d) => {
      const known = ['CASC Los Angeles Central', 'CAMC Long Beach', 'Los Angeles Superior Court, Central', 'Long Beach Courthouse'];
      const suggested = [...d!.hint!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
      expect(suggested.length).toBeGreaterThanOrEqual(1);
      expect(suggested.length).toBeLessThanOrEqual(3);
      for (const s of suggested) expect(known).toContain(s);
    },
  },
  {
    name: 'impossible date 02/30/2015',
    code: 'BM204',
    input: G([{ 'Date of Conviction': '02/30/2015' }]),
    at: { line: 2, column: 'Date of Conviction' },
    rows: [[2, 'rejected']],
  },
  {
    name: 'impossible DISP_DATE when Date of Conviction is blank',
    code: 'BM204',
    input: G([{ 'Date of Conviction': '', DISP_DATE: '19900230' }]),
    at: { line: 2, column: 'DISP_DATE' },
    rows: [[2, 'rejected']],
  },
  {
    name: 'bad date on the row after a quoted field holding a newline (line jumps to 4)',
    code: 'BM204',
    input: G([{ PRI_NAME: 'DOE,\nJANE' }, { OFN: 'BA100002', 'Date of Conviction': '02/30/2015' }]),
    at: { line: 4, column: 'Date of Conviction' },
    rows: [[2, 'filed'], [4, 'rejected']],
  },
  {
    name: 'BOM + CRLF, CRLFs inside quoted fields, bad date on line 6',
    code: 'BM204',
    input: G(
      [{ PRI_NAME: 'DOE,\r\nJANE "JJ"' }, { OFN: 'BA100002', COMMENT_TEXT: 'one\r\ntwo' }, { OFN: 'BA100003', 'Date of Conviction': '13/01/2001' }],
      { bom: true, eol: '\r\n' },
    ),
    at: { line: 6, column: 'Date of Conviction' },
    rows: [[2, 'filed'], [4, 'filed'], [6, 'rejected']],
  },
  {
    name: 'blank lines between rows count as lines',
    code: 'BM204',
    input: G([{}]) + '\n\n' + gogenLine({ OFN: 'BA100002', 'Date of Conviction': '02/30/2015' }) + '\n',
    at: { line: 5, column: 'Date of Conviction' },
    rows: [[2, 'filed'], [5, 'rejected']],
    inputRows: 2,
  },
  {
    name: 'conviction in 1899',
    code: 'BM205',
    input: G([{ 'Date of Conviction': '01/01/1899' }]),
    at: { line: 2, column: 'Date of Conviction' },
    rows: [[2, 'rejected']],
  },
  {
    name: 'conviction in 2031',
    code: 'BM205',
    input: G([{ 'Date of Conviction': '01/01/2031' }]),
    at: { line: 2, column: 'Date of Conviction' },
    rows: [[2, 'rejected']],
  },
  {
    name: 'conviction the day after the as-of date (the as-of date itself is not rejected; being after Prop 64, it goes to review)',
    code: 'BM205',
    input: G([{ 'Date of Conviction': '11/26/2026' }, { OFN: 'BA100002', 'Date of Conviction': '11/27/2026' }]),
    at: { line: 3, column: 'Date of Conviction' },
    rows: [[2, 'review'], [3, 'rejected']],
  },
  {
    name: 'canonical invalid case type',
    code: 'BM206',
    input: C([{ case_type: 'felonious' }]),
    opts: CANONICAL,
    at: { line: 2, column: 'case_type' },
    rows: [[2, 'rejected']],
  },
  {
    name: 'gogen CONV_STAT_DESCR that is no case type',
    code: 'BM206',
    input: G([{ CONV_STAT_DESCR: 'WOBBLER' }]),
    at: { line: 2, column: 'CONV_STAT_DESCR' },
    rows: [[2, 'rejected']],
  },
  {
    name: 'canonical invalid relief',
    code: 'BM207',
    input: C([{}, { case_number: 'BA100002', relief: 'expunge' }]),
    opts: CANONICAL,
    at: { line: 3, column: 'relief' },
    rows: [[2, 'filed'], [3, 'rejected']],
  },
  {
    name: 'canonical blank relief',
    code: 'BM208',
    input: C([{ relief: '  ' }]),
    opts: CANONICAL,
    at: { line: 2, column: 'relief' },
    rows: [[2, 'rejected']],
  },
  {
    name: 'gogen blank court',
    code: 'BM208',
    input: G([{ STP_ORI_DESCR: '' }]),
    at: { line: 2, column: 'STP_ORI_DESCR' },
    rows: [[2, 'rejected']],
  },
  {
    name: 'canonical unknown agency',
    code: 'BM209',
    input: C([{ agency: 'pasadena' }]),
    opts: CANONICAL,
    at: { line: 2, column: 'agency' },
    rows: [[2, 'rejected']],
    check: (_r, d) => expect(d!.hint).toContain('da, long-beach'),
  },
  {
    name: 'row from another county',
    code: 'BM210',
    input: G([{}, { OFN: 'BA100002', STP_ORI_CNTY_NAME: 'SAN DIEGO' }]),
    at: { line: 3, column: 'STP_ORI_CNTY_NAME' },
    rows: [[2, 'filed'], [3, 'rejected']],
  },
  {
    name: 'unknown determination',
    code: 'BM211',
    input: G([{ 'Eligibility Determination': 'Eligible for Sainthood' }]),
    at: { line: 2, column: 'Eligibility Determination' },
    rows: [[2, 'rejected']],
  },
  {
    name: 'a 20,000-character field',
    code: 'BM212',
    input: G([{ PRI_NAME: 'X'.repeat(20_000) }]),
    at: { line: 2, column: 'PRI_NAME' },
    rows: [[2, 'rejected']],
  },
  {
    name: 'canonical flags naming something that is not a flag',
    code: 'BM213',
    input: C([{ flags: 'deceased; alive' }, { case_number: 'BA100002', flags: 'Deceased ; PC290' }], { columns: [...CANONICAL_COLUMNS, 'flags'] }),
    opts: CANONICAL,
    at: { line: 2, column: 'flags' },
    rows: [[2, 'rejected'], [3, 'review']],
    check: (_r, d) => expect(`${d!.message} ${d!.hint}`).not.toContain('alive'),
  },
  {
    name: 'a workbook: a CII stored as a number of 16 digits (Excel keeps 15)',
    code: 'BM214',
    input: gogenBook(G([{}, { OFN: 'BA100002', CII_NUMBER: '1234567890123456' }]), { CII_NUMBER: 1234567890123456 }),
    at: { line: 2, column: 'CII_NUMBER' },
    rows: [[2, 'rejected'], [3, 'rejected']],
    check: (_r, d) => {
      expect(d).toMatchObject({ sheet: 'Cases', columnLetter: 'A' });
      expect(d!.message).toMatch(/digits are not all known/);
    },
  },
  {
    name: 'a workbook: a case number Excel turned into a date',
    code: 'BM214',
    input: gogenBook(G([{}]), { OFN: { v: { formula: 'DATE(2026,3,12)', result: 46093 }, fmt: 'd-mmm' } }),
    at: { line: 2, column: 'OFN' },
    rows: [[2, 'rejected']],
  },

  // ---- 300s: review
  {
    name: 'blank OFN and blank Case Number',
    code: 'BM301',
    input: G([{ OFN: '', 'Case Number': '' }]),
    at: { line: 2, column: 'Case Number' },
    rows: [[2, 'review']],
  },
  {
    name: 'NULL OFN and NULL Case Number',
    code: 'BM301',
    input: G([{ OFN: 'NULL', 'Case Number': 'NULL' }]),
    at: { line: 2, column: 'Case Number' },
    rows: [[2, 'review']],
  },
  {
    name: 'canonical blank case number',
    code: 'BM301',
    input: C([{ case_number: '' }]),
    opts: CANONICAL,
    at: { line: 2, column: 'case_number' },
    rows: [[2, 'review']],
  },
  {
    name: 'blank OFN, Case Number "A; B"',
    code: 'BM302',
    input: G([{ OFN: '', 'Case Number': 'BA100001; BA100002' }]),
    at: { line: 2, column: 'Case Number' },
    rows: [[2, 'review']],
  },
  {
    name: 'blank CONV_STAT_DESCR',
    code: 'BM303',
    input: G([{ CONV_STAT_DESCR: '' }]),
    at: { line: 2, column: 'CONV_STAT_DESCR' },
    rows: [[2, 'review']],
  },
  {
    name: 'conflicting relief across counts',
    code: 'BM304',
    input: G([{}, { 'Eligibility Determination': 'Eligible for Reduction' }]),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'review']],
  },
  {
    name: 'counts marked felony and misdemeanor',
    code: 'BM305',
    input: G([{}, { CONV_STAT_DESCR: 'MISDEMEANOR' }]),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'review']],
  },
  {
    name: 'misdemeanor in a court no route covers',
    code: 'BM306',
    input: G([{ CONV_STAT_DESCR: 'MISDEMEANOR' }, { OFN: 'BA100002', CONV_STAT_DESCR: 'MISDEMEANOR', STP_ORI_DESCR: 'CAMC Long Beach' }]),
    opts: NO_FALLBACK,
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'filed']],
    check: (r) => expect(r.ingest!.cases.map((c) => [c.caseNumber, c.agency])).toEqual([['BA100002', 'long-beach']]),
  },
  {
    name: 'canonical counts of one case naming two agencies',
    code: 'BM306',
    input: C([{ agency: 'da' }, { agency: 'long-beach' }]),
    opts: CANONICAL,
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'review']],
  },
  {
    name: 'case number with an inner space',
    code: 'BM307',
    input: G([{ OFN: 'BA 100001' }]),
    at: { line: 2, column: 'OFN' },
    rows: [[2, 'review']],
  },
  {
    name: 'a long s (U+017F) in a case number is not folded into S',
    code: 'BM307',
    input: G([{ OFN: '\u017fA100001' }, { OFN: 'SA100001' }]),
    at: { line: 2, column: 'OFN' },
    rows: [[2, 'review'], [3, 'filed']],
    check: (r) => expect(r.ingest!.cases.map((c) => c.sources.length)).toEqual([1]),
  },
  {
    name: 'a dotless i (U+0131) in a case number is not folded into I',
    code: 'BM307',
    input: G([{ OFN: 'B\u0131100002' }]),
    at: { line: 2, column: 'OFN' },
    rows: [[2, 'review']],
  },
  {
    name: '11358 PC is not a cannabis section',
    code: 'BM313',
    input: G([{ OFFENSE_DESCR: '11358 PC-KIDNAP' }, { OFN: 'BA100002' }]),
    at: { line: 2, column: 'OFFENSE_DESCR' },
    rows: [[2, 'review'], [3, 'filed']],
    check: (_r, d) => expect(d!.message).toContain('PC 11358'),
  },
  {
    name: 'a canonical section in another code (VC 23152) is not a cannabis section',
    code: 'BM313',
    input: C([{ code_sections: 'HS 11357; VC 23152' }]),
    opts: CANONICAL,
    at: { line: 2, column: 'code_sections' },
    rows: [[2, 'review']],
  },
  {
    name: 'an eligible count beside a Hand Review count',
    code: 'BM308',
    input: G([{}, { 'Eligibility Determination': 'Hand Review' }]),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'review']],
  },
  {
    name: 'reduction of an infraction with no mapping',
    code: 'BM309',
    input: G([{ CONV_STAT_DESCR: 'INFRACTION', 'Eligibility Determination': 'Eligible for Reduction' }]),
    at: { line: 2, column: 'Eligibility Determination' },
    rows: [[2, 'review']],
  },

  {
    name: 'felony HS 11359 screened for dismissal and sealing, no stated basis',
    code: 'BM310',
    input: G([{}, { OFN: 'BA100002', OFFENSE_DESCR: SALE }]),
    at: { line: 3 },
    rows: [[2, 'filed'], [3, 'review']],
    check: (_r, d) => {
      expect(d!.message).toContain('BA100002 (felony; HS 11359) asks for dismiss_and_seal');
      expect(d!.message).toContain('the statutory ceiling is reduce_to_misdemeanor (set by HS 11359)');
      expect(d!.hint).toBe('ask for reduce_to_misdemeanor instead, or state the office\'s basis in agencies[].beyond_statute_basis (agency "da")');
    },
  },
  {
    name: 'the lowest ceiling of a multi-count case decides (11358 + 11360)',
    code: 'BM310',
    input: G([{}, { OFFENSE_DESCR: '11360(A)HS-TRANSPORT/SELL MARIJUANA' }]),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'review']],
    check: (_r, d) => expect(d!.message).toContain('set by HS 11360(a)'),
  },
  {
    name: 'former HS 11530 (before the 1972 recodification) is outside the statute',
    code: 'BM310',
    input: G([{ OFFENSE_DESCR: '11530 HS-POSSESS MARIJUANA', 'Date of Conviction': '05/06/1969' }]),
    at: { line: 2 },
    rows: [[2, 'review']],
    check: (_r, d) => expect(d!.message).toMatch(/HS 11530 gets no relief under HS 11361\.8 as a felony \(statutory ceiling: none\)/),
  },
  {
    name: 'a city without a stated basis: misdemeanor HS 11359 gets nothing, although the DA states a basis',
    code: 'BM310',
    input: G([{ OFFENSE_DESCR: SALE }, { OFN: '4LB00001', OFFENSE_DESCR: SALE, CONV_STAT_DESCR: 'MISDEMEANOR', STP_ORI_DESCR: 'CAMC Long Beach' }]),
    opts: DA_BASIS,
    at: { line: 3 },
    rows: [[2, 'filed'], [3, 'review']],
    check: (r, d) => {
      expect(d!.hint).toContain('agency "long-beach"');
      expect(r.ingest!.cases.map((c) => [c.caseNumber, c.beyondStatute])).toEqual([['BA100001', true]]);
    },
  },
  {
    name: 'misdemeanor HS 11360 the record does not show as 11360(b) (may be a sale); 11360(b) is filed',
    code: 'BM310',
    input: G([
      { CONV_STAT_DESCR: 'MISDEMEANOR', OFFENSE_DESCR: '11360 HS-TRANSPORT/ETC MARIJUANA' },
      { OFN: 'BA100002', CONV_STAT_DESCR: 'MISDEMEANOR', OFFENSE_DESCR: '11360(B)HS-GIVE/TRANSPORT/ETC < 28.5 GRAMS MARIJUANA' },
    ]),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'filed']],
    check: (_r, d) => expect(d!.message).toContain('HS 11360 gets no relief under HS 11361.8 as a misdemeanor'),
  },
  {
    name: 'canonical recall_sentence for a former section',
    code: 'BM310',
    input: C([{ relief: 'recall_sentence', code_sections: 'HS 11531', conviction_date: '1968-02-01' }]),
    opts: CANONICAL,
    at: { line: 2 },
    rows: [[2, 'review']],
    check: (_r, d) => expect(d!.message).toContain('recall of sentence under HS 11361.8(a) reaches only convictions under 11357-11360'),
  },
  {
    name: 'conviction dated on Prop 64\'s effective date (the day before is filed)',
    code: 'BM311',
    input: G([{ 'Date of Conviction': '11/09/2016' }, { OFN: 'BA100002', 'Date of Conviction': '11/08/2016' }]),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'filed']],
    check: (_r, d) => expect(d!.message).toContain('its conviction is dated 2016-11-09'),
  },
  {
    name: 'gogen "Occurred after 11/9/2016" = Y on an older-dated row',
    code: 'BM311',
    input: G([{ 'Occurred after 11/9/2016': 'Y' }, { OFN: 'BA100002', 'Occurred after 11/9/2016': 'false' }, { OFN: 'BA100003', 'Occurred after 11/9/2016': '-' }]),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'filed'], [4, 'filed']],
    check: (_r, d) => expect(d!.message).toContain('"Occurred after 11/9/2016" is Y'),
  },
  {
    name: 'canonical conviction in 2018',
    code: 'BM311',
    input: C([{ conviction_date: '2018-05-01' }]),
    opts: CANONICAL,
    at: { line: 2 },
    rows: [[2, 'review']],
  },
  {
    name: 'Sentence not Completed, with sentence_not_completed: review',
    code: 'BM312',
    input: G([{ 'Eligibility Determination': 'Eligible for Reduction', 'Eligibility Reason': 'Sentence not Completed' }, { OFN: 'BA100002' }]),
    opts: SENTENCE_REVIEW,
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'filed']],
    check: (r) => expect(r.ingest!.cases.map((c) => c.relief)).toEqual(['dismiss_and_seal']),
  },

  // ---- 300s: one person per case, one case per number (issue 13, part 1)
  {
    name: 'one OFN, two CII numbers and SUBJECT_IDs, 2004 HS 11359 and 1991 HS 11358 (the issue\'s case)',
    code: 'BM314',
    input: G(
      [
        { OFN: '140196', CII_NUMBER: '11111111', SUBJECT_ID: '5550001', PRI_NAME: 'ROE,RICHARD', OFFENSE_DESCR: SALE, 'Eligibility Determination': 'Eligible for Reduction', 'Date of Conviction': '02/10/2004' },
        { OFN: '140196', CII_NUMBER: '22222222', SUBJECT_ID: '5550002', PRI_NAME: 'POE,PAULA', 'Date of Conviction': '04/11/1991' },
        { OFN: '140196', CII_NUMBER: '11111111', SUBJECT_ID: '5550001', PRI_NAME: 'ROE,RICHARD', OFFENSE_DESCR: SALE, 'Eligibility Determination': 'Eligible for Reduction', 'Date of Conviction': '02/10/2004' },
        { OFN: 'BA100002' },
      ],
      { columns: [...GOGEN_COLUMNS, 'SUBJECT_ID'] },
    ),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'review'], [4, 'review'], [5, 'filed']],
    check: (r, d) => {
      expect(d!.message).toContain('has rows of different people');
      expect(d!.message).toContain('2 different CII numbers (the first on lines 2, 4, the second on line 3)');
      expect(d!.message).toContain('2 different SUBJECT_IDs');
      // Every row of the case is listed with this reason; no other reason (relief, dates) is given.
      expect(r.ingest!.review.map((x) => `${x.raw.ref.line}:${x.diagnostic.code}`)).toEqual(['2:BM314', '3:BM314', '4:BM314']);
      expect(`${d!.message} ${d!.hint}`).not.toMatch(/ROE|POE|RICHARD|PAULA|555000/);
      expect(r.ingest!.cases.map((c) => c.caseNumber)).toEqual(['BA100002']);
    },
  },
  {
    name: 'same CII, different SUBJECT_ID: still two people',
    code: 'BM314',
    input: G([{ SUBJECT_ID: '5550001' }, { SUBJECT_ID: '5550002' }], { columns: [...GOGEN_COLUMNS, 'SUBJECT_ID'] }),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'review']],
    check: (_r, d) => expect(d!.message).toContain('2 different SUBJECT_IDs'),
  },
  {
    name: 'canonical rows without CII: different names and dates of birth',
    code: 'BM314',
    input: C([{ cii: '', defendant_name: 'DOE, JANE', dob: '1965-07-21' }, { cii: '', defendant_name: 'SMITH, JOHN', dob: '1970-01-02' }]),
    opts: CANONICAL,
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'review']],
    check: (_r, d) => {
      expect(d!.message).toContain('2 different names');
      expect(d!.message).toContain('2 different dates of birth');
      expect(`${d!.message} ${d!.hint}`).not.toMatch(/DOE|SMITH|1970|1965/);
    },
  },
  {
    name: 'another person\'s Not eligible count under the same number sends the case to review',
    code: 'BM314',
    input: G([{}, { CII_NUMBER: '33333333', 'Eligibility Determination': 'Not eligible' }]),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'review']],
  },
  {
    name: 'personal data not printed or kept: the check still sees different CII numbers',
    code: 'BM314',
    input: G([{}, { CII_NUMBER: '33333333' }]),
    opts: { configYaml: edit(BASE_CONFIG_YAML, 'relief, defendant_name, dob, cii]', 'relief]') },
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'review']],
    check: (r) => expect(r.ingest!.review.map((x) => x.diagnostic.code)).toEqual(['BM314', 'BM314']),
  },
  {
    name: 'the same person\'s counts convicted 13 years apart',
    code: 'BM315',
    input: G([{ 'Date of Conviction': '02/10/2004' }, { 'Date of Conviction': '04/11/1991' }, { OFN: 'BA100002' }]),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'review'], [4, 'filed']],
    check: (_r, d) => {
      expect(d!.message).toContain('more than 1 year apart (2004-02-10 (line 2), 1991-04-11 (line 3))');
      expect(d!.hint).toContain('conviction_date_span_months');
    },
  },
  {
    name: 'conviction_date_span_months: 0 makes any two dates a review',
    code: 'BM315',
    input: G([{ 'Date of Conviction': '03/04/1990' }, { 'Date of Conviction': '03/05/1990' }]),
    opts: { configYaml: `${BASE_CONFIG_YAML}conviction_date_span_months: 0\n` },
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'review']],
  },
  {
    name: 'gogen Superstrike Code Section(s) set (flags.superstrike: review, the default)',
    code: 'BM316',
    input: G([{ 'Superstrike Code Section(s)': '187 PC' }, { OFN: 'BA100002', 'Superstrike Code Section(s)': '-' }]),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'filed']],
    check: (r, d) => {
      expect(d!.message).toContain('flagged superstrike');
      expect(r.ingest!.review[0]!.flags).toEqual(['superstrike']);
      expect(r.ingest!.flags.superstrike).toEqual({ review: 1, excluded: 0 });
    },
  },
  {
    name: 'gogen PC290 Registration Yes, or PC290 Code Section(s) set (flags.pc290: review, the default)',
    code: 'BM316',
    input: G([{ 'PC290 Registration': 'Yes' }, { OFN: 'BA100002', 'PC290 Code Section(s)': '314(1) PC' }, { OFN: 'BA100003', 'PC290 Registration': 'false', 'PC290 Code Section(s)': '' }]),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'review'], [4, 'filed']],
    check: (r) => expect(r.ingest!.review.map((x) => x.flags)).toEqual([['pc290'], ['pc290']]),
  },
  {
    name: 'Deceased with flags.deceased: review',
    code: 'BM316',
    input: G([{ Deceased: 'Deceased' }]),
    opts: { configYaml: `${BASE_CONFIG_YAML}flags:\n  deceased: review\n` },
    at: { line: 2 },
    rows: [[2, 'review']],
  },
  {
    name: 'canonical flags column: pc290 goes to review',
    code: 'BM316',
    input: C([{ flags: 'pc290' }], { columns: [...CANONICAL_COLUMNS, 'flags'] }),
    opts: CANONICAL,
    at: { line: 2 },
    rows: [[2, 'review']],
  },

  // ---- 400s: excluded by the screening, never filed
  ...nonFileable.map(
    (det): DiagCase => ({
      name: `"${det}" is excluded${det === 'Not eligible' ? ' when the office challenges nothing' : ''}`,
      code: 'BM401',
      input: G([{ 'Eligibility Determination': det }, { OFN: 'BA100002', 'Eligibility Determination': det, CONV_STAT_DESCR: 'MISDEMEANOR' }]),
      ...(det === 'Not eligible' ? { opts: NO_CHALLENGE } : {}),
      at: { line: 3, column: 'Eligibility Determination' },
      rows: [[2, 'excluded'], [3, 'excluded']],
      check: (r) => {
        expect(r.ingest!.cases).toEqual([]);
        expect(r.plan!.filings).toEqual([]);
        expect(r.ingest!.excluded.map((e) => e.determination)).toEqual([det, det]);
        // One summary note for the determination, naming it and the count.
        expect(r.diagnostics.filter((d) => d.code === 'BM401').map((d) => d.message)).toEqual([`2 rows excluded as "${det}"; listed in excluded.csv`]);
      },
    }),
  ),
  {
    name: '"NOT ELIGIBLE" in upper case is excluded too',
    code: 'BM401',
    input: G([{ 'Eligibility Determination': 'NOT ELIGIBLE' }]),
    opts: NO_CHALLENGE,
    at: { line: 2, column: 'Eligibility Determination' },
    rows: [[2, 'excluded']],
    check: (r) => expect(r.ingest!.excluded[0]!.determination).toBe('Not eligible'),
  },
  {
    name: 'a Not eligible row with an unknown court and a bad date is excluded, not rejected',
    code: 'BM401',
    input: G([{ 'Eligibility Determination': 'Not eligible', STP_ORI_DESCR: 'CASC NOWHERE', 'Date of Conviction': '02/30/2015' }]),
    opts: NO_CHALLENGE,
    at: { line: 2, column: 'Eligibility Determination' },
    rows: [[2, 'excluded']],
    check: (r) => expect(r.ingest!.rejected).toEqual([]),
  },
  {
    name: 'a Not eligible row with an unknown court cannot be in a notice of challenge: review with a reason',
    code: 'BM317',
    input: G([{ 'Eligibility Determination': 'Not eligible', STP_ORI_DESCR: 'CASC NOWHERE' }, { OFN: 'BA100002', 'Eligibility Determination': 'Not eligible' }]),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'challenged']],
    check: (r, d) => {
      expect(d!.message).toContain('its court is not one the config knows');
      expect(r.plan!.filings.map((f) => f.id)).toEqual(['da-felony-challenge']);
      expect(r.reconciliation!.counts).toMatchObject({ challengedRows: 1, challengedCases: 1, reviewRows: 1, excludedRows: 0 });
    },
  },
  {
    name: 'BM314 also keeps two people apart in a notice of challenge',
    code: 'BM314',
    input: G([
      { 'Eligibility Determination': 'Not eligible', CII_NUMBER: '11111111' },
      { 'Eligibility Determination': 'Not eligible', CII_NUMBER: '22222222' },
    ]),
    at: { line: 2 },
    rows: [[2, 'review'], [3, 'review']],
    check: (r) => expect(r.plan!.filings).toEqual([]),
  },
  {
    name: 'Not eligible is challenged by default: one notice per agency and case type, each case with its ground',
    code: 'BM401',
    input: G([
      { 'Eligibility Determination': 'Not eligible', 'Eligibility Reason': 'PC 290' },
      { 'Eligibility Determination': 'Not eligible', 'Eligibility Reason': 'PC 667(e)(2)(c)(iv)' },
      { OFN: 'BA100002', 'Eligibility Determination': 'Not eligible', CONV_STAT_DESCR: 'MISDEMEANOR' },
      { OFN: 'BA100003', 'Eligibility Determination': 'Hand Review' },
    ]),
    opts: { configYaml: `${BASE_CONFIG_YAML}challenges:\n  grounds: {"PC 667(e)(2)(c)(iv)": public_safety}\n` },
    at: { line: 5 },
    rows: [[2, 'challenged'], [3, 'challenged'], [4, 'challenged'], [5, 'excluded']],
    check: (r) => {
      const notices = r.plan!.filings.filter((f) => f.challenge);
      expect(notices.map((f) => [f.id, f.caseCount, f.rowCount])).toEqual([['da-felony-challenge', 1, 2], ['da-misdemeanor-challenge', 1, 1]]);
      expect(notices[0]!.cases[0]!.challenge).toEqual({ grounds: ['criteria', 'public_safety'], reasons: ['PC 290', 'PC 667(e)(2)(c)(iv)'] });
      expect(notices[1]!.cases[0]!.challenge).toEqual({ grounds: ['criteria'], reasons: ['Only has 11357-60 charges and completed sentence'] });
      // Hand Review is never challenged: a person decides it first.
      expect(r.ingest!.excluded.map((x) => x.determination)).toEqual(['Hand Review']);
      expect(r.reconciliation!.counts).toMatchObject({ challengedRows: 3, challengedCases: 2, excludedRows: 1, filedRows: 0 });
      expect(r.reconciliation!.lines[0]).toContain('3 challenged');
    },
  },
  {
    name: 'Deceased with flags.deceased: exclude',
    code: 'BM403',
    input: G([{ Deceased: 'Y' }, { Deceased: 'Y', OFFENSE_DESCR: SALE, 'Eligibility Determination': 'Not eligible' }, { OFN: 'BA100002' }]),
    opts: { configYaml: `${BASE_CONFIG_YAML}flags:\n  deceased: exclude\n` },
    at: { line: 2 },
    rows: [[2, 'excluded'], [3, 'challenged'], [4, 'filed']],
    check: (r) => {
      // The Not eligible count of the excluded case is still challenged: the notice lists it.
      expect(r.ingest!.excluded.map((x) => `${x.raw.ref.line}:${x.diagnostic.code}`)).toEqual(['2:BM403']);
      expect(r.ingest!.flags.deceased).toEqual({ review: 0, excluded: 1 });
      expect(r.diagnostics.filter((d) => d.code === 'BM403').map((d) => d.message)).toEqual([expect.stringContaining('1 row of cases the screening flagged')]);
    },
  },
  {
    name: 'after_prop64 with flags.after_prop64: exclude (the date still detects it)',
    code: 'BM403',
    input: G([{ 'Date of Conviction': '05/01/2018' }]),
    opts: { configYaml: `${BASE_CONFIG_YAML}flags:\n  after_prop64: exclude\n` },
    at: { line: 2 },
    rows: [[2, 'excluded']],
  },
  {
    name: 'blank determination (not evaluated)',
    code: 'BM402',
    input: G([{ 'Eligibility Determination': '' }]),
    at: { line: 2, column: 'Eligibility Determination' },
    rows: [[2, 'excluded']],
  },

  // ---- 500s: warnings; the row goes on
  {
    name: 'lower-case case number',
    code: 'BM501',
    input: G([{ OFN: 'ba100001' }]),
    at: { line: 2, column: 'OFN' },
    rows: [[2, 'filed']],
    check: (r) => expect(r.ingest!.cases.map((c) => c.caseNumber)).toEqual(['BA100001']),
  },
  {
    name: 'same case number in two courts',
    code: 'BM502',
    input: G([{}, { STP_ORI_DESCR: 'CAMC Long Beach' }]),
    rows: [[2, 'filed'], [3, 'filed']],
    check: (r, d) => {
      expect(d!.message).toContain('BA100001');
      expect(d!.message).toContain('casc-los-angeles-central');
      expect(d!.message).toContain('camc-long-beach');
      expect(r.ingest!.cases.map((c) => `${c.court}:${c.caseNumber}`).sort()).toEqual(['camc-long-beach:BA100001', 'casc-los-angeles-central:BA100001']);
    },
  },
  {
    name: 'same case in two input files',
    code: 'BM503',
    input: G([{ 'Eligibility Determination': 'Eligible for Reduction' }]),
    opts: { extraFiles: [{ name: 'more.csv', content: G([{ OFFENSE_DESCR: '11359 HS-MARIJUANA POSSESION FOR SALE', 'Eligibility Determination': 'Eligible for Reduction' }]) }] },
    at: { line: 2 },
    rows: [[2, 'filed'], [2, 'filed', 'more.csv']],
    inputRows: 2,
    check: (r, d) => {
      expect(d!.message).toContain('more.csv');
      expect(r.ingest!.cases).toHaveLength(1);
      expect(r.ingest!.cases[0]!.codeSections).toEqual(['HS 11358', 'HS 11359']);
    },
  },
  {
    name: 'no conviction date at all',
    code: 'BM504',
    input: G([{ 'Date of Conviction': '', DISP_DATE: '' }]),
    at: { line: 2, column: 'DISP_DATE' },
    rows: [[2, 'filed']],
    check: (r) => expect(r.ingest!.cases[0]!.convictionDate).toBe(''),
  },
  {
    name: 'a case with a Not eligible count is filed for its eligible count',
    code: 'BM505',
    input: G([{}, { OFFENSE_DESCR: '11359 HS-MARIJUANA POSSESION FOR SALE', 'Eligibility Determination': 'Not eligible' }]),
    at: { line: 2 },
    rows: [[2, 'filed'], [3, 'challenged']],
    check: (r) => {
      expect(r.ingest!.cases[0]!.codeSections).toEqual(['HS 11358']);
      // The Not eligible count is challenged: the case is in the motion for its eligible count and in the notice for the other.
      const notice = r.plan!.filings.find((f) => f.challenge)!;
      expect(notice.cases.map((c) => [c.caseNumber, c.codeSections])).toEqual([[r.ingest!.cases[0]!.caseNumber, ['HS 11359']]]);
    },
  },
  {
    name: 'gogen invalid DOB',
    code: 'BM506',
    input: G([{ PRI_DOB: '19651345' }]),
    at: { line: 2, column: 'PRI_DOB' },
    rows: [[2, 'filed']],
    check: (r, d) => {
      expect(`${d!.message} ${d!.hint ?? ''}`).not.toContain('19651345');
      expect(r.ingest!.cases[0]!.dob).toBeUndefined();
    },
  },
  {
    name: 'canonical invalid DOB',
    code: 'BM506',
    input: C([{ dob: '1965-02-30' }]),
    opts: CANONICAL,
    at: { line: 2, column: 'dob' },
    rows: [[2, 'filed']],
    check: (_r, d) => expect(`${d!.message} ${d!.hint ?? ''}`).not.toMatch(/1965|02-30/),
  },
];

describe('every ingest diagnostic, located and bucketed', () => {
  test.each(diagCases)('$code: $name', async (c) => {
    const input = typeof c.input === 'string' || Buffer.isBuffer(c.input) ? c.input : await c.input.build();
    const r = await run(input, c.opts);
    expect(r.fatal).toBe(c.fatal ?? false);

    const all = allDiagnostics(r);
    const file = c.at?.file ?? FILE;
    const hits = all.filter((d) => d.code === c.code);
    if (c.at) {
      // Compare code@file:line so a miss shows where the code did land.
      expect(hits.map((d) => `${d.code}@${d.file}:${d.line}`)).toContain(`${c.code}@${file}:${c.at.line}`);
    } else {
      expect(c.check).toBeDefined();
      expect(hits.map((d) => d.code)).toContain(c.code);
    }
    const d = c.at ? hits.find((h) => h.file === file && h.line === c.at!.line) : hits[0];
    if (c.at && 'column' in c.at) expect(d!.column).toBe(c.at.column);
    expect(d!.outcome).toBe(CATALOG[c.code].outcome);

    if (c.fatal) {
      expect(d!.severity).toBe('fatal');
      // Nothing may be planned (so nothing written) after a fatal diagnostic.
      expect(r.plan).toBeUndefined();
      expect(r.reconciliation).toBeUndefined();
    } else {
      expectReconciled(r);
      if (c.inputRows !== undefined) expect(r.reconciliation!.counts.inputRows).toBe(c.inputRows);
      expect(r.diagnostics.filter((x) => x.severity === 'fatal')).toEqual([]);
    }
    for (const [line, bucket, f] of c.rows ?? []) expect({ line, file: f ?? FILE, buckets: bucketsOf(r, line, f) }).toEqual({ line, file: f ?? FILE, buckets: [bucket] });

    expectNoSecretsIn(r, [typeof c.input === 'string' || Buffer.isBuffer(c.input) ? c.input : (c.input.csv ?? ''), ...(c.opts?.extraFiles ?? []).map((x) => x.content)]);
    c.check?.(r, d);
  });

  test('the table covers every code ingest can raise (BM102-BM506)', () => {
    // BM109-BM112 are the output folder's, checked by the engine (__tests__/output-folder.test.ts).
    // BM404 is --resolved's (an answer excluding a review row: __tests__/resolve.test.ts).
    // BM120-BM123 are the inputs' paths, checked by the engine before ingest reads (__tests__/inputs.test.ts),
    // and BM124 the command line's (__tests__/cli-errors.e2e.test.ts).
    const engineCodes = new Set(['BM109', 'BM110', 'BM111', 'BM112', 'BM120', 'BM121', 'BM122', 'BM123', 'BM124', 'BM404']);
    const ingestCodes = Object.keys(CATALOG).filter((k) => k >= 'BM102' && k <= 'BM506' && !engineCodes.has(k));
    const covered = new Set(diagCases.map((c) => c.code));
    expect(ingestCodes.filter((k) => !covered.has(k as DiagnosticCode))).toEqual([]);
  });
});

describe('the DOB/CII check is not vacuous', () => {
  test('it finds the DOB and CII of the input in their echoed forms', () => {
    expect(secretsOf(G([{}]))).toEqual(expect.arrayContaining(['19650721', '1965-07-21', '07/21/1965', '99887766']));
    expect(secretsOf(C([{}]))).toEqual(expect.arrayContaining(['1965-07-21', '99887766']));
  });

  test('it fails when a message echoes a CII', async () => {
    // A CII typed into the court column is echoed by BM203 (which is fine: it
    // is the court value); this only proves the check can fail.
    const input = C([{ court: '99887766' }]);
    const r = await run(input, CANONICAL);
    expect(r.diagnostics.map((d) => d.code)).toContain('BM203');
    expect(() => expectNoSecretsIn(r, [input])).toThrow();
  });
});

// ---------------------------------------------------------------- table 2: rows that must be filed

interface FiledCase {
  name: string;
  input: string;
  opts?: RunOptions;
  /** The filed cases, in case-number then court order (fields listed are compared). */
  cases: Array<Partial<CaseRecord>>;
  /** Codes that must not appear (besides: no reject/review at all). */
  absent?: DiagnosticCode[];
}

const filedCases: FiledCase[] = [
  {
    name: 'BOM + CRLF: the first header is read (CII kept) and the last field has no CR',
    input: G([{ CII_NUMBER: '11223344', 'Eligibility Determination': 'Eligible for Dismissal' }], { bom: true, eol: '\r\n' }),
    cases: [{ caseNumber: 'BA100001', cii: '11223344', relief: 'dismiss_and_seal', sources: [{ file: FILE, line: 2 }] }],
  },
  {
    name: 'quoted fields with commas, doubled quotes and a newline',
    input: G([{ PRI_NAME: 'DOE, JANE "JJ"\nJR', COMMENT_TEXT: 'a, b' }]),
    cases: [{ defendantName: 'DOE, JANE "JJ"\nJR' }],
  },
  {
    name: 'Unicode names are kept exactly',
    input: G([{ PRI_NAME: 'NGUYỄN,VĂN' }, { OFN: 'BA100002', PRI_NAME: 'Zoë' }, { OFN: 'BA100003', PRI_NAME: 'MÜLLER,JÜRGEN' }]),
    cases: [
      { caseNumber: 'BA100001', defendantName: 'NGUYỄN,VĂN' },
      { caseNumber: 'BA100002', defendantName: 'Zoë' },
      { caseNumber: 'BA100003', defendantName: 'MÜLLER,JÜRGEN' },
    ],
  },
  {
    name: 'messy court spellings match their court',
    input: G([
      { STP_ORI_DESCR: 'CASCLos Angeles Central' },
      { OFN: 'BA100002', STP_ORI_DESCR: '  casc los angeles central ' },
      { OFN: 'BA100003', STP_ORI_DESCR: 'CAMC  LONG BEACH', CONV_STAT_DESCR: 'MISDEMEANOR' },
      { OFN: 'BA100004', STP_ORI_DESCR: 'Long Beach Courthouse' },
    ]),
    cases: [
      { caseNumber: 'BA100001', court: 'casc-los-angeles-central', agency: 'da' },
      { caseNumber: 'BA100002', court: 'casc-los-angeles-central', agency: 'da' },
      { caseNumber: 'BA100003', court: 'camc-long-beach', agency: 'long-beach', caseType: 'misdemeanor' },
      { caseNumber: 'BA100004', court: 'camc-long-beach', agency: 'da', caseType: 'felony' },
    ],
  },
  {
    name: 'a misdemeanor outside Long Beach falls back to the DA',
    input: G([{ CONV_STAT_DESCR: 'MISDEMEANOR' }]),
    cases: [{ agency: 'da', caseType: 'misdemeanor', relief: 'dismiss_and_seal' }],
  },
  {
    name: 'a multi-count case is merged into one case with several code sections',
    // Reduction: a felony 11359 or 11360 gets no more from the statute (src/law/ceilings.ts).
    input: G(
      ['11357(C)HS-POSSESS MARIJUANA', '11359 HS-MARIJUANA POSSESION FOR SALE', '11360(A)HS-SELL/FURNISH/ETC MARIJUANA/HASH', '11357(C)HS-POSSESS MARIJUANA'].map((o) => ({
        OFFENSE_DESCR: o,
        'Eligibility Determination': 'Eligible for Reduction',
      })),
    ),
    cases: [{ caseNumber: 'BA100001', codeSections: ['HS 11357(c)', 'HS 11359', 'HS 11360(a)'], sources: [2, 3, 4, 5].map((line) => ({ file: FILE, line })) }],
  },
  {
    name: 'SEE COMMENT FOR CHARGE takes the section from COMMENT_TEXT',
    input: G([{ OFFENSE_DESCR: 'SEE COMMENT FOR CHARGE', COMMENT_TEXT: 'CHARGE 11359 HS POSSESS FOR SALE', 'Eligibility Determination': 'Eligible for Reduction' }]),
    cases: [{ codeSections: ['HS 11359'] }],
  },
  {
    name: 'OFN picks the case out of "A; B" Case Number',
    input: G([{ OFN: 'BA100002', 'Case Number': 'BA100001; BA100002' }]),
    cases: [{ caseNumber: 'BA100002' }],
  },
  {
    name: 'NULL among Case Numbers is ignored when one real number remains',
    input: G([{ OFN: '', 'Case Number': 'NULL; BA100003' }]),
    cases: [{ caseNumber: 'BA100003' }],
  },
  {
    name: 'DISP_DATE stands in for a blank Date of Conviction',
    input: G([{ 'Date of Conviction': '', DISP_DATE: '19880615' }]),
    cases: [{ convictionDate: '1988-06-15' }],
    absent: ['BM504'],
  },
  {
    name: 'reduction follows the case type',
    input: G([
      { 'Eligibility Determination': 'Eligible for Reduction' },
      { OFN: 'BA100002', CONV_STAT_DESCR: 'MISDEMEANOR', 'Eligibility Determination': 'Eligible for Reduction' },
    ]),
    cases: [
      { caseNumber: 'BA100001', relief: 'reduce_to_misdemeanor' },
      { caseNumber: 'BA100002', relief: 'reduce_to_infraction' },
    ],
  },
  {
    name: 'canonical relief in odd case is accepted',
    input: C([{ relief: 'Dismiss_And_Seal' }, { case_number: 'BA100002', relief: ' Reduce To Misdemeanor ' }]),
    opts: CANONICAL,
    cases: [
      { caseNumber: 'BA100001', relief: 'dismiss_and_seal' },
      { caseNumber: 'BA100002', relief: 'reduce_to_misdemeanor' },
    ],
  },
  {
    name: 'canonical code sections list, F/M case types, explicit agency',
    input: C([
      { case_type: 'F', code_sections: 'HS 11359; HS 11360(a)', relief: 'reduce_to_misdemeanor' },
      { case_number: 'BA100002', case_type: 'M', agency: 'long-beach', conviction_date: '06/15/1988', dob: '1970-01-31' },
    ]),
    opts: CANONICAL,
    cases: [
      { caseNumber: 'BA100001', caseType: 'felony', codeSections: ['HS 11359', 'HS 11360(a)'], agency: 'da', convictionDate: '1990-03-04' },
      { caseNumber: 'BA100002', caseType: 'misdemeanor', agency: 'long-beach', convictionDate: '1988-06-15', dob: '1970-01-31' },
    ],
  },
  {
    name: 'with the DA\'s stated basis, a felony HS 11359 dismissal is filed, marked beyond the statute',
    input: G([{ OFFENSE_DESCR: SALE }, { OFN: 'BA100002' }]),
    opts: DA_BASIS,
    cases: [
      { caseNumber: 'BA100001', relief: 'dismiss_and_seal', beyondStatute: true, codeSections: ['HS 11359'] },
      { caseNumber: 'BA100002', relief: 'dismiss_and_seal', codeSections: ['HS 11358'] },
    ],
    absent: ['BM310'],
  },
  {
    name: 'with the DA\'s stated basis, a former HS 11531 keeps the section the record shows',
    input: G([{ OFFENSE_DESCR: '11531 HS-SELL/TRANSPORT MARIJUANA', 'Date of Conviction': '02/27/1971' }]),
    opts: DA_BASIS,
    cases: [{ codeSections: ['HS 11531'], beyondStatute: true, convictionDate: '1971-02-27' }],
  },
  {
    name: 'Sentence not Completed is filed for recall_sentence by default, whatever the determination maps to',
    input: G([
      { 'Eligibility Determination': 'Eligible for Reduction', 'Eligibility Reason': 'Sentence not Completed' },
      { OFN: 'BA100002', 'Eligibility Reason': 'SENTENCE NOT COMPLETED' },
      { OFN: 'BA100003' },
    ]),
    cases: [
      { caseNumber: 'BA100001', relief: 'recall_sentence' },
      { caseNumber: 'BA100002', relief: 'recall_sentence' },
      { caseNumber: 'BA100003', relief: 'dismiss_and_seal' },
    ],
    absent: ['BM312'],
  },
  {
    name: 'one person under two spellings of the name, one CII number: one case',
    input: G([{ PRI_NAME: 'DOE,JANE' }, { PRI_NAME: 'DOE, JANE MARIE', PRI_DOB: '19650722' }]),
    cases: [{ caseNumber: 'BA100001', sources: [2, 3].map((line) => ({ file: FILE, line })) }],
    absent: ['BM314'],
  },
  {
    name: 'CII written with a dash and spaces is the same CII',
    input: G([{ CII_NUMBER: 'A12345678' }, { CII_NUMBER: ' a1234-5678 ' }]),
    cases: [{ caseNumber: 'BA100001' }],
    absent: ['BM314'],
  },
  {
    name: 'counts convicted within a year keep both dates',
    input: G([{ 'Date of Conviction': '09/01/1990' }, { 'Date of Conviction': '03/04/1990' }, { 'Date of Conviction': '09/01/1990' }]),
    cases: [{ convictionDate: '1990-03-04', convictionDates: ['1990-03-04', '1990-09-01'] }],
    absent: ['BM315'],
  },
  {
    name: 'Deceased is filed by default, flagged',
    input: G([{ Deceased: 'Deceased' }, { OFN: 'BA100002', Deceased: '-' }]),
    cases: [{ caseNumber: 'BA100001', flags: ['deceased'] }, { caseNumber: 'BA100002' }],
  },
  {
    name: 'flags.after_prop64: file files it, flagged (the date still detects it)',
    input: G([{ 'Date of Conviction': '05/01/2018' }]),
    opts: { configYaml: `${BASE_CONFIG_YAML}flags:\n  after_prop64: file\n` },
    cases: [{ convictionDate: '2018-05-01', flags: ['after_prop64'] }],
    absent: ['BM311'],
  },
  {
    name: 'flags.superstrike and flags.pc290: file',
    input: G([{ 'Superstrike Code Section(s)': '187 PC', 'PC290 Registration': 'Y' }]),
    opts: { configYaml: `${BASE_CONFIG_YAML}flags:\n  superstrike: file\n  pc290: file\n` },
    cases: [{ flags: ['superstrike', 'pc290'] }],
  },
  {
    name: 'canonical flags column: Deceased (any case) is filed, flagged; blank says nothing',
    input: C([{ flags: 'Deceased' }, { case_number: 'BA100002', flags: '' }], { columns: [...CANONICAL_COLUMNS, 'flags'] }),
    opts: CANONICAL,
    cases: [{ caseNumber: 'BA100001', flags: ['deceased'] }, { caseNumber: 'BA100002' }],
  },
  {
    name: 'a recalled sentence carries the derived flag sentence_not_completed',
    input: G([{ 'Eligibility Reason': 'Sentence not Completed' }]),
    cases: [{ relief: 'recall_sentence', flags: ['sentence_not_completed'] }],
  },
];

describe('rows that must be filed', () => {
  test.each(filedCases)('$name', async (c) => {
    const r = await run(c.input, c.opts);
    expectReconciled(r);
    expect(r.ingest!.rejected.map((x) => x.diagnostic.code)).toEqual([]);
    expect(r.ingest!.review.map((x) => x.diagnostic.code)).toEqual([]);
    expect(r.ingest!.excluded).toEqual([]);
    const cases = [...r.ingest!.cases].sort((a, b) => (a.caseNumber < b.caseNumber ? -1 : a.caseNumber > b.caseNumber ? 1 : a.court < b.court ? -1 : 1));
    expect(cases).toHaveLength(c.cases.length);
    cases.forEach((got, i) => expect(got).toMatchObject(c.cases[i]!));
    for (const code of c.absent ?? []) expect(allDiagnostics(r).map((d) => d.code)).not.toContain(code);
    // Each filed case is in exactly one filing.
    expect(r.plan!.filings.reduce((n, f) => n + f.caseCount, 0)).toBe(cases.length);
    expectNoSecretsIn(r, [c.input]);
  });
});

// ---------------------------------------------------------------- suspected bugs

describe('fixed bugs, kept as regressions', () => {
  // An unclosed quote on line 3 is "closed" by the first quote on line 4
  // (row 4's quoted name). PapaParse reports InvalidQuotes ("Trailing quote on
  // quoted field is malformed"), which src/ingest/csv.ts ignores (it checks
  // MissingQuotes only). Lines 3 and 4 become ONE row with the right field
  // count: BA100002 silently disappears (inputRows 2 for 3 data lines), and
  // BA100003 is filed with a defendant name holding all of line 3 (including
  // its DOB and CII). The catalogue's BM202 unterminated-quote is fatal.
  test('an unclosed quote closed by a later row\'s quote is BM202, not two rows run together', async () => {
    const input = G([{}]) + gogenLine({ OFN: 'BA100002', PRI_NAME: 'QQQ' }).replace('QQQ', '"DOE,JANE') + '\n' + gogenLine({ OFN: 'BA100003' }) + '\n';
    const r = await run(input);
    expect(r.diagnostics.map((d) => `${d.code}@${d.line}`)).toContain('BM202@3');
    expect(r.fatal).toBe(true);
  });

  // Issue 14, item 5: the first pass (PapaParse) took a quote inside an unquoted field as text, the
  // re-read (a quote-parity scanner) as a quote: the rows split differently and the run stopped with a
  // false "BM101 the file changed while it was being read". Smallest case found by the property test.
  test('a stray quote inside an unquoted field: the re-read agrees with the first pass (no BM101)', async () => {
    const h = 'OFN,Case Number,STP_ORI_DESCR,CONV_STAT_DESCR,OFFENSE_DESCR,Date of Conviction,Eligibility Determination';
    const input = [h, 'NULL,ba2,CASC Los Angeles Central,F,11357 HS-X,3/4/1990,Eligible for Dismissal', 'ba211357 HS-X"ba2\u{1F600}\u{1F600}', 'ba2,NULL,CASC Los Angeles Central,F,11357 HS-X,3/4/1990,Eligible for Reduction'].join('\r\n') + '\r\n';
    const r = await run(input);
    expect(r.diagnostics.map((d) => d.code)).not.toContain('BM101');
    expectReconciled(r);
    expect(r.ingest!.review.map((x) => x.raw.ref.line).sort()).toEqual([2, 4]);
  });

  // A bare LF inside an unquoted field of a CRLF file, read as a stream of 64 KB chunks: the old first
  // pass kept it inside the value (PapaParse with newline CRLF) while the re-read cut there. Now one rule:
  // it ends the row, both halves are rejected (BM201), and the re-read of the rows around it agrees.
  test('a bare LF inside an unquoted field of a CRLF file over 64 KB: one reading, rows accounted for, no BM101', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => gogenLine({ OFN: `BA${200000 + i}` }));
    rows.push(gogenLine({ OFN: 'BA100009', COMMENT_TEXT: 'LINE_BREAK' }).replace('LINE_BREAK', 'LINE\nBREAK'));
    rows.push(gogenLine({ OFN: 'BA200000', 'Eligibility Determination': 'Eligible for Reduction' }));
    const text = G([]).replace(/\n$/, '\r\n') + rows.join('\r\n') + '\r\n';
    const bytes = Buffer.from(text);
    expect(bytes.length).toBeGreaterThan(3 * 65536);
    const chunks = (): NodeJS.ReadableStream => Readable.from(Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536)));
    const r = await runPipeline({ configText: BASE_CONFIG_YAML, configFile: 'config.yaml', cases: [{ name: FILE, open: chunks }], asOf: '2026-11-26' });
    expect(r.diagnostics.filter((d) => d.severity === 'fatal').map((d) => `${d.code}@${d.line} ${d.message}`)).toEqual([]);
    expectReconciled(r);
    // Split at the bare LF: both halves are rejected as ragged rows (nothing is silently joined or lost).
    expect(r.ingest!.rejected.map((x) => `${x.diagnostic.code}@${x.raw.ref.line}`)).toEqual(['BM201@1202', 'BM201@1203']);
    expect(r.ingest!.review.map((x) => x.raw.ref.line).sort((a, b) => a - b)).toEqual([2, 1204]);
  });

  // Issue 14, item 4: a CRLF header then LF rows was read as ONE row of 45 fields.
  test('a CRLF header followed by LF rows: every row read', async () => {
    const input = G([{}, { OFN: 'BA100002' }, { OFN: 'BA100003' }, { OFN: 'BA100004' }]).replace('\n', '\r\n');
    const r = await run(input);
    expectReconciled(r);
    expect(r.reconciliation!.counts.inputRows).toBe(4);
    expect(r.ingest!.cases.map((c) => c.sources[0]!.line)).toEqual([2, 3, 4, 5]);
  });

  test('sep=, on the first line (as Excel writes it) is understood; the lines keep their numbers', async () => {
    const r = await run('sep=,\r\n' + G([{}, { OFN: 'BA100002' }]).replace(/\n/g, '\r\n'));
    expectReconciled(r);
    expect(r.ingest!.cases.map((c) => c.sources[0]!.line)).toEqual([3, 4]);
  });

  test('sep=; on the first line is BM106', async () => {
    const r = await run('sep=;\n' + G([{}]));
    expect(r.fatal).toBe(true);
    expect(r.diagnostics.map((d) => `${d.code}@${d.line}`)).toEqual(['BM106@1']);
  });

  test('empty header names get positional names and keep their values', async () => {
    const input = G([{ CONV_STAT_DESCR: '' }], { columns: [...GOGEN_COLUMNS, '', ''] }).replace(/\n(.*)\n$/, (_m, row: string) => `\n${row.replace(/,,$/, ',one,two')}\n`);
    const r = await run(input);
    expectReconciled(r);
    const listed = r.ingest!.review[0]!.raw;
    const n = GOGEN_COLUMNS.length;
    expect(listed.header.slice(n)).toEqual([`column_${n + 1}`, `column_${n + 2}`]);
    expect(rowFields(listed).slice(n)).toEqual(['one', 'two']);
  });

  // Issue 14, item 6: plain-object lookups reached the prototype: TypeError in plan/index.ts, or
  // "no agency in the config files function toString() { [native code] } cases".
  test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('case type %s is rejected as invalid (BM206), never a crash', async (t) => {
    const canonical = await run(C([{ case_type: t }, { case_number: 'BA100002' }]), CANONICAL);
    expectReconciled(canonical);
    expect(canonical.ingest!.rejected.map((x) => `${x.diagnostic.code}@${x.raw.ref.line}`)).toEqual(['BM206@2']);
    const gogen = await run(G([{ CONV_STAT_DESCR: t }, { OFN: 'BA100002' }]));
    expectReconciled(gogen);
    expect(gogen.ingest!.rejected.map((x) => `${x.diagnostic.code}@${x.raw.ref.line}`)).toEqual(['BM206@2']);
    expect(allDiagnostics(gogen).map((d) => d.message).join(' ')).not.toMatch(/native code|function/);
  });

  // input-formats.md: "CONV_STAT_DESCR is FELONY, MISDEMEANOR, INFRACTION, or
  // blank. When it is blank, gogen read OFFENSE_TOC (F/M/I) instead." The full
  // All_Results.csv carries OFFENSE_TOC, but the gogen preset never reads it,
  // so such a row goes to review (BM303) instead of being filed as gogen
  // screened it.
  test('blank CONV_STAT_DESCR falls back to OFFENSE_TOC when the file has it', async () => {
    const r = await run(G([{ CONV_STAT_DESCR: '', OFFENSE_TOC: 'M' }], { columns: [...GOGEN_COLUMNS, 'OFFENSE_TOC'] }));
    expectReconciled(r);
    expect(r.ingest!.review.map((x) => x.diagnostic.code)).toEqual([]);
    expect(r.ingest!.cases.map((c) => c.caseType)).toEqual(['misdemeanor']);
  });
});

describe('personal data is held only when a document will print it', () => {
  const noPersonal = edit(BASE_CONFIG_YAML, 'relief, defendant_name, dob, cii]', 'relief]');
  test('with the default exhibit columns, no name, DOB or CII is kept and DOBs are not even parsed', async () => {
    const r = await run(G([{ PRI_NAME: 'ZZTOP,ALICE', PRI_DOB: '19990231', CII_NUMBER: '99887766' }]), { configYaml: noPersonal });
    expect(r.ingest!.cases).toHaveLength(1);
    const c = r.ingest!.cases[0]!;
    expect(c.defendantName).toBeUndefined();
    expect(c.dob).toBeUndefined();
    expect(c.cii).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).not.toContain('BM506');
  });
  test('listing the columns keeps them', async () => {
    const r = await run(G([{ PRI_NAME: 'ZZTOP,ALICE', PRI_DOB: '19700102', CII_NUMBER: '99887766' }]));
    expect(r.ingest!.cases[0]).toMatchObject({ defendantName: 'ZZTOP,ALICE', dob: '1970-01-02', cii: '99887766' });
  });
});
