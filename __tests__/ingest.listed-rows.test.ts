/**
 * A case in the making holds a plain row (no fields kept, no review, no
 * exclusion) as just where it came from, under the case's header
 * (src/ingest/case-acc.ts). When the case goes to review later, each row is
 * listed again with its own file's header, even when the files order their
 * columns differently, so review.csv shows every value under its column.
 */
import Papa from 'papaparse';
import { rowFields } from '../src/ingest/types';
import { gogenCsv, run } from './helpers/fixtures';

/** The same CSV with its columns in reverse order. */
function reversed(csv: string): string {
  const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
  return Papa.unparse(rows.map((r) => [...r].reverse())) + '\n';
}

test('rows of one case from files with different column orders are listed under their own columns', async () => {
  const first = gogenCsv([{ 'Eligibility Determination': 'Eligible for Dismissal' }]);
  const second = reversed(gogenCsv([{ OFFENSE_DESCR: '11359 HS-MARIJUANA POSSESION FOR SALE', 'Eligibility Determination': 'Eligible for Reduction' }]));
  const r = await run(first, { extraFiles: [{ name: 'more.csv', content: second }] });
  const review = r.ingest!.review;
  expect(review.map((l) => [l.raw.ref.file, l.diagnostic.code])).toEqual([
    ['cases.csv', 'BM304'],
    ['more.csv', 'BM304'],
  ]);
  const asRecord = (i: number) => {
    const raw = review[i]!.raw;
    const fields = rowFields(raw);
    return Object.fromEntries(raw.header.map((h, k) => [h, fields[k]]));
  };
  expect(asRecord(0)['Eligibility Determination']).toBe('Eligible for Dismissal');
  expect(asRecord(1)['Eligibility Determination']).toBe('Eligible for Reduction');
  expect(asRecord(1)['OFFENSE_DESCR']).toBe('11359 HS-MARIJUANA POSSESION FOR SALE');
});
