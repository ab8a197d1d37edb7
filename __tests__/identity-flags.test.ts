/**
 * Issue 13, parts 1, 2 and 5 (first bullet): one person per case, the screening's flags travel with the
 * case, and BM304/BM305 say what actually differs. The per-code table is in ingest.table.test.ts; this
 * file checks what a person reads: the messages and fixes, index.csv, review.csv, plan.json, the --json
 * report, the printed plan and the exhibit cell.
 */
import Papa from 'papaparse';
import { buildOutputs, report } from '../src/output/manifest';
import { printPlan } from '../src/cli/print';
import { exhibitCells, exhibitFor } from '../src/model/exhibit';
import type { PipelineResult } from '../src/pipeline';
import { differences, identityOf } from '../src/ingest/identity';
import { addMonths } from '../src/ingest/merge';
import { BASE_CONFIG_YAML, gogenCsv as G, run, type RunOptions } from './helpers/fixtures';

const SALE = '11359 HS-MARIJUANA POSSESION FOR SALE';

function files(r: PipelineResult) {
  const out = buildOutputs(r, { toolVersion: 't', asOf: '2026-11-26', config: { file: 'config.yaml', sha256: 'x' }, inputs: [{ file: 'cases.csv', sha256: 'y' }] });
  const text = (p: string) => out.find((f) => f.path === p)!.content.toString('utf8');
  const csv = (p: string) => Papa.parse<Record<string, string>>(text(p), { header: true, skipEmptyLines: true }).data;
  return { text, csv };
}

// ---------------------------------------------------------------- part 5: BM304 / BM305 say what differs

interface ConflictCase {
  name: string;
  input: string;
  opts?: RunOptions;
  code: 'BM304' | 'BM305' | 'BM314';
  message: string[];
  notInMessage?: string[];
  hint: string;
}

const conflicts: ConflictCase[] = [
  {
    name: 'relief alone differs',
    input: G([{}, { 'Eligibility Determination': 'Eligible for Reduction' }]),
    code: 'BM304',
    message: ['case BA100001 has counts asking for different relief: dismiss_and_seal (line 2), reduce_to_misdemeanor (line 3)'],
    notInMessage: ['also differ'],
    hint: 'decide which relief the case gets and correct the screening',
  },
  {
    name: 'relief, dates and case-number sources differ: maybe two cases',
    input: G([{ 'Date of Conviction': '03/04/1990' }, { OFN: '', 'Case Number': 'BA100001', 'Eligibility Determination': 'Eligible for Reduction', 'Date of Conviction': '06/01/1990' }]),
    code: 'BM304',
    message: ['dismiss_and_seal (line 2), reduce_to_misdemeanor (line 3)', 'they also differ in conviction date: 1990-03-04 (line 2), 1990-06-01 (line 3)', 'the column the case number came from: "OFN" (line 2), "Case Number" (line 3)'],
    hint: 'the counts may be of different cases: look each line up in the court index',
  },
  {
    name: 'relief differs because the status does: fix the status',
    input: G([{ 'Eligibility Determination': 'Eligible for Reduction' }, { CONV_STAT_DESCR: 'MISDEMEANOR', 'Eligibility Determination': 'Eligible for Reduction' }]),
    code: 'BM304',
    message: ['reduce_to_misdemeanor (line 2), reduce_to_infraction (line 3)', 'felony/misdemeanor status: felony (line 2), misdemeanor (line 3)'],
    hint: 'the relief follows the felony/misdemeanor status',
  },
  {
    name: 'status alone differs',
    input: G([{}, { CONV_STAT_DESCR: 'MISDEMEANOR' }, {}]),
    code: 'BM305',
    message: ['case BA100001 has counts marked felony (lines 2, 4), misdemeanor (line 3)'],
    notInMessage: ['also differ'],
    hint: 'look the case up and correct the felony/misdemeanor status of the count recorded wrongly',
  },
  {
    name: 'status and dates differ: maybe two cases',
    input: G([{}, { CONV_STAT_DESCR: 'MISDEMEANOR', 'Date of Conviction': '05/05/1990' }]),
    code: 'BM305',
    message: ['felony (line 2), misdemeanor (line 3)', 'conviction date: 1990-03-04 (line 2), 1990-05-05 (line 3)'],
    hint: 'the counts may be of different cases',
  },
  {
    name: 'three different people with different statuses: BM314, not BM305',
    input: G([{}, { CONV_STAT_DESCR: 'MISDEMEANOR', CII_NUMBER: '12121212' }, { CONV_STAT_DESCR: 'MISDEMEANOR', CII_NUMBER: '34343434' }]),
    code: 'BM314',
    message: ['3 different CII numbers (the first on line 2, the second on line 3, the third on line 4)'],
    notInMessage: ['felony/misdemeanor'],
    hint: 'correct the case number (or court) of the rows that belong to another person',
  },
  {
    name: 'different people asking for different relief: BM314, not BM304',
    input: G([{}, { 'Eligibility Determination': 'Eligible for Reduction', CII_NUMBER: '12121212', OFFENSE_DESCR: SALE }]),
    code: 'BM314',
    message: ['2 different CII numbers'],
    hint: 'look the rows up',
  },
];

describe('BM304 and BM305 say what differs, with a fix that fits (BM314 when the rows are of different people)', () => {
  test.each(conflicts)('$name', async (c) => {
    const r = await run(c.input, c.opts);
    const review = r.ingest!.review;
    expect(review.length).toBeGreaterThan(0);
    const d = review[0]!.diagnostic;
    expect(review.map((x) => x.diagnostic.code)).toEqual(review.map(() => c.code));
    for (const m of c.message) expect(d.message).toContain(m);
    for (const m of c.notInMessage ?? []) expect(d.message).not.toContain(m);
    expect(d.hint).toContain(c.hint);
  });
});

