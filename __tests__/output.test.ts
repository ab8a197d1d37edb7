/**
 * The listings a person works from: every original value round-trips
 * exactly (including rows read back from the file after their case went to
 * review), and formula-like cells are neutralised.
 */
import Papa from 'papaparse';
import { runPipeline } from '../src/pipeline';
import { buildOutputs } from '../src/output/manifest';
import { toCsv } from '../src/output/tables';
import { BASE_CONFIG_YAML, gogenCsv } from './helpers/fixtures';

async function outputs(csv: string) {
  const r = await runPipeline({ configText: BASE_CONFIG_YAML, configFile: 'c.yaml', cases: [{ name: 'in.csv', open: () => csv }], asOf: '2026-11-26' });
  expect(r.fatal).toBe(false);
  const files = buildOutputs(r, { toolVersion: 't', asOf: '2026-11-26', config: { file: 'c.yaml', sha256: 'x' }, inputs: [{ file: 'in.csv', sha256: 'y' }] });
  const get = (p: string) => Papa.parse<Record<string, string>>(files.find((f) => f.path === p)!.content.toString('utf8'), { header: true, skipEmptyLines: true }).data;
  return { r, get };
}

test('rows of a case that goes to review only at the end are read back exactly, embedded newlines and all', async () => {
  const csv = gogenCsv([
    { OFN: 'BA1', PRI_NAME: 'ONE,\n"Q" NAME', COMMENT_TEXT: 'line1\nline2', 'Eligibility Determination': 'Eligible for Dismissal' },
    { OFN: 'BA2' },
    { OFN: 'BA1', PRI_NAME: 'Müller,Zoë', 'Eligibility Determination': 'Eligible for Reduction' },
  ]);
  const { r, get } = await outputs(csv);
  expect(r.ingest!.review.map((x) => x.diagnostic.code)).toEqual(['BM304', 'BM304']);
  // In full under confidential/; the top-level copy has the personal cells emptied (docs/review.md).
  const review = get('confidential/review.csv');
  expect(review.map((x) => x.source_line)).toEqual(['2', '6']);
  expect(get('review.csv').map((x) => [x.PRI_NAME, x.COMMENT_TEXT])).toEqual([['', 'line1\nline2'], ['', '']]);
  expect(review[0]!.PRI_NAME).toBe('ONE,\n"Q" NAME');
  expect(review[0]!.COMMENT_TEXT).toBe('line1\nline2');
  expect(review[1]!.PRI_NAME).toBe('Müller,Zoë');
  // The original row, column for column.
  const original = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
  for (const [k, v] of Object.entries(original[2]!)) expect(review[1]![k]).toBe(v);
  expect(get('index.csv').map((x) => x.case_number)).toEqual(['BA2']);
});

test.each([
  ['=HYPERLINK("http://x","y")', "'=HYPERLINK(\"http://x\",\"y\")"],
  ['+cmd', "'+cmd"],
  ['-2+3', "'-2+3"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['plain, with "quotes"', 'plain, with "quotes"'],
  ['Nguyễn', 'Nguyễn'],
])('toCsv neutralises formulas and keeps other values: %s', (value, cell) => {
  const text = toCsv(['a'], [[value]]);
  expect(Papa.parse<string[]>(text, { skipEmptyLines: true }).data[1]![0]).toBe(cell);
});
