/**
 * The catalogue of bad inputs (__tests__/fixtures/bad/catalogue.json), each
 * run through the real CLI: the exit code from the contract, exactly the
 * expected diagnostics at their lines (no more, no fewer), the reconciliation
 * holding, and nothing personal in any message. Each test stands alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';

const root = path.join(__dirname, '..');
const dir = path.join(__dirname, 'fixtures', 'bad');
const cli = path.join(root, 'dist', 'cli.js');
const tmp = mkdtempSync(path.join(tmpdir(), 'bm-bad-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Case {
  name: string;
  note: string;
  files: string[];
  preset: string;
  /** diagnostics: every diagnostic the run reports, as [code, line] (line null when it has none). */
  expect: { exit: number; diagnostics: Array<[string, number | null]>; counts?: Record<string, number> };
}
const catalogue = (JSON.parse(readFileSync(path.join(dir, 'catalogue.json'), 'utf8')) as { cases: Case[] }).cases;

interface Report {
  counts: Record<string, number> | null;
  diagnostics: Array<{ code: string; line?: number; file?: string; message: string }>;
}

function cliRun(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Validate one catalogue case into its own, fresh output folder. */
function validateCase(c: Case, out: string) {
  const r = cliRun(['validate', ...c.files.flatMap((f) => ['--cases', path.join(dir, f)]), '--config', path.join(dir, 'config.yaml'), '--preset', c.preset, '--as-of', '2026-11-26', '--json', '--out', out]);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

const at = (code: string, line: number | null | undefined) => `${code}@${line ?? '-'}`;

test.each(catalogue.map((c) => [c.note, c] as const))('%s', (_note, c) => {
  const { code, report } = validateCase(c, mkdtempSync(path.join(tmp, `${c.name}-`)));
  expect(code).toBe(c.expect.exit);
  // Exactly the expected diagnostics, each at its line, each as often as expected: an extra one fails too.
  const got = report.diagnostics.map((d) => at(d.code, d.line)).sort();
  expect(got).toEqual(c.expect.diagnostics.map(([code, line]) => at(code, line)).sort());
  for (const d of report.diagnostics.filter((x) => x.line !== undefined)) expect(d.file).toMatch(/\.csv$/);
  // Personal data never appears in a diagnostic.
  for (const d of report.diagnostics) expect(d.message).not.toMatch(/19700102|11223344/);
  if (c.expect.exit !== 1) {
    const n = report.counts!;
    expect(n.inputRows).toBe(n.filedRows! + n.excludedRows! + n.reviewRows! + n.rejectedRows!);
    for (const [k, v] of Object.entries(c.expect.counts ?? {})) expect(n[k]).toBe(v);
  } else {
    expect(report.counts).toBeNull();
  }
});

test('formula-like values are neutralised in rejects.csv and kept exactly otherwise', () => {
  // Its own run: no test here relies on another having run first.
  const out = mkdtempSync(path.join(tmp, 'formula-rejects-'));
  expect(validateCase(catalogue.find((c) => c.name === 'formula')!, out).code).toBe(3);
  const rejects = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'rejects.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  expect(rejects[0]!.STP_ORI_DESCR).toBe("'+cmd");
  // The name is personal data: kept exactly in confidential/rejects.csv, emptied at the top level.
  expect(rejects[0]!.PRI_NAME).toBe('');
  const full = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'confidential', 'rejects.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  expect(full[0]!.STP_ORI_DESCR).toBe("'+cmd");
  expect(full[0]!.PRI_NAME).toBe('DOE,JANE');
});

test('a single field of 10 MB is rejected at its line, and the rest is filed', () => {
  const file = path.join(tmp, 'huge.csv');
  const header = readFileSync(path.join(dir, 'two-files-b.csv'), 'utf8').split('\n')[0]!;
  const ok = readFileSync(path.join(dir, 'two-files-b.csv'), 'utf8').split('\n')[1]!;
  const huge = ok.replace('BA100001,BA100001', 'BA100002,BA100002').replace('"DOE,JANE"', `"${'x'.repeat(10 * 1024 * 1024)}"`);
  writeFileSync(file, `${header}\n${ok}\n${huge}\n`);
  const r = cliRun(['validate', '--cases', file, '--config', path.join(dir, 'config.yaml'), '--as-of', '2026-11-26', '--json']);
  expect(r.code).toBe(3);
  const report = JSON.parse(r.stdout);
  expect(report.diagnostics.map((d: { code: string; line: number }) => `${d.code}@${d.line}`)).toContain('BM212@3');
  expect(report.counts.filedCases).toBe(1);
});

test.each([
  ['config-missing-bar.yaml', 'BM602', 'bar_number'],
  ['config-unknown-key.yaml', 'BM602', 'county_seat'],
  ['config-dup-alias.yaml', 'BM603', 'aliases'],
])('config error %s: exit 1 naming the key and line', (file, code, key) => {
  const r = cliRun(['validate', '--cases', path.join(dir, 'two-files-b.csv'), '--config', path.join(dir, file)]);
  expect(r.code).toBe(1);
  const text = readFileSync(path.join(dir, file), 'utf8').split('\n');
  const line = text.findIndex((l) => (key === 'aliases' ? l.includes('CENTRAL') : key === 'bar_number' ? l.includes('Alex Example') : l.includes(key))) + 1;
  expect(r.stderr).toMatch(new RegExp(`${file}:${line} .*${code}`));
  expect(r.stderr).toContain(key);
});

test.each([
  ['tpl-missing-field', 'BM702', 'hearing.room'],
  ['tpl-unknown-helper', 'BM703', 'shout'],
  ['tpl-syntax', 'BM701', 'unclosed'],
])('template error %s: exit 1, the template and line named, nothing written', (folder, code, needle) => {
  const cfg = path.join(tmp, `${folder}.yaml`);
  writeFileSync(cfg, `${readFileSync(path.join(dir, 'config.yaml'), 'utf8')}\ntemplates: ${path.join(dir, folder)}\n`);
  const out = path.join(tmp, `${folder}-out`);
  const r = cliRun(['generate', '--cases', path.join(dir, 'two-files-b.csv'), '--config', cfg, '--out', out, '--as-of', '2026-11-26']);
  expect(r.code).toBe(1);
  const tpl = readFileSync(path.join(dir, folder, 'order.hbs'), 'utf8').split('\n');
  const line = tpl.findIndex((l) => l.includes(needle.split('.').pop()!)) + 1;
  const m = new RegExp(`${folder}/order\\.hbs:(\\d+)[: ].*${code}`).exec(r.stderr);
  expect(m).not.toBeNull();
  // A missing field or helper is named at its line; an unclosed block where the parser gives up, at or after it.
  if (code === 'BM701') expect(Number(m![1])).toBeGreaterThanOrEqual(line);
  else expect(Number(m![1])).toBe(line);
  expect(spawnSync('ls', [out]).status).not.toBe(0);
});

test('two empty header names get positional names, and review.csv keeps both values', () => {
  const out = mkdtempSync(path.join(tmp, 'empty-header-names-'));
  expect(validateCase(catalogue.find((c) => c.name === 'empty-header-names')!, out).code).toBe(3);
  const review = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'review.csv'), 'utf8'), { header: true, skipEmptyLines: true });
  expect(review.meta.fields).toEqual(expect.arrayContaining(['column_13', 'column_14']));
  expect(review.data[0]!.column_13).toBe('also-one');
  expect(review.data[0]!.column_14).toBe('also-two');
});

