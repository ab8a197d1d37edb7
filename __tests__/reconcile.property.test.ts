/**
 * Property: for ANY screened list, every row is accounted for exactly once,
 * every filed case lands in exactly one filing, nothing screened ineligible
 * is filed, and the plan is deterministic. The generators make lists that mostly file cases (each
 * property counts its runs and asserts that at least half filed some), so the checks on filings run.
 * FC_RUNS sets the number of runs (default 1000).
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { runPipeline } from '../src/pipeline';
import { planJson } from '../src/output/manifest';
import { motionFilings } from '../src/plan';

const CONFIG = `
county: Los Angeles
agencies:
  - id: da
    name: District Attorney
    attorneys: [{name: A, bar_number: "1"}]
    address: [x]
    phone: "1"
    email: e
    # Felony dismissals of 11357/11359 go beyond the statute: filed on this basis, in filings of their own.
    beyond_statute_basis: stated
  - id: long-beach
    name: Long Beach City Prosecutor
    attorneys: [{name: B, bar_number: "2"}]
    address: [x]
    phone: "1"
    email: e
    beyond_statute_basis: The office asks, as a matter of discretion, for more than the statute gives.
courts:
  - {id: central, name: CASC Los Angeles Central}
  - {id: lb, name: CAMC Long Beach, city: Long Beach}
  - {id: compton, name: CAMC Compton}
routing:
  - {agency: da, case_types: [felony]}
  - {agency: long-beach, case_types: [misdemeanor], cities: [Long Beach]}
determinations:
  Eligible for Dismissal: dismiss_and_seal
  Eligible for Reduction: {felony: reduce_to_misdemeanor}
input: {preset: gogen}
`;

const HEADER = ['OFN', 'Case Number', 'STP_ORI_DESCR', 'STP_ORI_CNTY_NAME', 'CONV_STAT_DESCR', 'OFFENSE_DESCR', 'COMMENT_TEXT', 'Date of Conviction', 'PRI_NAME', 'Eligibility Determination'];
const FILEABLE = new Set(['Eligible for Dismissal', 'Eligible for Reduction']);

const caseNo = fc.constantFrom('BA1', 'BA2', 'ba3', 'LA 4', 'NULL', '', 'BA1; BA2', '4LB5', '4LB6');
/** Anything at all, in every column: most of these rows are rejected, sent to review or excluded. */
const messyRow = fc.record({
  ofn: fc.constantFrom('', 'BA1', 'BA2', '4LB5', 'NULL'),
  caseNumber: caseNo,
  court: fc.constantFrom('CASC Los Angeles Central', 'CASCLos Angeles Central', ' camc long beach ', 'CAMC Compton', 'CAMC Nowhere', '../etc', ''),
  county: fc.constantFrom('LOS ANGELES', 'LOS ANGELES', 'ORANGE', ''),
  status: fc.constantFrom('FELONY', 'MISDEMEANOR', 'INFRACTION', '', 'F?'),
  offense: fc.constantFrom('11357(C)HS-POSSESS', '11359 HS-SALE', 'SEE COMMENT FOR CHARGE', ''),
  comment: fc.constantFrom('', 'CHRG 11360 HS'),
  date: fc.constantFrom('03/04/1990', '02/30/2015', '01/01/1899', '01/01/2031', '', '1990-03-04'),
  name: fc.string({ maxLength: 12 }),
  determination: fc.constantFrom('Eligible for Dismissal', 'Eligible for Reduction', 'Not eligible', 'Hand Review', 'Maybe Eligible - Flag for Review', 'To be reviewed by City Attorneys', '', 'eligible for dismissal', 'Bogus'),
  ragged: fc.boolean(),
});

/**
 * A court (in one of its spellings) with a case type some agency files there: felonies go to the DA
 * anywhere, misdemeanors to Long Beach in Long Beach only.
 */
