/**
 * The review round trip (--resolved, docs/review.md): a review.csv the tool
 * wrote, answered by a person, passed back. Each kind of answer joins the
 * plan; each bad one stops the run at its file, line and column; the answers
 * keep working after the list is exported again.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Papa from 'papaparse';
import { outputFiles, materialise } from '../src/output/manifest';
import { runPipeline, type PipelineResult } from '../src/pipeline';
import { laRun, root } from './helpers/documents';

const CONFIG = path.join(root, 'samples', 'los-angeles', 'config.yaml');
const CASES = readFileSync(path.join(root, 'samples', 'los-angeles', 'cases.csv'), 'utf8');
const RESOLVED = 'answers.csv';

type Row = Record<string, string>;
let base: PipelineResult;
let review: { fields: string[]; rows: Row[] };

/** review.csv (top-level or confidential) of a run, parsed. */
function listing(r: PipelineResult, p = 'review.csv') {
  const f = outputFiles(r).map(materialise).find((x) => x.path === p)!;
  const parsed = Papa.parse<Row>(f.content.toString('utf8'), { header: true, skipEmptyLines: true });
  return { fields: parsed.meta.fields!, rows: parsed.data };
}

/** review.csv with answers: `answers` maps a source line to the cells to fill. */
function answered(answers: Record<number, Row>, from = review): string {
  const rows = from.rows.map((r) => ({ ...r, ...(answers[Number(r.source_line)] ?? {}) }));
  return Papa.unparse({ fields: from.fields, data: rows });
}

function run(resolved: string, cases = CASES, name = 'samples/los-angeles/cases.csv') {
  return runPipeline({ configText: readFileSync(CONFIG, 'utf8'), configFile: CONFIG, cases: [{ name, open: () => Buffer.from(cases) }], asOf: '2026-11-26', resolved: { name: RESOLVED, open: () => Buffer.from(resolved) } });
}

const filed = (r: PipelineResult, n: string) => r.plan!.filings.flatMap((f) => f.cases.map((c) => ({ ...c, filing: f.id }))).find((c) => c.caseNumber === n);
const balanced = (r: PipelineResult) => {
  const c = r.reconciliation!.counts;
  return r.reconciliation!.ok && c.inputRows === c.filedRows + c.challengedRows + c.excludedRows + c.reviewRows + c.rejectedRows + c.struckRows;
};

beforeAll(async () => {
  base = await laRun();
  review = listing(base);
});

test('review.csv keeps its columns in place and adds row_key and the answer columns after them', () => {
  expect(review.fields.slice(0, 5)).toEqual(['source_file', 'source_line', 'code', 'reason', 'fix']);
  expect(review.fields.slice(-7)).toEqual(['row_key', 'decision', 'resolve_case_number', 'resolve_case_type', 'resolve_relief', 'resolve_court', 'resolve_note']);
  expect(review.rows.every((r) => /^rk[0-9a-f]{20}$/.test(r.row_key!))).toBe(true);
  expect(new Set(review.rows.map((r) => r.row_key)).size).toBe(review.rows.length);
});

describe('each kind of answer joins the plan', () => {
  const cases: Array<{ name: string; answers: Record<number, Row>; check: (r: PipelineResult) => void; resolved: number }> = [
    { name: 'resolve_case_number on a row without one (BM301)', answers: { 121: { resolve_case_number: 'ba999121' } }, resolved: 1, check: (r) => expect(filed(r, 'BA999121')?.sources.map((s) => s.line)).toEqual([121]) },
    { name: 'resolve_case_type on every row of a case (BM303)', answers: { 297: { resolve_case_type: 'misdemeanor' }, 298: { resolve_case_type: 'M' }, 299: { resolve_case_type: 'Misdemeanor' } }, resolved: 3, check: (r) => expect(filed(r, '1IW42869')).toMatchObject({ caseType: 'misdemeanor', filing: 'inglewood-misdemeanor-dismiss-and-seal' }) },
    { name: 'resolve_relief settles counts asking different relief (BM304)', answers: { 185: { resolve_relief: 'reduce_to_misdemeanor' }, 186: { decision: 'file', resolve_relief: 'Reduce to misdemeanor' } }, resolved: 2, check: (r) => expect(filed(r, 'BA431104')).toMatchObject({ relief: 'reduce_to_misdemeanor', sources: [expect.objectContaining({ line: 185 }), expect.objectContaining({ line: 186 })] }) },
    { name: 'resolve_court with the case number of an ambiguous row (BM302)', answers: { 133: { resolve_case_number: 'GA181750', resolve_court: 'CASC Glendale' } }, resolved: 1, check: (r) => expect(filed(r, 'GA181750')?.court).toBe('casc-glendale') },
    {
      name: 'decision exclude moves the row to excluded.csv (BM404)',
      answers: { 235: { decision: 'exclude', resolve_note: 'former section' } },
      resolved: 1,
      check: (r) => {
        const x = r.ingest!.excluded.find((e) => e.raw.ref.line === 235)!;
        expect(x.diagnostic.code).toBe('BM404');
        expect(x.diagnostic.message).toContain('former section');
        expect(r.ingest!.review.some((e) => e.raw.ref.line === 235)).toBe(false);
      },
    },
  ];
  test.each(cases)('$name', async ({ answers, check, resolved }) => {
    const r = await run(answered(answers));
    expect(r.diagnostics.filter((d) => d.severity === 'fatal')).toEqual([]);
    expect(r.fatal).toBe(false);
    check(r);
    expect(r.reconciliation!.counts.resolvedRows).toBe(resolved);
    expect(r.reconciliation!.counts.reviewRows).toBe(base.reconciliation!.counts.reviewRows - resolved);
    expect(balanced(r)).toBe(true);
    expect(r.resolved).toHaveLength(resolved);
  });
});

