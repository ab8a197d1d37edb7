/**
 * Test fixtures: a Los Angeles-like config and synthetic case lists.
 * Every name and number here is invented.
 */
import { runPipeline, type PipelineResult } from '../../src/pipeline';
import type { Preset } from '../../src/ingest';

/** The route that sends misdemeanors outside Long Beach to the DA. */
export const DA_MISDEMEANOR_FALLBACK = `  - agency: da
    case_types: [misdemeanor]
`;

export const BASE_CONFIG_YAML = `county: Los Angeles
agencies:
  - id: da
    name: Los Angeles County District Attorney
    head: "PAT EXAMPLE, District Attorney"
    attorneys:
      - name: Alex Example
        title: Deputy District Attorney
        bar_number: "123456"
    address: ["211 West Temple Street", "Los Angeles, CA 90012"]
    phone: "(213) 555-0100"
    email: prop64@da.example.org
  - id: long-beach
    name: Long Beach City Attorney
    attorneys:
      - name: Sam Example
        bar_number: "654321"
    address: ["411 West Ocean Boulevard", "Long Beach, CA 90802"]
    phone: "(562) 555-0100"
    email: prop64@lb.example.org
courts:
  - id: casc-los-angeles-central
    name: Los Angeles Superior Court, Central
    aliases: ["CASC Los Angeles Central"]
  - id: camc-long-beach
    name: Long Beach Courthouse
    aliases: ["CAMC Long Beach"]
    city: Long Beach
routing:
  - agency: da
    case_types: [felony]
  - agency: long-beach
    case_types: [misdemeanor]
    cities: [Long Beach]
${DA_MISDEMEANOR_FALLBACK}determinations:
  Eligible for Dismissal: dismiss_and_seal
  Eligible for Reduction:
    felony: reduce_to_misdemeanor
    misdemeanor: reduce_to_infraction
input:
  preset: gogen
# The tests see personal data so they can prove it never leaks into diagnostics;
# a config that doesn't list these columns never holds them (see ingest.table.test.ts).
exhibit:
  columns: [row, case_number, court, code_sections, conviction_date, relief, defendant_name, dob, cii]
`;

