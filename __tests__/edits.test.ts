/**
 * A judge's edits: applied exactly or not at all, reconciled, and reported.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { changeReport, changesMarkdown } from '../src/changes/report';
import { snapshotFrom } from '../src/io/snapshot';
import { buildOutputs } from '../src/output/manifest';
import { runPipeline, type PipelineResult } from '../src/pipeline';
import { root } from './helpers/documents';

const CONFIG = path.join(root, 'samples', 'los-angeles', 'config.yaml');
const CASES = path.join(root, 'samples', 'los-angeles', 'cases.csv');

async function run(edits?: string): Promise<PipelineResult> {
  return runPipeline({
    configText: readFileSync(CONFIG, 'utf8'),
    configFile: CONFIG,
    cases: [{ name: 'cases.csv', open: () => readFileSync(CASES) }],
    asOf: '2026-11-26',
    ...(edits !== undefined ? { edits: { name: 'edits.csv', open: () => edits } } : {}),
  });
}

const HEAD = 'case_number,action,value,reason\n';
let base: PipelineResult;
beforeAll(async () => {
  base = await run();
});
const filingOf = (r: PipelineResult, n: string) => r.plan!.filings.find((f) => f.cases.some((c) => c.caseNumber === n))?.id;
const felony = () => base.plan!.filings.find((f) => f.id === 'da-felony-dismiss-and-seal')!.cases;

test('strike removes the case from its filing and the counts, and keeps it in the struck list', async () => {
  const [a, b] = felony();
  const r = await run(`${HEAD}${a!.caseNumber},strike,,Prosecution challenge\n${b!.caseNumber.toLowerCase()},strike,,"Defence objection, sustained"\n`);
  expect(r.fatal).toBe(false);
  expect(filingOf(r, a!.caseNumber)).toBeUndefined();
  expect(filingOf(r, b!.caseNumber)).toBeUndefined();
  const c = r.reconciliation!.counts;
  expect(c.struckCases).toBe(2);
  expect(c.filedCases).toBe(base.reconciliation!.counts.filedCases - 2);
  expect(c.inputRows).toBe(c.filedRows + c.challengedRows + c.excludedRows + c.reviewRows + c.rejectedRows + c.struckRows);
  expect(r.reconciliation!.ok).toBe(true);
  expect(r.struck!.map((s) => [s.record.caseNumber, s.reason, s.line])).toEqual([
    [a!.caseNumber, 'Prosecution challenge', 2],
    [b!.caseNumber, 'Defence objection, sustained', 3],
  ]);
});

test('set_relief moves a case to the filing for its new relief; restore undoes a strike', async () => {
  const [a, b] = felony();
  const r = await run(`${HEAD}${a!.caseNumber},set_relief,Reduce to misdemeanor,Court reduced instead\n${b!.caseNumber},strike,,x\n${b!.caseNumber},restore,,Challenge withdrawn\n`);
  expect(r.fatal).toBe(false);
  expect(filingOf(r, a!.caseNumber)).toBe('da-felony-reduce-to-misdemeanor');
  expect(filingOf(r, b!.caseNumber)).toBe('da-felony-dismiss-and-seal');
  expect(r.struck).toEqual([]);
});

test('set_court routes the case again: a DA misdemeanor moved to a Long Beach court goes to the city\'s filing', async () => {
  const c = base.plan!.filings.find((f) => f.id === 'da-misdemeanor-dismiss-and-seal')!.cases[0]!;
  const r = await run(`${HEAD}${c.caseNumber},set_court,CAMC Long Beach,Heard in Long Beach\n`);
  expect(r.fatal).toBe(false);
  expect(filingOf(r, c.caseNumber)).toBe('long-beach-misdemeanor-dismiss-and-seal');
  const moved = r.plan!.filings.flatMap((f) => f.cases).find((x) => x.caseNumber === c.caseNumber)!;
  expect([moved.court, moved.agency]).toEqual(['camc-long-beach', 'long-beach']);
});

test.each([
  ['an unknown case', 'ZZ999999,strike,,x\n', 'BM801', 'case_number'],
  ['restoring a case never struck', '{A},restore,,x\n', 'BM801', 'case_number'],
  ['an unknown action', '{A},delete,,x\n', 'BM802', 'action'],
  ['a strike without a reason', '{A},strike,,\n', 'BM805', 'reason'],
  ['a bad relief', '{A},set_relief,pardon,x\n', 'BM803', 'value'],
  ['an unknown court', '{A},set_court,CASC Atlantis,x\n', 'BM803', 'value'],
  ['a correction onto another filed case', '{A},correct_number,{B},x\n', 'BM803', 'value'],
])('%s stops the run with a diagnostic at the edit line', async (_what, line, code, column) => {
  // Two filed cases in the same court, so a correction of one onto the other collides.
  const a = felony()[0]!;
  const b = felony().find((c) => c !== a && c.court === a.court);
  const r = await run(`${HEAD}${a!.caseNumber},set_relief,dismiss,fine\n${line.replace('{A}', a!.caseNumber).replace('{B}', b!.caseNumber)}`);
  expect(r.fatal).toBe(true);
  expect(r.plan).toBeUndefined();
  const d = r.diagnostics.find((x) => x.code.startsWith('BM8'))!;
  expect({ code: d.code, file: d.file, line: d.line, column: d.column }).toEqual({ code, file: 'edits.csv', line: 3, column });
});

test('an edits file without the required columns is BM806', async () => {
  const r = await run('case,what\nBA1,strike\n');
  expect(r.fatal).toBe(true);
  expect(r.diagnostics.map((d) => d.code)).toContain('BM806');
});

test('the change report names struck cases with their reasons, and which documents changed', async () => {
  const [a] = felony();
  const after = await run(`${HEAD}${a!.caseNumber},strike,,Prosecution challenge\n`);
  const meta = { toolVersion: 't', asOf: '2026-11-26', config: { file: 'c', sha256: 'x' }, inputs: [] };
  const snap = (r: PipelineResult, label: string) => {
    const files = buildOutputs(r, meta);
    const text = (p: string) => files.find((f) => f.path === p)!.content.toString('utf8');
    return snapshotFrom(label, JSON.parse(text('manifest.json')), text('index.csv'), text('struck.csv'), text('challenged.csv'));
  };
  const report = changeReport(snap(base, 'before'), snap(after, 'after'));
  const f = report.filings.find((x) => x.id === 'da-felony-dismiss-and-seal')!;
  expect(f.status).toBe('changed');
  expect(f.struck).toEqual([{ caseNumber: a!.caseNumber, courtId: a!.court, reason: 'Prosecution challenge' }]);
  expect(report.filings.filter((x) => x.status !== 'unchanged').map((x) => x.id)).toEqual(['da-felony-dismiss-and-seal']);
  const md = changesMarkdown(report);
  const court = base.config!.courts.find((c) => c.id === a!.court)!.name;
  expect(md).toContain(`${a!.caseNumber}, ${court}: Prosecution challenge`);
  expect(md).toContain(`## Unchanged filings (${base.plan!.filings.length - 1})`);
  expect(changeReport(snap(base, 'a'), snap(base, 'b')).identical).toBe(true);
});

test('the change report says which exhibit rows were renumbered: from the first case that moved up to the last, and not when a case only joins the end', async () => {
  const meta = { toolVersion: 't', asOf: '2026-11-26', config: { file: 'c', sha256: 'x' }, inputs: [] };
  const snap = (r: PipelineResult, label: string) => {
    const files = buildOutputs(r, meta);
    const text = (p: string) => files.find((f) => f.path === p)!.content.toString('utf8');
    return snapshotFrom(label, JSON.parse(text('manifest.json')), text('index.csv'), text('struck.csv'), text('challenged.csv'));
  };
  const cases = felony();
  // Struck from row 3: every later case moves up a row.
  const after = await run(`${HEAD}${cases[2]!.caseNumber},strike,,Prosecution challenge\n`);
  const f = changeReport(snap(base, 'before'), snap(after, 'after')).filings.find((x) => x.id === 'da-felony-dismiss-and-seal')!;
  expect(f.renumbered).toEqual({ exhibit: 'A', firstRow: 3, lastRow: cases.length - 1, cases: cases.length - 3 });
  expect(changesMarkdown(changeReport(snap(base, 'before'), snap(after, 'after')))).toContain(`Exhibit A rows 3-${cases.length - 1} are renumbered (${cases.length - 3} cases have a new row number); cite cases by case number, not row.`);
  // The other way (the case back at row 3): the same rows move down.
  expect(changeReport(snap(after, 'after'), snap(base, 'again')).filings.find((x) => x.id === f.id)!.renumbered).toEqual({ exhibit: 'A', firstRow: 4, lastRow: cases.length, cases: cases.length - 3 });
  // The last case struck: nobody moves.
  const last = await run(`${HEAD}${cases.at(-1)!.caseNumber},strike,,x\n`);
  const g = changeReport(snap(base, 'before'), snap(last, 'after')).filings.find((x) => x.id === f.id)!;
  expect(g.status).toBe('changed');
  expect(g.renumbered).toBeUndefined();
  expect(changesMarkdown(changeReport(snap(base, 'before'), snap(last, 'after')))).not.toContain('renumbered');
});

describe('a challenged case (in a notice of challenge)', () => {
  const notice = () => base.plan!.filings.find((f) => f.challenge)!;
  const meta = { toolVersion: 't', asOf: '2026-11-26', config: { file: 'c', sha256: 'x' }, inputs: [] };
  const snap = (r: PipelineResult, label: string) => {
    const files = buildOutputs(r, meta);
    const text = (p: string) => files.find((f) => f.path === p)!.content.toString('utf8');
    return snapshotFrom(label, JSON.parse(text('manifest.json')), text('index.csv'), text('struck.csv'), text('challenged.csv'));
  };

  test('strike withdraws the challenge: out of the notice, into struck.csv with its reason, and the counts reconcile', async () => {
    const n = notice();
    const c = n.cases.find((x) => x.sources.length > 1)!;
    const r = await run(`${HEAD}${c.caseNumber},strike,,Challenge withdrawn\n`);
    expect(r.fatal).toBe(false);
    const after = r.plan!.filings.find((f) => f.id === n.id)!;
    expect(after.cases.map((x) => x.caseNumber)).toEqual(n.cases.filter((x) => x !== c).map((x) => x.caseNumber));
    expect(after.caseCount).toBe(n.caseCount - 1);
    expect(r.struck!.map((s) => [s.record.caseNumber, s.reason])).toEqual([[c.caseNumber, 'Challenge withdrawn']]);
    const k = r.reconciliation!.counts;
    const b = base.reconciliation!.counts;
    expect(r.reconciliation!.ok).toBe(true);
    expect(k.inputRows).toBe(k.filedRows + k.challengedRows + k.excludedRows + k.reviewRows + k.rejectedRows + k.struckRows);
    expect([k.filedRows, k.filedCases, k.challengedRows, k.challengedCases, k.struckRows, k.struckCases, k.struckChallengedCases]).toEqual([b.filedRows, b.filedCases, b.challengedRows - c.sources.length, b.challengedCases - 1, c.sources.length, 1, 1]);
    // Motions untouched.
    expect(r.plan!.filings.filter((f) => !f.challenge).map((f) => [f.id, f.caseCount])).toEqual(base.plan!.filings.filter((f) => !f.challenge).map((f) => [f.id, f.caseCount]));
    const files = buildOutputs(r, meta);
    const struckCsv = files.find((f) => f.path === 'struck.csv')!.content.toString('utf8');
    expect(struckCsv).toContain(c.caseNumber);
    expect(struckCsv).toContain('Challenge withdrawn');
    expect(files.find((f) => f.path === 'challenged.csv')!.content.toString('utf8')).not.toContain(c.caseNumber);
  });

  test('restore challenges it again, as if never struck', async () => {
    const c = notice().cases[0]!;
    const r = await run(`${HEAD}${c.caseNumber},strike,,Withdrawn\n${c.caseNumber},restore,,Challenged after all\n`);
    expect(r.fatal).toBe(false);
    expect(r.struck).toEqual([]);
    expect(r.plan!.filings.find((f) => f.challenge)!.cases.map((x) => x.caseNumber)).toEqual(notice().cases.map((x) => x.caseNumber));
    expect(r.reconciliation!.counts).toEqual(base.reconciliation!.counts);
  });

  test('set_relief, set_court and correct_number on a challenged case are BM803: strike it to withdraw the challenge', async () => {
    const c = notice().cases[0]!;
    for (const [action, value] of [['set_relief', 'dismiss'], ['set_court', 'casc-los-angeles'], ['correct_number', 'BA999999']]) {
      const r = await run(`${HEAD}${c.caseNumber},${action},${value},x\n`);
      expect(r.fatal).toBe(true);
      const d = r.diagnostics.find((x) => x.code === 'BM803')!;
      expect(d.message).toContain(`case ${c.caseNumber} is a challenged case`);
      expect(d.hint).toContain('strike it to withdraw the challenge');
    }
  });

  test('the change report lists a withdrawn challenge as struck from its notice, and a run against itself is identical', async () => {
    const n = notice();
    const c = n.cases[0]!;
    const after = await run(`${HEAD}${c.caseNumber},strike,,Challenge withdrawn\n`);
    const report = changeReport(snap(base, 'before'), snap(after, 'after'));
    expect(report.filings.filter((x) => x.status !== 'unchanged').map((x) => x.id)).toEqual([n.id]);
    const f = report.filings.find((x) => x.id === n.id)!;
    expect(f.struck).toEqual([{ caseNumber: c.caseNumber, courtId: c.court, reason: 'Challenge withdrawn' }]);
    expect(f.caseCount).toEqual({ old: n.caseCount, new: n.caseCount - 1 });
    // Restored on the next run: added back to the notice.
    const back = changeReport(snap(after, 'after'), snap(base, 'again')).filings.find((x) => x.id === n.id)!;
    expect(back.added).toEqual([{ caseNumber: c.caseNumber, courtId: c.court }]);
    expect(changeReport(snap(after, 'a'), snap(after, 'b')).identical).toBe(true);
    expect(changeReport(snap(base, 'a'), snap(base, 'b')).identical).toBe(true);
  });
});
