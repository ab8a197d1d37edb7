/**
 * The listings written field by field into buffers (issue 19, part 3) give
 * the bytes the earlier writers gave: CSV lines as PapaParse's unparse wrote
 * them, plan.json as JSON.stringify(plan, null, 2), JSON strings as
 * JSON.stringify, a filing's fingerprint as the hash of each case's JSON, on
 * arbitrary values; code sections as the general rule prints them; and the
 * 1 MB buffers lose or split nothing.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { distinctSections } from '../src/law/sections';
import { createHash } from 'node:crypto';
import { chunksBuffer, utf8Chunks, written, writtenText } from '../src/output/chunks';
import { csvField, writeCsv } from '../src/output/csv';
import { prettyJson } from '../src/output/json';
import { filingFingerprint, filingSummary, planCase, planJson } from '../src/output/manifest';
import { indexCsv } from '../src/output/tables';
import type { Config } from '../src/config/schema';
import type { Filing, Plan } from '../src/plan';

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
      expect(writtenText((out) => writeCsv(out, fields, rows))).toBe(papa(fields, rows));
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

/** Any text: quotes, backslashes, control characters, lone surrogates, astral characters. */
const anyText = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\u0001', '\ud800', '\udc00', '😀', 'é', '\u2028', ':', ',') }));

test('a JSON string is written as JSON.stringify writes it, whatever it holds', () => {
  fc.assert(
    fc.property(anyText, (s) => {
      expect(writtenText(function* (out) { yield out.json(s); })).toBe(JSON.stringify(s));
      expect(chunksBuffer(written(function* (out) { yield out.text(s); })).equals(Buffer.from(s, 'utf8'))).toBe(true);
    }),
    { numRuns: 2000 },
  );
});

const caseRecord = fc.record(
  {
    caseNumber: anyText,
    court: fc.string(),
    caseType: fc.constantFrom('felony', 'misdemeanor') as fc.Arbitrary<'felony'>,
    relief: fc.constant('dismiss') as fc.Arbitrary<'dismiss'>,
    agency: fc.string(),
    codeSections: fc.array(fc.string(), { maxLength: 3 }),
    convictionDate: fc.string(),
    convictionDates: fc.array(fc.string(), { maxLength: 3 }),
    flags: fc.array(fc.constantFrom('prior_record'), { maxLength: 2 }) as fc.Arbitrary<never[]>,
    sources: fc.array(fc.record({ file: fc.oneof(fc.constant('la.csv'), anyText), line: fc.nat() }), { maxLength: 3 }),
    defendantName: anyText,
    dob: fc.string(),
    cii: fc.string(),
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

test('a filing\'s fingerprint is the hash of the settings, then each case as JSON.stringify wrote it', () => {
  const meta = { toolVersion: 't', asOf: '2026-11-26', config: { file: 'c', sha256: 'x' }, inputs: [] };
  fc.assert(
    fc.property(fc.array(caseRecord, { minLength: 1, maxLength: 5 }), (cases) => {
      const f = { id: 'f', agency: 'a', cases } as unknown as Filing;
      const h = createHash('sha256');
      h.update(JSON.stringify({ v: meta.toolVersion, asOf: meta.asOf, config: meta.config.sha256, templates: [], formats: [], id: f.id, agency: f.agency }));
      for (const c of f.cases) h.update(JSON.stringify([c.caseNumber, c.court, c.caseType, c.relief, c.codeSections, c.convictionDate, c.defendantName ?? '', c.dob ?? '', c.cii ?? '', ...(c.convictionDates ? [c.convictionDates] : []), ...(c.challenge ? [c.challenge] : [])]));
      expect(filingFingerprint(f, meta)).toBe(h.digest('hex'));
    }),
    { numRuns: 300 },
  );
});

test('index.csv, written field by field, is the table of its cells as strings', () => {
  const config = { courts: [{ id: 'c1', name: 'Court, One' }, { id: '=c2', name: ' Two ' }] } as unknown as Config;
  const fields = ['case_number', 'filing_id', 'exhibit_row', 'court_id', 'court', 'case_type', 'relief', 'code_sections', 'conviction_date', 'source_rows', 'flags'];
  const names = new Map(config.courts.map((c) => [c.id, c.name]));
  fc.assert(
    fc.property(fc.array(fc.array(caseRecord.map((c) => ({ ...c, court: c.court.length % 3 === 0 ? 'c1' : c.court.length % 3 === 1 ? '=c2' : c.court })), { minLength: 1, maxLength: 4 }), { maxLength: 3 }), (filings) => {
      const plan = { grouping: [], filings: filings.map((cases, i) => ({ id: `f${i}`, agency: 'a', caseType: 'felony', relief: 'dismiss', caseCount: cases.length, rowCount: cases.length, cases })) } as unknown as Plan;
      const rows = plan.filings.flatMap((f) =>
        f.cases.map((c, i) => [c.caseNumber, f.id, String(i + 1), c.court, names.get(c.court) ?? c.court, c.caseType, c.relief, distinctSections(c.codeSections).join('; '), (c.convictionDates ?? [c.convictionDate]).join('; '), c.sources.map((s) => `${s.file}:${s.line}`).join('; '), (c.flags ?? []).join('; ')]),
      );
      // As bytes: a lone surrogate is written as U+FFFD either way.
      expect(Buffer.from(indexCsv(plan, config), 'utf8').equals(Buffer.from(papa(fields, rows), 'utf8'))).toBe(true);
    }),
    { numRuns: 500 },
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