const routed = fc.constantFrom(
  { court: 'CASC Los Angeles Central', status: 'FELONY' },
  { court: 'CASCLos Angeles Central', status: 'FELONY' },
  { court: 'CAMC Compton', status: 'F' },
  { court: ' camc long beach ', status: 'MISDEMEANOR' },
  { court: 'CAMC Long Beach', status: 'FELONY' },
);
/**
 * A row that can be filed on its own: a known court, a routed case type, a real date and a mapped
 * determination. Case numbers repeat, so counts merge into cases; sometimes they disagree (felony and
 * misdemeanor, dismissal and reduction, or a messy row of the same case), and the case goes to review.
 */
const fileableRow = fc
  .record({
    ofn: fc.constantFrom('', '', 'NULL'),
    caseNumber: fc.constantFrom('BA1', 'BA2', 'ba3', ' BA4 ', '4LB5', '4LB6', 'BA7', 'LA8', 'BA9'),
    where: routed,
    county: fc.constantFrom('LOS ANGELES', 'Los Angeles', ''),
    offense: fc.constantFrom('11357(C)HS-POSSESS', '11359 HS-SALE', 'SEE COMMENT FOR CHARGE', ''),
    comment: fc.constantFrom('', 'CHRG 11360 HS'),
    date: fc.constantFrom('03/04/1990', '3/4/1990', '12/31/2019', ''),
    name: fc.string({ maxLength: 12 }),
    determination: fc.constantFrom('Eligible for Dismissal', 'Eligible for Dismissal', 'eligible for dismissal', ' Eligible for Dismissal ', 'Eligible for Reduction'),
  })
  .map(({ where, ...r }) => ({ ...r, court: where.court, status: where.status, ragged: false }));
/** A row the office challenges (HS 11361.9): as fileable, but screened "Not eligible" (in any case and spacing). */
const challengedRow = fc.tuple(fileableRow, fc.constantFrom('Not eligible', 'Not eligible', 'not eligible', ' Not Eligible ')).map(([r, determination]) => ({ ...r, determination }));
const row = fc.oneof({ weight: 3, arbitrary: fileableRow }, { weight: 1, arbitrary: messyRow }, { weight: 1, arbitrary: challengedRow });

type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

function toCsv(rows: Row[]): string {
  const data = rows.map((r) => {
    const fields = [r.ofn, r.caseNumber, r.court, r.county, r.status, r.offense, r.comment, r.date, r.name, r.determination];
    return r.ragged && r.name.length % 5 === 1 ? fields.slice(0, 7) : fields;
  });
  return Papa.unparse({ fields: HEADER, data }, { newline: '\r\n' });
}

const RUNS = Number(process.env.FC_RUNS ?? 1000);

/**
 * What the runs of a property covered. A property over lists that file nothing holds vacuously, so
 * each property counts its runs, and the counts are asserted after it.
 */
function coverage() {
  return { runs: 0, filed: 0, notFiled: 0, fatal: 0, challenged: 0 };
}
/** Proportions are asserted only over enough runs to be stable (a quick FC_RUNS=20 run would be flaky). */
const COUNTED = RUNS >= 200;