// ---------------------------------------------------------------- part 1: identity, compared as hashes

describe('identity', () => {
  const formats = ['YYYYMMDD'];
  const id = (x: Parameters<typeof identityOf>[0]) => identityOf(x, '2026-11-26');
  test.each([
    ['same CII, different names: one person', { cii: '1', name: 'A' }, { cii: '1', name: 'B' }, []],
    ['different CII: two people, whatever the names', { cii: '1', name: 'A' }, { cii: '2', name: 'A' }, ['cii']],
    ['one row without a CII: the names decide', { cii: '1', name: 'A' }, { name: 'B' }, ['name']],
    ['no numbers: name and DOB', { name: 'DOE, JANE', dob: { value: '19650721', formats } }, { name: 'doe jane', dob: { value: '19650722', formats } }, ['dob']],
    ['nothing to compare', { name: 'A' }, { dob: { value: '19650721', formats } }, []],
    ['a NULL CII is no CII', { cii: 'NULL', name: 'A' }, { cii: '7', name: 'A' }, []],
  ])('%s', (_n, a, b, want) => {
    expect(differences(id(a), id(b))).toEqual(want);
  });
  test('the identity holds numbers only, never the values', () => {
    const i = id({ cii: 'A12345678', name: 'DOE,JANE', dob: { value: '19650721', formats } })!;
    expect(Object.values(i).every((v) => typeof v === 'number')).toBe(true);
    expect(JSON.stringify(i)).not.toMatch(/12345678|DOE|1965/);
  });
  test.each([
    ['1990-03-04', 12, '1991-03-04'],
    ['1990-11-30', 3, '1991-02-30'],
    ['1990-03-04', 0, '1990-03-04'],
  ])('addMonths(%s, %d) = %s', (iso, n, want) => expect(addMonths(iso, n)).toBe(want));
});

// ---------------------------------------------------------------- parts 1 and 2: what the files show

describe('the flags and dates travel to the files a person reads', () => {
  const input = G([
    { Deceased: 'Deceased' },
    { 'Date of Conviction': '09/01/1990' },
    { OFN: 'BA100002', 'PC290 Registration': 'Yes' },
    { OFN: 'BA100003', 'Superstrike Code Section(s)': '187 PC', 'Date of Conviction': '01/01/2004' },
    { OFN: 'BA100003', 'Date of Conviction': '01/01/1990' },
    { OFN: 'BA100004' },
  ]);

  test('index.csv: a flags column, and every conviction date of a case', async () => {
    const r = await run(input);
    const index = files(r).csv('index.csv');
    expect(index.map((x) => [x.case_number, x.conviction_date, x.flags])).toEqual([
      ['BA100001', '1990-03-04; 1990-09-01', 'deceased'],
      ['BA100004', '1990-03-04', ''],
    ]);
  });

  test('review.csv: a flags column, row by row', async () => {
    const r = await run(input);
    const review = files(r).csv('review.csv');
    expect(review.map((x) => [x.source_line, x.code, x.flags])).toEqual([
      ['4', 'BM316', 'pc290'],
      // Dates 14 years apart: BM315 comes first; the flags still travel, on the row that has them.
      ['5', 'BM315', 'superstrike'],
      ['6', 'BM315', ''],
    ]);
    // rejects.csv and excluded.csv are unchanged here (issue 13's round trip owns their columns).
    expect(files(r).text('rejects.csv').split('\r\n')[0]).not.toContain('flags');
  });

  test('plan.json, the --json report and the printed plan count the flags', async () => {
    const r = await run(input);
    expect(JSON.parse(files(r).text('plan.json')).flags).toEqual({ deceased: 1, after_prop64: 0, superstrike: 0, pc290: 0, sentence_not_completed: 0 });
    expect(report(r).flags).toMatchObject({ deceased: { filed: 1, review: 0, excluded: 0 }, pc290: { filed: 0, review: 1, excluded: 0 }, superstrike: { filed: 0, review: 1, excluded: 0 } });
    const lines: string[] = [];
    printPlan(r, (s) => lines.push(s));
    expect(lines).toContain('Flags (cases):');
    expect(lines.find((l) => l.trim().startsWith('pc290'))).toMatch(/0 filed, 1 in review, 0 excluded/);
  });

  test('plan.json lists a case\'s several dates and flags; a plain case has neither key', async () => {
    const r = await run(input);
    const cases = JSON.parse(files(r).text('plan.json')).filings.flatMap((f: { cases: unknown[] }) => f.cases);
    expect(cases[0]).toMatchObject({ caseNumber: 'BA100001', convictionDates: ['1990-03-04', '1990-09-01'], flags: ['deceased'] });
    expect(Object.keys(cases[1])).toEqual(['caseNumber', 'court', 'codeSections', 'convictionDate', 'sources']);
  });

  test('the exhibit shows every conviction date of a case', async () => {
    const r = await run(input);
    const f = r.plan!.filings[0]!;
    const ex = exhibitFor(f, r.config!);
    const col = ex.columns.findIndex((c) => c.key === 'conviction_date');
    expect(f.cases.map((c, i) => exhibitCells(ex, c, i)[col])).toEqual(['03/04/1990, 09/01/1990', '03/04/1990']);
  });

  test('an unknown flags: policy value is a config error naming the key', async () => {
    const r = await run(input, { configYaml: `${BASE_CONFIG_YAML}flags:\n  deceased: maybe\n` });
    expect(r.fatal).toBe(true);
    expect(r.diagnostics.map((d) => `${d.code} ${d.column}`)).toEqual(['BM602 flags.deceased']);
  });
});