/** Replace `from` (which must occur) in `text`. */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture edit: ${JSON.stringify(from)} not found`);
  return text.replace(from, to);
}

/** 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`lineOf: ${JSON.stringify(needle)} not found`);
  return i + 1;
}

export const GOGEN_DOJ_COLUMNS = [
  'CII_NUMBER', 'PRI_NAME', 'GENDER', 'PRI_DOB', 'RACE_DESCR', 'CYC_DATE', 'STP_EVENT_DATE', 'STP_ORI_DESCR',
  'STP_ORI_CNTY_NAME', 'DISP_DATE', 'OFN', 'OFFENSE_DESCR', 'DISP_DESCR', 'CONV_STAT_DESCR', 'SENT_LOC_DESCR',
  'SENT_LENGTH', 'SENT_TIME_CODE', 'CYC_AGE', 'COMMENT_TEXT', 'END_OF_REC',
] as const;

export const GOGEN_ELIGIBILITY_COLUMNS = [
  'Case Number', '# of convictions on record', 'Possible Other P64 Charges', 'Occurred after 11/9/2016',
  'Superstrike Code Section(s)', 'PC290 Code Section(s)', 'PC290 Registration', 'Date of Conviction',
  'Years Since This Conviction', 'Years Since Any Conviction', '# of Prop 64 convictions', '# of HS 11357 convictions',
  '# of HS 11358 convictions', '# of HS 11359 convictions', '# of HS 11360 convictions', 'Deceased',
  'Eligibility Determination', 'Eligibility Reason',
] as const;

export const GOGEN_COLUMNS = [...GOGEN_DOJ_COLUMNS, ...GOGEN_ELIGIBILITY_COLUMNS] as const;
export type GogenColumn = (typeof GOGEN_COLUMNS)[number];

export const DEFAULT_DOB = '19650721';
export const DEFAULT_CII = '99887766';

const GOGEN_DEFAULTS: Record<GogenColumn, string> = {
  CII_NUMBER: DEFAULT_CII,
  PRI_NAME: 'DOE,JANE',
  GENDER: 'FEMALE',
  PRI_DOB: DEFAULT_DOB,
  RACE_DESCR: 'UNKNOWN',
  CYC_DATE: '19900101',
  STP_EVENT_DATE: '19900304',
  STP_ORI_DESCR: 'CASC Los Angeles Central',
  STP_ORI_CNTY_NAME: 'LOS ANGELES',
  DISP_DATE: '19900304',
  OFN: 'BA100001',
  // A felony cultivation count: dismissal and sealing is within what HS 11361.8 gives it
  // (src/law/ceilings.ts), so the default row is filed as the statute allows.
  OFFENSE_DESCR: '11358 HS-CULTIVATE MARIJUANA',
  DISP_DESCR: 'CONVICTED',
  CONV_STAT_DESCR: 'FELONY',
  SENT_LOC_DESCR: 'JAIL',
  SENT_LENGTH: '30',
  SENT_TIME_CODE: 'DAYS',
  CYC_AGE: '24',
  COMMENT_TEXT: '',
  END_OF_REC: 'Y',
  'Case Number': 'BA100001',
  '# of convictions on record': '1',
  'Possible Other P64 Charges': '',
  'Occurred after 11/9/2016': 'false',
  'Superstrike Code Section(s)': '',
  'PC290 Code Section(s)': '',
  'PC290 Registration': 'false',
  'Date of Conviction': '03/04/1990',
  'Years Since This Conviction': '36.7',
  'Years Since Any Conviction': '36.7',
  '# of Prop 64 convictions': '1',
  '# of HS 11357 convictions': '0',
  '# of HS 11358 convictions': '1',
  '# of HS 11359 convictions': '0',
  '# of HS 11360 convictions': '0',
  Deceased: 'false',
  'Eligibility Determination': 'Eligible for Dismissal',
  'Eligibility Reason': 'Only has 11357-60 charges and completed sentence',
};

export const CANONICAL_COLUMNS = [
  'case_number', 'court', 'case_type', 'relief', 'code_sections', 'conviction_date', 'agency', 'defendant_name', 'dob', 'cii', 'notes',
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

const CANONICAL_DEFAULTS: Record<CanonicalColumn, string> = {
  case_number: 'BA100001',
  court: 'CASC Los Angeles Central',
  case_type: 'felony',
  relief: 'dismiss_and_seal',
  code_sections: 'HS 11358',
  conviction_date: '1990-03-04',
  agency: '',
  defendant_name: 'DOE, JANE',
  dob: '1965-07-21',
  cii: DEFAULT_CII,
  notes: '',
};

export interface CsvOptions {
  /** Header to write (default: all columns). Unknown names get '' unless set in the row. */
  columns?: readonly string[];
  eol?: string;
  bom?: boolean;
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function writeCsv(defaults: Record<string, string>, allColumns: readonly string[], rows: Array<Record<string, string | undefined>>, opts: CsvOptions): string {
  const columns = opts.columns ?? allColumns;
  const eol = opts.eol ?? '\n';
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) {
    const fill = (c: string) => row[c] ?? (c === 'Case Number' && row.OFN !== undefined ? row.OFN : defaults[c]) ?? '';
    lines.push(columns.map((c) => csvField(fill(c))).join(','));
  }
  return (opts.bom ? '\uFEFF' : '') + lines.join(eol) + eol;
}

/** A gogen-style CSV (condensed DOJ columns + eligibility columns), one row per count. */
export function gogenCsv(rows: Array<Partial<Record<GogenColumn, string>> & Record<string, string | undefined>>, opts: CsvOptions = {}): string {
  return writeCsv(GOGEN_DEFAULTS, GOGEN_COLUMNS, rows, opts);
}

/** A canonical CSV, one row per case or count. */
export function canonicalCsv(rows: Array<Partial<Record<CanonicalColumn, string>> & Record<string, string | undefined>>, opts: CsvOptions = {}): string {
  return writeCsv(CANONICAL_DEFAULTS, CANONICAL_COLUMNS, rows, opts);
}

export interface RunOptions {
  preset?: Preset;
  configYaml?: string;
  asOf?: string;
  extraFiles?: Array<{ name: string; content: string | Buffer }>;
  /** The sheet to read from a workbook (--sheet). */
  sheet?: string;
}

/** Runs the pipeline on `csv` (named cases.csv) plus any extra files. */
export function run(csv: string | Buffer, opts: RunOptions = {}): Promise<PipelineResult> {
  const files = [{ name: 'cases.csv', content: csv }, ...(opts.extraFiles ?? [])];
  return runPipeline({
    configText: opts.configYaml ?? BASE_CONFIG_YAML,
    configFile: 'config.yaml',
    cases: files.map((f) => ({ name: f.name, open: () => f.content })),
    ...(opts.preset ? { preset: opts.preset } : {}),
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
    asOf: opts.asOf ?? '2026-11-26',
  });
}