describe('a bad answer stops the run at its line and column', () => {
  // Line numbers are those of the answered file: header on line 1, review rows in source order from line 2.
  const lineOf = (source: number) => review.rows.findIndex((r) => r.source_line === String(source)) + 2;
  const cases: Array<{ name: string; file: () => string; code: string; source?: number; line?: number; column: string }> = [
    { name: 'a relief that is none', file: () => answered({ 121: { resolve_case_number: 'BA1', resolve_relief: 'dismissed' } }), code: 'BM808', source: 121, column: 'resolve_relief' },
    { name: 'an unknown court', file: () => answered({ 121: { resolve_case_number: 'BA1', resolve_court: 'Narnia Superior' } }), code: 'BM808', source: 121, column: 'resolve_court' },
    { name: 'a case number with a space', file: () => answered({ 121: { resolve_case_number: 'BA 1' } }), code: 'BM808', source: 121, column: 'resolve_case_number' },
    { name: 'a case type that is none', file: () => answered({ 297: { resolve_case_type: 'felon' }, 298: { resolve_case_type: 'felony' }, 299: { resolve_case_type: 'felony' } }), code: 'BM808', source: 297, column: 'resolve_case_type' },
    { name: 'a decision that is none', file: () => answered({ 121: { decision: 'maybe' } }), code: 'BM808', source: 121, column: 'decision' },
    { name: 'exclude with a correction', file: () => answered({ 121: { decision: 'exclude', resolve_case_number: 'BA1' } }), code: 'BM808', source: 121, column: 'resolve_case_number' },
    { name: 'file without the missing case number', file: () => answered({ 121: { decision: 'file' } }), code: 'BM808', source: 121, column: 'resolve_case_number' },
    { name: 'file a case still beyond the statute (BM310)', file: () => answered({ 235: { decision: 'file' } }), code: 'BM808', source: 235, column: 'decision' },
    { name: 'a resolution that conflicts with a filed case', file: () => answered({ 121: { resolve_case_number: filedNumber(), resolve_relief: 'reduce_to_infraction' } }), code: 'BM808', source: 121, column: 'decision' },
    { name: 'a row_key that matches no review row', file: () => answered({ 121: { row_key: 'rk00000000000000000000', resolve_case_number: 'BA1' } }), code: 'BM809', source: 121, column: 'row_key' },
    { name: 'an answered row without a row_key', file: () => answered({ 121: { row_key: '', resolve_case_number: 'BA1' } }), code: 'BM809', source: 121, column: 'row_key' },
    { name: 'two answers for one row', file: () => answered({ 121: { resolve_case_number: 'BA1' }, 123: { row_key: review.rows.find((r) => r.source_line === '121')!.row_key!, resolve_case_number: 'BA2' } }), code: 'BM810', source: 123, column: 'row_key' },
    { name: 'part of a case filed, the rest unanswered', file: () => answered({ 297: { resolve_case_type: 'misdemeanor' } }), code: 'BM811', source: 297, column: 'decision' },
    { name: 'a file without the answer columns', file: () => 'source_file,source_line,code\r\nx,2,BM301\r\n', code: 'BM807', line: 1, column: 'row_key' },
  ];
  test.each(cases)('$name: $code', async ({ file, code, source, line, column }) => {
    const r = await run(file());
    expect(r.fatal).toBe(true);
    expect(r.plan).toBeUndefined();
    const fatal = r.diagnostics.filter((d) => d.severity === 'fatal');
    expect(fatal.map((d) => [d.code, d.file, d.line, d.column])).toEqual([[code, RESOLVED, line ?? lineOf(source!), column]]);
  });
});

