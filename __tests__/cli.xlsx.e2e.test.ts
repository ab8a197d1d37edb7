/**
 * End to end with an Excel workbook: the built CLI (dist/cli.js, built by
 * `npm test`) reads the Los Angeles sample saved as .xlsx, with --sheet, and
 * writes what it writes for the CSV; the manifest hashes the workbook's bytes.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { csvAsXlsx } from './helpers/xlsx';

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const la = (f: string) => path.join(root, 'samples', 'los-angeles', f);
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

let tmp: string;
let book: string;
beforeAll(async () => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm test` (it builds first) or `npm run build`');
  tmp = mkdtempSync(path.join(tmpdir(), 'bm-xlsx-'));
  book = path.join(tmp, 'cases.xlsx');
  writeFileSync(book, await csvAsXlsx(readFileSync(la('cases.csv'), 'utf8'), { typed: true, name: 'All_Results' }));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('validate --sheet on the sample as .xlsx writes the same plan as the CSV, and the manifest hashes the workbook', () => {
  const args = (cases: string, out: string) => ['validate', '--cases', cases, '--config', la('config.yaml'), '--out', out, '--json', '--as-of', '2026-11-26'];
  const fromCsv = run(args(la('cases.csv'), path.join(tmp, 'csv')));
  const fromXlsx = run([...args(book, path.join(tmp, 'xlsx')), '--sheet', 'All_Results']);
  expect(fromXlsx.code).toBe(3);
  expect(fromXlsx.code).toBe(fromCsv.code);
  const [a, b] = [JSON.parse(fromCsv.stdout), JSON.parse(fromXlsx.stdout)];
  expect(b.counts).toEqual(a.counts);
  expect(b.filings).toEqual(a.filings);
  // JSON diagnostics gain the sheet and the column letter; line is the row.
  const located = b.diagnostics.find((d: { code: string }) => d.code === 'BM301');
  expect(located).toMatchObject({ file: book, sheet: 'All_Results', line: 42, column: 'Case Number', columnLetter: 'U' });
  // plan.json is the same but for where rows came from.
  const plan = (dir: string, file: string) => readFileSync(path.join(tmp, dir, 'plan.json'), 'utf8').split(file).join('<input>');
  expect(plan('xlsx', book)).toBe(plan('csv', la('cases.csv')));
  const manifest = JSON.parse(readFileSync(path.join(tmp, 'xlsx', 'manifest.json'), 'utf8'));
  expect(manifest.inputs).toEqual([{ file: book, sha256: sha(book), rows: 417, sheet: 'All_Results' }]);
});

test('the text report names the sheet, row and column', () => {
  const r = run(['validate', '--cases', book, '--config', la('config.yaml'), '--as-of', '2026-11-26', '--quiet']);
  expect(r.code).toBe(3);
  expect(r.stderr).toContain(`${book} [All_Results] row 42, column U (Case Number): review BM301 case-number-missing`);
});

test('an old .xls is refused with what to do, exit 1', () => {
  const xls = path.join(tmp, 'cases.xls');
  writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('Workbook', 'utf16le'), Buffer.alloc(512)]));
  const r = run(['validate', '--cases', xls, '--config', la('config.yaml'), '--as-of', '2026-11-26']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('fatal BM114 unsupported-file-format: the file is an old-style Excel workbook (.xls, Excel 97-2003)');
  expect(r.stderr).toContain('File > Save As');
  expect(r.stderr).not.toMatch(/BM108|at .*\.js:\d+/);
});

test('--sheet naming no sheet exits 1 listing the sheets', () => {
  const r = run(['generate', '--cases', book, '--config', la('config.yaml'), '--out', path.join(tmp, 'gen'), '--sheet', 'Sheet1', '--as-of', '2026-11-26']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('fatal BM115 sheet-not-found: the workbook has no sheet named "Sheet1"; its sheets are "All_Results"');
  expect(existsSync(path.join(tmp, 'gen'))).toBe(false);
});
