/**
 * Relief that matches the statute, case by case (issue 12, part 2): the
 * statutory ceiling table, beyond-the-statute cases with and without a stated
 * basis, sentence-not-completed routing, the post-2016 rule and former
 * sections before the 1972 recodification.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Papa from 'papaparse';
import { CEILINGS, baseSection, caseCeiling, sectionParts, withinStatute, type Ceiling } from '../src/law/ceilings';
import { RELIEFS, type CaseType, type Relief } from '../src/domain';
import { runPipeline, type PipelineResult } from '../src/pipeline';
import { gogenCondensedRows, GOGEN_CONDENSED_HEADER } from '../src/samples/gogen-generator';
import { BASE_CONFIG_YAML, CANONICAL_COLUMNS, canonicalCsv, edit, gogenCsv, run } from './helpers/fixtures';

const root = path.join(__dirname, '..');
const DA_BASIS_YAML = edit(BASE_CONFIG_YAML, '    email: prop64@da.example.org\n', '    email: prop64@da.example.org\n    beyond_statute_basis: The District Attorney asks, as a matter of discretion, for more than the statute gives.\n');
const SALE = '11359 HS-MARIJUANA POSSESION FOR SALE';

function reconciled(r: PipelineResult): void {
  expect(r.fatal).toBe(false);
  expect(r.reconciliation!.ok).toBe(true);
}
const filings = (r: PipelineResult) => r.plan!.filings.map((f) => [f.id, f.caseCount, f.beyondStatute ?? false]);
const reviewCodes = (r: PipelineResult) => r.ingest!.review.map((x) => `${x.raw.ref.line}:${x.diagnostic.code}`);

// ---------------------------------------------------------------- the ceiling table

describe('the statutory ceiling per section and case type', () => {
  // [case type, section, ceiling], from ../shared/reference/prop64-law.md.
  const table: Array<[CaseType, string, Ceiling]> = [
    ['felony', 'HS 11357(a)', 'reduce_to_misdemeanor'],
    ['misdemeanor', 'HS 11357(b)', 'dismiss_and_seal'],
    ['infraction', 'HS 11357(b)', 'dismiss_and_seal'],
    ['felony', 'HS 11358', 'dismiss_and_seal'],
    ['misdemeanor', 'HS 11358', 'dismiss_and_seal'],
    ['felony', 'HS 11359', 'reduce_to_misdemeanor'],
    ['misdemeanor', 'HS 11359', 'none'],
    ['felony', 'HS 11360(a)', 'reduce_to_misdemeanor'],
    ['misdemeanor', 'HS 11360(b)', 'dismiss_and_seal'],
    ['misdemeanor', '11360(B)HS', 'dismiss_and_seal'],
    ['misdemeanor', 'H&S 11360(b)(1)', 'dismiss_and_seal'],
    ['misdemeanor', 'HS 11360', 'none'],
    ['misdemeanor', 'HS 11360(a)', 'none'],
    ['felony', 'HS 11360(b)', 'reduce_to_misdemeanor'],
    ['felony', 'HS 11530', 'none'],
    ['misdemeanor', 'HS 11531', 'none'],
    ['felony', 'HS 11530.5', 'none'],
    ['felony', 'HS 11357.5', 'none'],
    ['felony', 'PC 148', 'none'],
  ];
  test.each(table)('%s %s: at most %s', (caseType, section, ceiling) => {
    expect(caseCeiling(caseType, [section]).ceiling).toBe(ceiling);
  });

  test('every section and case type of 11357-11360 has one base entry, marked [checked] or [confirm]; no entry twice', () => {
    const keys = CEILINGS.map((e) => `${e.section}/${e.caseType}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(CEILINGS.filter((e) => /^\d+$/.test(e.section))).toHaveLength(4 * 3);
    for (const e of CEILINGS) expect(['checked', 'confirm']).toContain(e.status);
  });

  test.each([
    ['HS 11360(b)', { base: '11360', subdivision: 'b' }],
    ['11357(C)HS', { base: '11357', subdivision: 'c' }],
    ['H&S 11360(a)(3)', { base: '11360', subdivision: 'a' }],
    ['HS 11359', { base: '11359' }],
  ])('section parts of %j', (text, parts) => expect(sectionParts(text)).toEqual(parts));

  test.each([
    ['HS 11357(c)', '11357'],
    ['11359 HS', '11359'],
    ['H&S 11360(a)', '11360'],
    ['H & S 11360(A)(2)', '11360'],
    ['11357(A)HS', '11357'],
    ['HSC 11530.5', '11530.5'],
    ['11358', '11358'],
    ['PC 148', undefined],
    ['SEE COMMENT', undefined],
  ])('base section of %j is %j', (text, base) => expect(baseSection(text)).toBe(base));

  // Felony: reduce_to_misdemeanor < reduce_to_infraction < dismiss < dismiss_and_seal.
  const felonyOrder: Relief[] = ['reduce_to_misdemeanor', 'reduce_to_infraction', 'dismiss', 'dismiss_and_seal'];
  test.each([
    ['HS 11359', 1],
    ['HS 11358', 4],
    ['HS 11530', 0],
  ] as const)('felony %s: the first %i reliefs in rank order are within', (section, n) => {
    expect(felonyOrder.map((r) => withinStatute('felony', [section], r))).toEqual(felonyOrder.map((_, i) => i < n));
  });

  test('misdemeanor: reduce_to_infraction < dismiss < dismiss_and_seal; reduce_to_misdemeanor never applies', () => {
    const order: Relief[] = ['reduce_to_infraction', 'dismiss', 'dismiss_and_seal'];
    expect(order.map((r) => withinStatute('misdemeanor', ['HS 11357(b)'], r))).toEqual([true, true, true]);
    expect(order.map((r) => withinStatute('misdemeanor', ['HS 11359'], r))).toEqual([false, false, false]);
    expect(withinStatute('misdemeanor', ['HS 11357(b)'], 'reduce_to_misdemeanor')).toBe(false);
  });

  test('a case takes the lowest ceiling of its sections', () => {
    expect(caseCeiling('felony', ['HS 11358', 'HS 11359', 'HS 11360(a)'])).toEqual({ ceiling: 'reduce_to_misdemeanor', limiting: ['HS 11359', 'HS 11360(a)'] });
    expect(withinStatute('felony', ['HS 11358', 'HS 11359'], 'dismiss_and_seal')).toBe(false);
    expect(withinStatute('felony', ['HS 11358', 'HS 11530'], 'reduce_to_misdemeanor')).toBe(false);
  });

  test('recall_sentence: any 11357-11360 conviction, never a former or other section', () => {
    for (const t of ['felony', 'misdemeanor', 'infraction'] as const) {
      expect(withinStatute(t, ['HS 11359', 'HS 11360(a)'], 'recall_sentence')).toBe(true);
      expect(withinStatute(t, ['HS 11359', 'HS 11530'], 'recall_sentence')).toBe(false);
    }
  });

  test('no code section: nothing is within', () => {
    for (const r of RELIEFS) expect(withinStatute('felony', [], r)).toBe(false);
  });
});

// ---------------------------------------------------------------- beyond the statute

describe('relief beyond the statute', () => {
  const input = gogenCsv([
    {},
    { OFN: 'BA100002', OFFENSE_DESCR: SALE },
    { OFN: 'BA100003', OFFENSE_DESCR: SALE },
    { OFN: 'BA100003', OFFENSE_DESCR: '11358 HS-CULTIVATE MARIJUANA' },
    { OFN: 'BA100004', OFFENSE_DESCR: SALE, 'Eligibility Determination': 'Eligible for Reduction' },
  ]);

  test('with the agency\'s stated basis: filed, in a filing of its own marked beyondStatute, after its statutory counterpart', async () => {
    const r = await run(input, { configYaml: DA_BASIS_YAML });
    reconciled(r);
    expect(r.ingest!.review).toEqual([]);
    expect(filings(r)).toEqual([
      ['da-felony-dismiss-and-seal', 1, false],
      ['da-felony-dismiss-and-seal-beyond-statute', 2, true],
      ['da-felony-reduce-to-misdemeanor', 1, false],
    ]);
    const beyond = r.plan!.filings[1]!;
    expect(beyond.cases.map((c) => [c.caseNumber, c.codeSections])).toEqual([
      ['BA100002', ['HS 11359']],
      ['BA100003', ['HS 11359', 'HS 11358']],
    ]);
    expect(beyond.cases.every((c) => c.beyondStatute === true)).toBe(true);
    expect(r.plan!.filings.filter((f) => !f.beyondStatute).flatMap((f) => f.cases).some((c) => c.beyondStatute)).toBe(false);
  });

  test('without a stated basis: to review with BM310, nothing misfiled', async () => {
    const r = await run(input);
    reconciled(r);
    expect(filings(r)).toEqual([
      ['da-felony-dismiss-and-seal', 1, false],
      ['da-felony-reduce-to-misdemeanor', 1, false],
    ]);
    expect(reviewCodes(r)).toEqual(['3:BM310', '4:BM310', '5:BM310']);
    expect(r.reconciliation!.counts.reviewRows).toBe(3);
  });

  test('the plan keeps beyond-statute cases apart whatever the grouping, with court in the id', async () => {
    const r = await run(input, { configYaml: `${DA_BASIS_YAML}grouping: [agency, court, case_type, relief]\n` });
    expect(r.plan!.filings.map((f) => f.id)).toEqual([
      'da-casc-los-angeles-central-felony-dismiss-and-seal',
      'da-casc-los-angeles-central-felony-dismiss-and-seal-beyond-statute',
      'da-casc-los-angeles-central-felony-reduce-to-misdemeanor',
    ]);
  });

  test('plan.json and the summary say which filing is beyond the statute', async () => {
    const { planJson } = await import('../src/output/manifest');
    const r = await run(input, { configYaml: DA_BASIS_YAML });
    const plan = JSON.parse(planJson(r.plan!)) as { filings: Array<{ id: string; beyondStatute?: boolean }> };
    expect(plan.filings.map((f) => [f.id, f.beyondStatute])).toEqual([
      ['da-felony-dismiss-and-seal', undefined],
      ['da-felony-dismiss-and-seal-beyond-statute', true],
      ['da-felony-reduce-to-misdemeanor', undefined],
    ]);
  });

  test('a judge\'s set_relief beyond the ceiling: the beyond filing with a basis, a fatal BM803 without', async () => {
    const one = gogenCsv([{ OFN: 'BA100004', OFFENSE_DESCR: SALE, 'Eligibility Determination': 'Eligible for Reduction' }]);
    const edits = 'case_number,action,value,reason\nBA100004,set_relief,dismiss_and_seal,Court dismissed\n';
    const opts = (configText: string) => ({ configText, configFile: 'c.yaml', cases: [{ name: 'cases.csv', open: () => one }], asOf: '2026-11-26', edits: { name: 'edits.csv', open: () => edits } });
    const withBasis = await runPipeline(opts(DA_BASIS_YAML));
    reconciled(withBasis);
    expect(filings(withBasis)).toEqual([['da-felony-dismiss-and-seal-beyond-statute', 1, true]]);
    const without = await runPipeline(opts(BASE_CONFIG_YAML));
    expect(without.fatal).toBe(true);
    const d = without.diagnostics.find((x) => x.code === 'BM803')!;
    expect(d.message).toContain('goes beyond what HS 11361.8 gives it (statutory ceiling: reduce_to_misdemeanor)');
    // And back within: the mark goes.
    const back = await runPipeline({ ...opts(DA_BASIS_YAML), cases: [{ name: 'cases.csv', open: () => gogenCsv([{ OFN: 'BA100004', OFFENSE_DESCR: SALE }]) }], edits: { name: 'e.csv', open: () => 'case_number,action,value,reason\nBA100004,set_relief,reduce_to_misdemeanor,Court reduced\n' } });
    expect(filings(back)).toEqual([['da-felony-reduce-to-misdemeanor', 1, false]]);
  });
});

// ---------------------------------------------------------------- serving a sentence

describe('sentence not completed', () => {
  const input = gogenCsv([
    { 'Eligibility Determination': 'Eligible for Reduction', 'Eligibility Reason': 'Sentence not Completed' },
    { OFN: 'BA100002', 'Eligibility Reason': 'Sentence not Completed' },
    { OFN: 'BA100003' },
  ]);

  test('by default: never dismissal or redesignation, a recall_sentence filing of its own', async () => {
    const r = await run(input);
    reconciled(r);
    expect(filings(r)).toEqual([
      ['da-felony-dismiss-and-seal', 1, false],
      ['da-felony-recall-sentence', 2, false],
    ]);
    expect(r.diagnostics.filter((d) => d.code === 'BM509').map((d) => d.message)).toEqual([
      '2 cases screened as still serving the sentence are filed for recall_sentence (HS 11361.8(a)-(c)), not for the relief the screening maps to',
    ]);
  });

  test('sentence_not_completed: review sends them to review with BM312', async () => {
    const r = await run(input, { configYaml: `${BASE_CONFIG_YAML}sentence_not_completed: review\n` });
    reconciled(r);
    expect(filings(r)).toEqual([['da-felony-dismiss-and-seal', 1, false]]);
    expect(reviewCodes(r)).toEqual(['2:BM312', '3:BM312']);
  });

  test('one count of a case saying so is enough for the whole case', async () => {
    const r = await run(gogenCsv([{}, { 'Eligibility Reason': 'Sentence not Completed' }]));
    expect(filings(r)).toEqual([['da-felony-recall-sentence', 1, false]]);
  });

  test('canonical: sentence_completed N becomes recall_sentence; Y and blank change nothing', async () => {
    const columns = [...CANONICAL_COLUMNS, 'sentence_completed'];
    const base = canonicalCsv([{}, { case_number: 'BA100002' }, { case_number: 'BA100003' }], { columns });
    const lines = base.split('\n');
    const csv = [lines[0], `${lines[1]}N`, `${lines[2]}Y`, `${lines[3]}`, ''].join('\n');
    const r = await run(csv, { preset: 'canonical' });
    reconciled(r);
    expect(r.ingest!.cases.map((c) => [c.caseNumber, c.relief])).toEqual([
      ['BA100001', 'recall_sentence'],
      ['BA100002', 'dismiss_and_seal'],
      ['BA100003', 'dismiss_and_seal'],
    ]);
  });

  test('a former section serving a sentence is beyond the statute too (recall reaches 11357-11360 only)', async () => {
    const r = await run(gogenCsv([{ OFFENSE_DESCR: '11530 HS-POSSESS MARIJUANA', 'Date of Conviction': '08/21/1964', 'Eligibility Reason': 'Sentence not Completed' }]));
    expect(reviewCodes(r)).toEqual(['2:BM310']);
    const withBasis = await run(gogenCsv([{ OFFENSE_DESCR: '11530 HS-POSSESS MARIJUANA', 'Date of Conviction': '08/21/1964', 'Eligibility Reason': 'Sentence not Completed' }]), { configYaml: DA_BASIS_YAML });
    expect(filings(withBasis)).toEqual([['da-felony-recall-sentence-beyond-statute', 1, true]]);
  });
});

// ---------------------------------------------------------------- after Prop 64

describe('after Prop 64 (on or after 2016-11-09)', () => {
  test.each([
    ['11/08/2016', '-', 'filed'],
    ['11/09/2016', '-', 'review'],
    ['01/15/2019', 'false', 'review'],
    ['03/04/1990', 'Y', 'review'],
    ['03/04/1990', 'yes', 'review'],
    ['03/04/1990', 'N', 'filed'],
    ['03/04/1990', '', 'filed'],
  ])('conviction %s, "Occurred after 11/9/2016" %j: %s', async (date, after, bucket) => {
    const r = await run(gogenCsv([{ 'Date of Conviction': date, 'Occurred after 11/9/2016': after }]));
    reconciled(r);
    expect(r.ingest!.cases.length === 1 ? 'filed' : reviewCodes(r).join()).toBe(bucket === 'filed' ? 'filed' : '2:BM311');
  });

  test('the rule comes before the ceiling and the sentence: a post-2016 case is BM311 whatever else', async () => {
    const r = await run(gogenCsv([{ 'Date of Conviction': '01/15/2019', OFFENSE_DESCR: SALE, 'Eligibility Reason': 'Sentence not Completed' }]));
    expect(reviewCodes(r)).toEqual(['2:BM311']);
  });
});

// ---------------------------------------------------------------- before 1972

describe('former sections before the 1972 recodification', () => {
  const col = (name: string) => GOGEN_CONDENSED_HEADER.indexOf(name);
  const OFFENSE = col('OFFENSE_DESCR');
  const CYC = col('CYC_DATE');
  const CONV = col('Date of Conviction');
  const MODERN = /^113(57|58|59|60)(?!\d)/;

  test('the generator never writes a modern section for an offense before 1972, nor a former one after', () => {
    let former = 0;
    for (const row of gogenCondensedRows({ cases: 3000, seed: 7, messy: true })) {
      const offense = row[OFFENSE] === 'SEE COMMENT FOR CHARGE' ? row[col('COMMENT_TEXT')]!.replace(/^CHRG /, '') : row[OFFENSE]!;
      const before = row[CYC]! < '19720101';
      if (before) {
        former++;
        expect(offense).toMatch(/^1153[01] HS/);
      } else expect(offense).toMatch(MODERN);
      // Every 1961-1971 conviction has a former section.
      if (Number(row[CONV]!.slice(6)) < 1972) expect(offense).not.toMatch(MODERN);
    }
    expect(former).toBeGreaterThan(50);
  });

  test('the Los Angeles sample: no 1961-1971 conviction shows a modern section', () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(path.join(root, 'samples', 'los-angeles', 'cases.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const old = rows.filter((r) => Number(r['Date of Conviction']!.slice(6)) < 1972);
    expect(old.length).toBeGreaterThan(5);
    for (const r of old) expect(`${r.OFFENSE_DESCR} ${r.COMMENT_TEXT}`).toMatch(/1153[01] HS/);
  });
});

// ---------------------------------------------------------------- the Los Angeles sample

describe('the Los Angeles sample', () => {
  let r: PipelineResult;
  let reasons: Map<number, string>;
  beforeAll(async () => {
    const dir = path.join(root, 'samples', 'los-angeles');
    const text = readFileSync(path.join(dir, 'cases.csv'), 'utf8');
    r = await runPipeline({ configText: readFileSync(path.join(dir, 'config.yaml'), 'utf8'), configFile: 'config.yaml', cases: [{ name: 'cases.csv', open: () => text }], asOf: '2026-11-26' });
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    // Line = index + 2 (no quoted line breaks in the sample).
    reasons = new Map(rows.map((x, i) => [i + 2, x['Eligibility Reason']!]));
  });

  test('a recall filing holds the sentence-not-completed cases, and no other filing holds one', () => {
    reconciled(r);
    const serving = (f: { cases: Array<{ sources: Array<{ line: number }> }> }) => f.cases.filter((c) => c.sources.some((s) => reasons.get(s.line) === 'Sentence not Completed')).length;
    const recall = r.plan!.filings.filter((f) => f.relief === 'recall_sentence');
    expect(recall.map((f) => f.id)).toEqual(['da-felony-recall-sentence', 'da-felony-recall-sentence-beyond-statute']);
    expect(recall.every((f) => serving(f) === f.caseCount)).toBe(true);
    for (const f of r.plan!.filings.filter((x) => x.relief !== 'recall_sentence')) expect([f.id, serving(f)]).toEqual([f.id, 0]);
  });

  test('felony dismiss-and-seal cases beyond the statute form the DA\'s beyond-statute filing; a city without a basis gets review', () => {
    const beyond = r.plan!.filings.find((f) => f.id === 'da-felony-dismiss-and-seal-beyond-statute')!;
    expect(beyond.beyondStatute).toBe(true);
    expect(beyond.cases.every((c) => !withinStatute(c.caseType, c.codeSections, c.relief))).toBe(true);
    const statutory = r.plan!.filings.filter((f) => !f.beyondStatute && !f.challenge).flatMap((f) => f.cases);
    expect(statutory.every((c) => withinStatute(c.caseType, c.codeSections, c.relief))).toBe(true);
    const cityBeyond = r.ingest!.review.filter((x) => x.diagnostic.code === 'BM310');
    expect(cityBeyond.length).toBeGreaterThan(0);
    for (const x of cityBeyond) expect(x.diagnostic.hint).not.toContain('agency "da"');
  });
});
