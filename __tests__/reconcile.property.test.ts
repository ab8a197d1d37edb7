/**
 * Property: for ANY screened list, every row is accounted for exactly once,
 * every filed case lands in exactly one filing, nothing screened ineligible
 * is filed, and the plan is deterministic.
 * FC_RUNS sets the number of runs (default 1000).
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { runPipeline } from '../src/pipeline';
import { planJson } from '../src/output/manifest';

const CONFIG = `
county: Los Angeles
agencies:
  - id: da
    name: District Attorney
    attorneys: [{name: A, bar_number: "1"}]
    address: [x]
    phone: "1"
    email: e
  - id: long-beach
    name: Long Beach City Prosecutor
    attorneys: [{name: B, bar_number: "2"}]
    address: [x]
    phone: "1"
    email: e
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
const row = fc.record({
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

type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

function toCsv(rows: Row[]): string {
  const data = rows.map((r) => {
    const fields = [r.ofn, r.caseNumber, r.court, r.county, r.status, r.offense, r.comment, r.date, r.name, r.determination];
    return r.ragged && r.name.length % 5 === 1 ? fields.slice(0, 7) : fields;
  });
  return Papa.unparse({ fields: HEADER, data }, { newline: '\r\n' });
}

const RUNS = Number(process.env.FC_RUNS ?? 1000);

test('every row is accounted for, every filed case is in exactly one filing, nothing ineligible is filed', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(row, { maxLength: 25 }), async (rows) => {
      const csv = toCsv(rows);
      const run = () => runPipeline({ configText: CONFIG, configFile: 'c.yaml', cases: [{ name: 'in.csv', open: () => csv }], asOf: '2026-11-26' });
      const r = await run();
      // A list can be fatal only by its shape; these generated lists are well formed.
      expect(r.fatal).toBe(false);
      const c = r.reconciliation!.counts;
      expect(c.inputRows).toBe(rows.length);
      expect(c.filedRows + c.excludedRows + c.reviewRows + c.rejectedRows).toBe(c.inputRows);
      const seen = new Set<string>();
      let inFilings = 0;
      for (const f of r.plan!.filings) {
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
});

/** Raw text: quotes, commas, line breaks, BOMs, NULs and non-ASCII anywhere. */
const rawCsv = fc
  .array(fc.constantFrom('BA1', 'ba2', ',', ',', '"', '""', '\n', '\r\n', ' ', 'FELONY', 'CASC Los Angeles Central', 'Eligible for Dismissal', '11357 HS-X', '03/04/1990', 'NULL', ';', 'é', '😀', '\u0000', '\ufeff'), { maxLength: 60 })
  .map((parts) => 'OFN,Case Number,STP_ORI_DESCR,CONV_STAT_DESCR,OFFENSE_DESCR,Date of Conviction,Eligibility Determination\n' + parts.join(''));

test('any text at all: the tool never throws; a run is fatal, or every row is accounted for and every filed case is in exactly one filing', async () => {
  await fc.assert(
    fc.asyncProperty(rawCsv, async (csv) => {
      const run = () => runPipeline({ configText: CONFIG, configFile: 'c.yaml', cases: [{ name: 'raw.csv', open: () => csv }], asOf: '2026-11-26' });
      const r = await run();
      if (r.fatal) {
        expect(r.diagnostics.some((d) => d.severity === 'fatal')).toBe(true);
        expect(r.plan).toBeUndefined();
        return;
      }
      const c = r.reconciliation!.counts;
      expect(c.filedRows + c.excludedRows + c.reviewRows + c.rejectedRows).toBe(c.inputRows);
      const keys = r.plan!.filings.flatMap((f) => f.cases.map((k) => `${k.court}|${k.caseNumber}`));
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(c.filedCases);
      const again = await run();
      expect(planJson(again.plan!)).toBe(planJson(r.plan!));
    }),
    { numRuns: RUNS },
  );
});