/** A case number filed from rows not in review, in the court of review row 121 (casc-los-angeles). */
function filedNumber(): string {
  return base.plan!.filings.flatMap((f) => f.cases).find((c) => c.court === 'casc-los-angeles' && c.relief !== 'reduce_to_infraction')!.caseNumber;
}

test('an answer for a filed case merges into it when they agree', async () => {
  const target = base.plan!.filings.flatMap((f) => f.cases).find((c) => c.court === 'casc-los-angeles' && c.agency === 'da' && c.caseType === 'felony' && c.relief === 'dismiss_and_seal' && c.beyondStatute)!;
  const r = await run(answered({ 121: { resolve_case_number: target.caseNumber } }));
  expect(r.fatal).toBe(false);
  expect(filed(r, target.caseNumber)!.sources.map((s) => s.line)).toEqual([...target.sources.map((s) => s.line), 121]);
  expect(r.reconciliation!.counts.filedCases).toBe(base.reconciliation!.counts.filedCases);
  expect(balanced(r)).toBe(true);
});

test('the same answers keep working after the list is exported again: rows reordered, rows added, another file name', async () => {
  const answers = answered({ 121: { resolve_case_number: 'BA999121' }, 297: { resolve_case_type: 'misdemeanor' }, 298: { resolve_case_type: 'misdemeanor' }, 299: { resolve_case_type: 'misdemeanor' }, 235: { decision: 'exclude' } });
  const lines = CASES.split(/\r?\n/).filter((l) => l !== '');
  const [header, ...rows] = lines;
  // Reversed, with a new (filed) row in front and another in the middle: every line number changes.
  const extra = rows[0]!.replace('NA061311', 'NA777777').replace('NA061311', 'NA777777');
  const reexported = [header, extra, ...rows.reverse().slice(0, 200), extra.replace(/NA777777/g, 'NA888888'), ...rows.slice(200)].join('\r\n') + '\r\n';
  const before = await run(answers);
  const after = await run(answers, reexported, 'exports/Prop64_Results_2027.csv');
  expect(after.diagnostics.filter((d) => d.severity === 'fatal')).toEqual([]);
  for (const r of [before, after]) {
    expect(filed(r, 'BA999121')).toBeDefined();
    expect(filed(r, '1IW42869')?.caseType).toBe('misdemeanor');
    expect(r.reconciliation!.counts.resolvedRows).toBe(5);
    expect(balanced(r)).toBe(true);
  }
  expect(after.resolved!.map((x) => x.row.raw.ref.line)).not.toEqual(before.resolved!.map((x) => x.row.raw.ref.line));
  expect(after.reconciliation!.counts.filedCases).toBe(before.reconciliation!.counts.filedCases + 2);
});

test('either copy answers: the public review.csv or confidential/review.csv', async () => {
  const conf = listing(base, 'confidential/review.csv');
  expect(conf.fields).toEqual(review.fields);
  expect(conf.rows.map((r) => r.row_key)).toEqual(review.rows.map((r) => r.row_key));
  const r = await run(answered({ 121: { resolve_case_number: 'BA999121' } }, conf));
  expect(filed(r, 'BA999121')).toBeDefined();
});

test('rows that differ only in personal data: ambiguous from the public copy (BM810), told apart by the confidential one', async () => {
  const lines = CASES.split(/\r?\n/);
  const row121 = lines[120]!;
  const twin = row121.replace(/^\d+,"[^"]*"/, '12345678,"OTHER,PERSON"');
  expect(twin).not.toBe(row121);
  const cases = [...lines.slice(0, 121), twin, ...lines.slice(121)].join('\n');
  const before = await runPipeline({ configText: readFileSync(CONFIG, 'utf8'), configFile: CONFIG, cases: [{ name: 'c.csv', open: () => Buffer.from(cases) }], asOf: '2026-11-26' });
  const pub = listing(before);
  const conf = listing(before, 'confidential/review.csv');
  const fill = { resolve_case_number: 'BA999121' };
  const r1 = await run(answered({ 121: fill }, pub), cases, 'c.csv');
  expect(r1.diagnostics.filter((d) => d.severity === 'fatal').map((d) => d.code)).toEqual(['BM810']);
  const r2 = await run(answered({ 121: fill }, conf), cases, 'c.csv');
  expect(r2.fatal).toBe(false);
  expect(filed(r2, 'BA999121')!.sources.map((s) => s.line)).toEqual([121]);
  expect(r2.ingest!.review.some((x) => x.raw.ref.line === 122)).toBe(true);
});
