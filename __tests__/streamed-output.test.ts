/**
 * The listings written line by line into buffers (issue 19, part 3) give the
 * bytes the earlier writers gave: CSV lines as PapaParse's unparse wrote them,
 * plan.json as JSON.stringify(plan, null, 2), on arbitrary values; code
 * sections as the general rule prints them; and the 1 MB buffers lose or split
 * nothing.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { distinctSections } from '../src/law/sections';
import { chunksBuffer, utf8Chunks } from '../src/output/chunks';
import { csvField } from '../src/output/csv';
import { prettyJson } from '../src/output/json';
import { filingSummary, planCase, planJson } from '../src/output/manifest';
import { csvLines } from '../src/output/tables';
import type { Plan } from '../src/plan';

/** How the listings were written before: PapaParse, a header, CRLF, a final CRLF. */
const papa = (fields: string[], rows: string[][]) => Papa.unparse({ fields, data: rows }, { escapeFormulae: true, newline: '\r\n' }) + '\r\n';

/** Cells with everything CSV or a spreadsheet treats specially. */
const cell = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', '\ufeff', "'", 'é', '\u2028') }),
);

// A listing's row always has cells (PapaParse wrote an empty array as a line without commas; no listing has one).
test('a CSV table is written as PapaParse wrote it: quoting, formulas, short rows, no rows', () => {
  fc.assert(
    fc.property(fc.array(cell, { minLength: 1, maxLength: 5 }), fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 6 }), (fields, rows) => {
      expect([...csvLines(fields, rows)].join('')).toBe(papa(fields, rows));
    }),
    { numRuns: 500 },
  );
});

test.each(['=1+1', '=a\nb', '\r=x', ' lead', 'trail ', 'a"b', '\ufeffbom', '@', '-'])('one cell: %j', (s) => {
  expect(csvField(s) + '\r\n').toBe(Papa.unparse([[s]], { escapeFormulae: true, newline: '\r\n' }) + '\r\n');
});

test('prettyJson is JSON.stringify(value, null, 2), every line after the first indented', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.constantFrom('', '  ', '      '), (v, indent) => {
      expect(prettyJson(v, indent)).toBe(JSON.stringify(v, null, 2).replace(/\n/g, `\n${indent}`));
    }),
    { numRuns: 500 },
  );
});

const caseRecord = fc.record(
  {
    caseNumber: fc.string(),
    court: fc.string(),
    caseType: fc.constantFrom('felony', 'misdemeanor') as fc.Arbitrary<'felony'>,
    relief: fc.constant('dismiss') as fc.Arbitrary<'dismiss'>,
    agency: fc.string(),
    codeSections: fc.array(fc.string(), { maxLength: 3 }),
    convictionDate: fc.string(),
    convictionDates: fc.array(fc.string(), { maxLength: 3 }),
    flags: fc.array(fc.constantFrom('prior_record'), { maxLength: 2 }) as fc.Arbitrary<never[]>,
    sources: fc.array(fc.record({ file: fc.string(), line: fc.nat() }), { maxLength: 3 }),
    challenge: fc.record({ grounds: fc.array(fc.constantFrom('criteria'), { maxLength: 2 }), reasons: fc.array(fc.string(), { maxLength: 2 }) }) as fc.Arbitrary<never>,
  },
  { requiredKeys: ['caseNumber', 'court', 'caseType', 'relief', 'agency', 'codeSections', 'convictionDate', 'sources'] },
);

// A filing always has a case (an empty one is never planned).
test('plan.json is JSON.stringify of the plan, whatever its cases hold', () => {
  fc.assert(
    fc.property(fc.array(fc.array(caseRecord, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }), (filings) => {
      const plan = {
        grouping: ['agency'],
        filings: filings.map((cases, i) => ({ id: `f${i}`, agency: 'a', caseType: 'felony', relief: 'dismiss', caseCount: cases.length, rowCount: cases.length, cases })),
      } as unknown as Plan;
      const whole = JSON.stringify({ grouping: plan.grouping, filings: plan.filings.map((f) => ({ ...filingSummary(f), cases: f.cases.map(planCase) })) }, null, 2) + '\n';
      expect(planJson(plan)).toBe(whole);
    }),
    { numRuns: 300 },
  );
});

/** Code sections as printed, by the rule itself (no shortcut for one section, no cache). */
function distinctReference(sections: readonly string[]): string[] {
  const key = (s: string) => s.replace(/\s+/g, ' ').replace(/ \(/g, '(').trim().toUpperCase();
  const keys = [...new Set(sections.map(key).filter((k) => k !== ''))];
  const kept = new Set(keys.filter((k) => !keys.some((t) => t.startsWith(`${k}(`))));
  const out: string[] = [];
  for (const s of sections) if (kept.delete(key(s))) out.push(s.trim());
  return out;
}

test('distinctSections gives what the rule gives, one section or several, asked once or again', () => {
  const section = fc.oneof(fc.constantFrom('HS 11357', 'HS 11357(c)', ' hs 11357 (c) ', '  ', '', 'HS 11360(a)', '\u00a0HS 11359\n'), fc.string());
  fc.assert(
    fc.property(fc.array(section, { maxLength: 4 }), (sections) => {
      expect(distinctSections(sections)).toEqual(distinctReference(sections));
      expect(distinctSections([...sections])).toEqual(distinctReference(sections));
    }),
    { numRuns: 1000 },
  );
});

test('the 1 MB buffers hold every line, whole, in order: long lines and multi-byte characters too', () => {
  const lines = [...Array.from({ length: 30_000 }, (_, i) => `${i},Nguyễn,${'x'.repeat(i % 50)}\r\n`), 'é'.repeat(700_000), 'end\r\n'];
  const chunks = [...utf8Chunks(lines)];
  expect(chunks.length).toBeGreaterThan(2);
  expect(chunksBuffer(chunks).toString('utf8')).toBe(lines.join(''));
  // Each chunk is valid UTF-8 on its own: no character is cut between two.
  for (const c of chunks) expect(Buffer.from(c.toString('utf8'), 'utf8').equals(c)).toBe(true);
});