test('a YAML alias bomb is BM601 naming the config, as JSON, with no stack trace', () => {
  const cfg = path.join(tmp, 'alias-bomb.yaml');
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  writeFileSync(cfg, `${lines.join('\n')}\n`);
  const r = cliRun(['validate', '--cases', path.join(dir, 'two-files-b.csv'), '--config', cfg, '--json']);
  expect(r.code).toBe(1);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.diagnostics.map((d) => [d.code, d.file])).toEqual([['BM601', cfg]]);
  expect(report.diagnostics[0]!.message).toMatch(/alias/i);
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

test('a hearing date that does not exist (2027-02-30) is BM602 at its key and line', () => {
  const cfg = path.join(tmp, 'bad-hearing.yaml');
  const text = `${readFileSync(path.join(dir, 'config.yaml'), 'utf8')}\nhearing:\n  date: 2027-02-30\n`;
  writeFileSync(cfg, text);
  const r = cliRun(['validate', '--cases', path.join(dir, 'two-files-b.csv'), '--config', cfg]);
  expect(r.code).toBe(1);
  const line = text.split('\n').findIndex((l) => l.includes('2027-02-30')) + 1;
  expect(r.stderr).toMatch(new RegExp(`bad-hearing\\.yaml:${line} .*BM602`));
  expect(r.stderr).toContain('hearing.date');
});
