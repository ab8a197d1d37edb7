/**
 * Code sections printed once, in their most specific form: in the exhibit's
 * cells, index.csv and the motion's text (issue 12, part 5).
 */
import { distinctSections } from '../src/law/sections';
import { exhibitCells, exhibitFor } from '../src/model/exhibit';
import { indexCsv } from '../src/output/tables';
import { filingView } from '../src/compose/view';
import { laRun } from './helpers/documents';

test.each([
  [['HS 11357(c)', 'HS 11357'], ['HS 11357(c)']],
  [['HS 11360', 'HS 11360(a)'], ['HS 11360(a)']],
  [['HS 11357(b)', 'HS 11357(c)'], ['HS 11357(b)', 'HS 11357(c)']],
  [['HS 11357', 'HS 11357(c)', 'HS 11357(b)'], ['HS 11357(c)', 'HS 11357(b)']],
  [['HS 11359', 'HS 11359', 'HS 11358'], ['HS 11359', 'HS 11358']],
  [['HS 11360(a)(1)', 'HS 11360(a)', 'HS 11360'], ['HS 11360(a)(1)']],
  [['HS 11357 (c)', 'hs 11357'], ['HS 11357 (c)']],
  [['HS 11357', 'HS 11357.5'], ['HS 11357', 'HS 11357.5']],
  [['HS 11530', 'HS 11531'], ['HS 11530', 'HS 11531']],
  [[], []],
])('%j -> %j', (input, expected) => {
  expect(distinctSections(input)).toEqual(expected);
});

test('the exhibit, index.csv and the motion print each section once, most specific form kept', async () => {
  const r = await laRun();
  // Cases whose record lists a section both bare and with a subdivision.
  const repeated = r.plan!.filings.flatMap((f) => f.cases.map((c) => ({ f, c }))).filter(({ c }) => c.codeSections.some((s) => c.codeSections.some((t) => t.startsWith(`${s}(`))));
  expect(repeated.length).toBeGreaterThan(2);
  const csv = indexCsv(r.plan!, r.config!);
  for (const { f, c } of repeated) {
    const ex = exhibitFor(f, r.config!);
    const col = ex.columns.findIndex((k) => k.key === 'code_sections');
    const cell = exhibitCells(ex, c, f.cases.indexOf(c))[col]!;
    const printed = cell.split(', ');
    expect(printed).toEqual(distinctSections(c.codeSections));
    for (const s of printed) expect(printed.some((t) => t.startsWith(`${s}(`))).toBe(false);
    const row = csv.split('\r\n').find((l) => l.startsWith(`${c.caseNumber},${f.id},`))!;
    expect(row).toContain(`,${printed.join('; ')},`);
    // The record itself keeps what the input said.
    expect(c.codeSections.length).toBeGreaterThan(printed.length);
  }
  // The motion's list: no case contributes its bare form beside its specific one.
  for (const f of new Set(repeated.map((x) => x.f))) {
    const listed = filingView(f, r.config!, '2026-11-26').filing.codeSections;
    expect(new Set(listed).size).toBe(listed.length);
    for (const c of f.cases) for (const s of distinctSections(c.codeSections)) expect(listed).toContain(s);
    const bare = listed.filter((s) => f.cases.every((c) => !distinctSections(c.codeSections).includes(s)));
    expect(bare).toEqual([]);
  }
});