test('every row is accounted for, every filed case is in exactly one filing, nothing ineligible is filed', async () => {
  const covered = coverage();
  await fc.assert(
    fc.asyncProperty(fc.array(row, { maxLength: 25 }), async (rows) => {
      const csv = toCsv(rows);
      const run = () => runPipeline({ configText: CONFIG, configFile: 'c.yaml', cases: [{ name: 'in.csv', open: () => csv }], asOf: '2026-11-26' });
      const r = await run();
      // A list can be fatal only by its shape; these generated lists are well formed.
      expect(r.fatal).toBe(false);
      const c = r.reconciliation!.counts;
      covered.runs++;
      if (c.filedCases > 0) covered.filed++;
      if (c.reviewRows + c.rejectedRows + c.excludedRows > 0) covered.notFiled++;
      expect(c.inputRows).toBe(rows.length);
      expect(c.filedRows + c.challengedRows + c.excludedRows + c.reviewRows + c.rejectedRows).toBe(c.inputRows);
      const seen = new Set<string>();
      let inFilings = 0;
      for (const f of motionFilings(r.plan!)) {
        expect(f.caseCount).toBe(f.cases.length);
        for (const k of f.cases) {
          const key = `${k.court}|${k.caseNumber}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
          inFilings++;
          expect(f.relief).toBe(k.relief);
          expect(f.caseType).toBe(k.caseType);
          for (const s of k.sources) {
            const src = rows[s.line - 2]!;
            expect(FILEABLE.has(src.determination.trim()) || src.determination.toLowerCase() === 'eligible for dismissal').toBe(true);
          }
        }
      }
      expect(inFilings).toBe(c.filedCases);
      // The challenge side (HS 11361.9): every row screened "Not eligible" is in exactly one notice of
      // challenge's exhibit, or in review with a reason; never in excluded.csv, never filed.
      const notices = r.plan!.filings.filter((f) => f.challenge);
      const inNotices = notices.flatMap((f) => f.cases.flatMap((k) => k.sources.map((s) => s.line)));
      rows.forEach((src, i) => {
        if (src.ragged || src.determination.trim().toLowerCase() !== 'not eligible') return;
        const line = i + 2;
        const times = inNotices.filter((l) => l === line).length;
        const review = r.ingest!.review.filter((x) => x.raw.ref.line === line);
        if (times === 1) covered.challenged++;
        expect({ line, times, review: review.length }).toEqual(times === 1 ? { line, times: 1, review: 0 } : { line, times: 0, review: 1 });
        for (const x of review) expect(x.diagnostic.message.length).toBeGreaterThan(0);
        expect(r.ingest!.excluded.some((x) => x.raw.ref.line === line)).toBe(false);
      });
      expect(c.challengedRows).toBe(inNotices.length);
      expect(c.challengedCases).toBe(notices.reduce((n, f) => n + f.cases.length, 0));
      for (const f of notices) {
        expect(f.id.endsWith('-challenge')).toBe(true);
        expect(f.caseCount).toBe(f.cases.length);
        for (const k of f.cases) {
          expect(f.caseType).toBe(k.caseType);
          expect(k.challenge!.grounds).toEqual(['criteria']);
        }
      }
      // Each input line is in exactly one bucket.
      const lines = [
        ...r.plan!.filings.flatMap((f) => f.cases.flatMap((k) => k.sources.map((s) => s.line))),
        ...r.ingest!.excluded.map((x) => x.raw.ref.line),
        ...r.ingest!.review.map((x) => x.raw.ref.line),
        ...r.ingest!.rejected.map((x) => x.raw.ref.line),
      ].sort((a, b) => a - b);
      expect(lines).toEqual(rows.map((_, i) => i + 2));
      // Deterministic.
      const again = await run();
      expect(planJson(again.plan!)).toBe(planJson(r.plan!));
    }),
    { numRuns: RUNS },
  );
  // Most lists file cases (so the checks on filings ran), and the messy rows still go elsewhere.
  expect(covered.runs).toBe(RUNS);
  if (COUNTED) {
    expect(covered.filed).toBeGreaterThanOrEqual(RUNS / 2);
    expect(covered.notFiled).toBeGreaterThanOrEqual(RUNS / 4);
    expect(covered.challenged).toBeGreaterThanOrEqual(RUNS / 4);
  }
});

/** Raw text soup: quotes, commas, line breaks, BOMs, NULs and non-ASCII anywhere. */
const soup = fc.array(fc.constantFrom('BA1', 'ba2', ',', ',', '"', '""', '\n', '\r\n', ' ', 'FELONY', 'CASC Los Angeles Central', 'Eligible for Dismissal', '11357 HS-X', '03/04/1990', 'NULL', ';', 'é', '😀', '\u0000', '\ufeff'), { maxLength: 12 });

/** One value as a spreadsheet might write it: bare, or quoted (inner quotes doubled); quoted whenever it must be. */
const encoded = (value: fc.Arbitrary<string>) =>
  fc.tuple(value, fc.boolean()).map(([v, quote]) => (quote || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v));

/**
 * A data line for the raw header that is good enough to be filed, its values still written every way
 * a real export writes them: quoted or not, padded, in odd case, holding commas, quotes, line breaks,
 * BOMs and non-ASCII inside quotes.
 */
const rawRow = fc
  .tuple(
    encoded(fc.constantFrom('', 'NULL', 'BA1', 'ba2', ' BA3 ', '\ufeffBA1')),
    encoded(fc.constantFrom('BA1', 'ba2', 'BA1; BA2', 'NULL', '4LB5')),
    encoded(fc.constantFrom('CASC Los Angeles Central', 'CASCLos Angeles Central', ' casc los angeles central ')),
    encoded(fc.constantFrom('FELONY', 'F', 'felony')),
    encoded(fc.constantFrom('11357 HS-X', '11357 HS-X, "POSSESS"', 'é 😀 ﺏ', 'SEE COMMENT\nFOR CHARGE', '')),
    encoded(fc.constantFrom('03/04/1990', '3/4/1990', '')),
    encoded(fc.constantFrom('Eligible for Dismissal', 'eligible for dismissal', 'Eligible for Reduction', 'Not eligible')),
  )
  .map((fields) => fields.join(','));

/** A file: maybe a BOM, the header, then lines that are mostly rows, sometimes soup, with LF or CRLF breaks. */
const rawCsv = fc
  .record({
    bom: fc.boolean(),
    newline: fc.constantFrom('\n', '\r\n'),
    lines: fc.array(fc.oneof({ weight: 12, arbitrary: rawRow }, { weight: 1, arbitrary: soup.map((parts) => parts.join('')) }), { maxLength: 15 }),
    end: fc.boolean(),
  })
  .map(({ bom, newline, lines, end }) => (bom ? '\ufeff' : '') + ['OFN,Case Number,STP_ORI_DESCR,CONV_STAT_DESCR,OFFENSE_DESCR,Date of Conviction,Eligibility Determination', ...lines].join(newline) + (end ? newline : ''));

test('any text at all: the tool never throws; a run is fatal, or every row is accounted for and every filed case is in exactly one filing', async () => {
  const covered = coverage();
  await fc.assert(
    fc.asyncProperty(rawCsv, async (csv) => {
      const run = () => runPipeline({ configText: CONFIG, configFile: 'c.yaml', cases: [{ name: 'raw.csv', open: () => csv }], asOf: '2026-11-26' });
      const r = await run();
      covered.runs++;
      if (r.fatal) {
        covered.fatal++;
        expect(r.diagnostics.some((d) => d.severity === 'fatal')).toBe(true);
        // Fatal for the text's shape, never because the counts failed to reconcile (that is a bug).
        expect(r.diagnostics.filter((d) => d.code === 'BM901')).toEqual([]);
        expect(r.plan).toBeUndefined();
        return;
      }
      const c = r.reconciliation!.counts;
      if (c.filedCases > 0) covered.filed++;
      if (c.reviewRows + c.rejectedRows + c.excludedRows > 0) covered.notFiled++;
      expect(c.filedRows + c.challengedRows + c.excludedRows + c.reviewRows + c.rejectedRows).toBe(c.inputRows);
      const keys = motionFilings(r.plan!).flatMap((f) => f.cases.map((k) => `${k.court}|${k.caseNumber}`));
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(c.filedCases);
      const again = await run();
      expect(planJson(again.plan!)).toBe(planJson(r.plan!));
    }),
    { numRuns: RUNS },
  );
  // Most texts file cases; the rest of the soup still reaches the fatal and the not-filed paths.
  expect(covered.runs).toBe(RUNS);
  if (COUNTED) {
    expect(covered.filed).toBeGreaterThanOrEqual(RUNS / 2);
    expect(covered.fatal).toBeGreaterThan(0);
    expect(covered.notFiled).toBeGreaterThanOrEqual(RUNS / 4);
  }
});

/** The rows as CSV, each line ended by its own line break: CRLF, LF or a lone CR, mixed at random. */
function toMixedCsv(rows: Row[], breaks: string[]): string {
  const lines = toCsv(rows).split('\r\n');
  return lines.map((l, i) => l + breaks[i % breaks.length]!).join('');
}

test('mixed line endings: every row is read on its own line, never run together', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(row, { maxLength: 25 }), fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 30 }), async (rows, breaks) => {
      const csv = toMixedCsv(rows, breaks);
      const r = await runPipeline({ configText: CONFIG, configFile: 'c.yaml', cases: [{ name: 'in.csv', open: () => csv }], asOf: '2026-11-26' });
      expect(r.fatal).toBe(false);
      const c = r.reconciliation!.counts;
      expect(c.inputRows).toBe(rows.length);
      expect(c.filedRows + c.challengedRows + c.excludedRows + c.reviewRows + c.rejectedRows).toBe(c.inputRows);
      // The same list with one kind of break gives the same plan.
      const plain = await runPipeline({ configText: CONFIG, configFile: 'c.yaml', cases: [{ name: 'in.csv', open: () => toCsv(rows) }], asOf: '2026-11-26' });
      expect(planJson(r.plan!)).toBe(planJson(plain.plan!));
    }),
    { numRuns: Math.ceil(RUNS / 4) },
  );
});

test('duplicated inputs: the same list twice, or a row repeated in a second file, is fatal (BM113), never counted twice', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), fc.nat(), fc.boolean(), async (rows, cut, twice) => {
      const k = cut % (rows.length + 1);
      const a = toCsv(twice ? rows : rows.slice(0, k));
      const b = toCsv(twice ? rows : rows.slice(k));
      const r = await runPipeline({ configText: CONFIG, configFile: 'c.yaml', cases: [{ name: 'a.csv', open: () => a }, { name: 'b.csv', open: () => b }], asOf: '2026-11-26' });
      const whole = (x: Row) => !(x.ragged && x.name.length % 5 === 1);
      const key = (x: Row) => JSON.stringify([x.ofn, x.caseNumber, x.court, x.county, x.status, x.offense, x.comment, x.date, x.name, x.determination]);
      const inA = new Set(rows.slice(0, k).filter(whole).map(key));
      const shared = twice || rows.slice(k).some((x) => whole(x) && inA.has(key(x)));
      expect(r.diagnostics.some((d) => d.code === 'BM113')).toBe(shared);
      if (shared) {
        expect(r.fatal).toBe(true);
        expect(r.plan).toBeUndefined();
      } else {
        expect(r.fatal).toBe(false);
        expect(r.reconciliation!.counts.inputRows).toBe(rows.length);
      }
    }),
    { numRuns: Math.ceil(RUNS / 4) },
  );
});

/**
 * Issue 13, part 1. Property: a case is never filed with rows of two people. Rows share a few case
 * numbers and disagree (or not) on CII, SUBJECT_ID, name and date of birth, written every way a record
 * writes them; whatever the mix, no two rows of one case number and court that a filed case stands on
 * (its filed rows, and the case's other rows in any bucket) name different people. Run with and without
 * the personal columns in the exhibit (identity is compared as hashes even when nothing is kept).
 */
const ID_HEADER = ['OFN', 'Case Number', 'STP_ORI_DESCR', 'CONV_STAT_DESCR', 'OFFENSE_DESCR', 'Date of Conviction', 'CII_NUMBER', 'SUBJECT_ID', 'PRI_NAME', 'PRI_DOB', 'Eligibility Determination'];
const idRow = fc.record({
  ofn: fc.constantFrom('BA1', 'BA2', 'BA3'),
  court: fc.constantFrom('CASC Los Angeles Central', 'CAMC Compton'),
  date: fc.constantFrom('03/04/1990', '05/06/1990'),
  cii: fc.constantFrom('', '', 'NULL', '11112222', ' 1111-2222 ', '33334444'),
  subject: fc.constantFrom('', '', 'S1', 's1', 'S2'),
  name: fc.constantFrom('', 'DOE,JANE', 'Doe, Jane', 'ROE,RICH'),
  dob: fc.constantFrom('', '19650721', '19700102'),
  determination: fc.constantFrom('Eligible for Dismissal', 'Eligible for Dismissal', 'Eligible for Dismissal', 'Not eligible'),
});
type IdRow = typeof idRow extends fc.Arbitrary<infer T> ? T : never;

/** The rule of issue 13, restated independently: a person number that differs, else a name or DOB that does. */
function twoPeople(a: IdRow, b: IdRow): boolean {
  const id = (v: string) => {
    const k = v.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
    return k === '' || k === 'NULL' ? undefined : k;
  };
  const name = (v: string) => v.toLowerCase().replace(/[^a-z]/g, '') || undefined;
  const differ = (x: string | undefined, y: string | undefined) => x !== undefined && y !== undefined && x !== y;
  const both = (x: string | undefined, y: string | undefined) => x !== undefined && y !== undefined;
  if (differ(id(a.cii), id(b.cii)) || differ(id(a.subject), id(b.subject))) return true;
  if (both(id(a.cii), id(b.cii)) || both(id(a.subject), id(b.subject))) return false;
  return differ(name(a.name), name(b.name)) || differ(a.dob || undefined, b.dob || undefined);
}

test('a case is never filed with rows of two people', async () => {
  const covered = { runs: 0, filedMulti: 0, differentPeople: 0 };
  await fc.assert(
    fc.asyncProperty(fc.array(idRow, { maxLength: 12 }), fc.boolean(), async (rows, personal) => {
      const csv = Papa.unparse({ fields: ID_HEADER, data: rows.map((r) => [r.ofn, r.ofn, r.court, 'FELONY', '11357(C)HS-POSSESS', r.date, r.cii, r.subject, r.name, r.dob, r.determination]) }, { newline: '\r\n' });
      const config = personal ? `${CONFIG}exhibit: {columns: [row, case_number, court, code_sections, conviction_date, relief, defendant_name, dob, cii]}\n` : CONFIG;
      const r = await runPipeline({ configText: config, configFile: 'c.yaml', cases: [{ name: 'in.csv', open: () => csv }], asOf: '2026-11-26' });
      expect(r.fatal).toBe(false);
      expect(r.reconciliation!.ok).toBe(true);
      covered.runs++;
      const courtOf = (c: string) => (c.startsWith('CASC') ? 'central' : 'compton');
      for (const f of motionFilings(r.plan!)) {
        for (const k of f.cases) {
          if (k.sources.length > 1) covered.filedMulti++;
          // Every row of this case number and court, filed or not.
          const all = rows.filter((x) => x.ofn === k.caseNumber && courtOf(x.court) === k.court);
          for (const s of k.sources) for (const o of all) expect({ line: s.line, with: o, twoPeople: twoPeople(rows[s.line - 2]!, o) }).toMatchObject({ twoPeople: false });
        }
      }
      // Nor is a case challenged with rows of two people: its own rows are one person's.
      for (const f of r.plan!.filings.filter((x) => x.challenge)) {
        for (const k of f.cases) for (const s of k.sources) for (const o of k.sources) expect(twoPeople(rows[s.line - 2]!, rows[o.line - 2]!)).toBe(false);
      }
      if (r.ingest!.review.some((x) => x.diagnostic.code === 'BM314')) covered.differentPeople++;
      // BM314 never names a person: no CII, SUBJECT_ID, name or DOB in any message.
      for (const d of r.diagnostics) expect(`${d.message} ${d.hint ?? ''}`).not.toMatch(/1111|3333|S1\b|S2\b|DOE|Doe|ROE|1965|1970/);
    }),
    { numRuns: RUNS },
  );
  expect(covered.runs).toBe(RUNS);
  if (COUNTED) {
    // Both outcomes happen: cases of several rows are filed, and cases of two people go to review.
    expect(covered.filedMulti).toBeGreaterThanOrEqual(RUNS / 10);
    expect(covered.differentPeople).toBeGreaterThanOrEqual(RUNS / 4);
  }
});
