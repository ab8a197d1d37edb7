/**
 * The output folder is safe to write: a run never replaces one of its inputs,
 * two runs never write one folder at once, a lock left by a killed run is
 * taken over, and a file system's refusal is a diagnostic, not a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gogenCondensedLines } from '../src/samples/gogen-generator';
import { expectOutputMatchesManifest } from './helpers/output';

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const config = path.join(root, 'samples', 'los-angeles', 'config.yaml');
const small = path.join(root, 'samples', 'los-angeles', 'cases.csv');
let tmp: string;
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args, '--config', config, '--as-of', '2026-11-26'], { encoding: 'utf8' });
const codes = (json: string) => (JSON.parse(json) as { diagnostics: Array<{ code: string }> }).diagnostics.map((d) => d.code);

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'bm-outdir-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('a case list inside the output folder is refused before anything is written (a corrected review.csv put back)', () => {
  const out = path.join(tmp, 'inside');
  expect(run(['validate', '--cases', small, '--out', out]).status).toBe(3);
  const before = readFileSync(path.join(out, 'manifest.json'));
  const input = path.join(out, 'index.csv');
  const hash = sha(input);
  const r = run(['validate', '--cases', input, '--out', out, '--json']);
  expect(r.status).toBe(1);
  expect(codes(r.stdout)).toEqual(['BM109']);
  expect(sha(input)).toBe(hash);
  expect(readFileSync(path.join(out, 'manifest.json'))).toEqual(before);
  expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
});

test('--out naming a file, or a path through a file, is a diagnostic with a hint, in JSON too', () => {
  const file = path.join(tmp, 'a-file');
  writeFileSync(file, 'mine');
  for (const [out, said] of [[file, '--out names a file, not a folder'], [path.join(file, 'sub'), 'cannot be written (EEXIST in mkdir)']] as const) {
    const r = run(['validate', '--cases', small, '--out', out, '--json']);
    expect(r.status).toBe(1);
    expect(codes(r.stdout)).toEqual(['BM111']);
    // Said before any work is done, in words that name the mistake.
    expect(JSON.parse(r.stdout).diagnostics[0].message).toContain(said);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  }
  expect(readFileSync(file, 'utf8')).toBe('mine');
});

test('a second run into a folder another run is writing fails at once and names the holder; the first completes', async () => {
  const out = path.join(tmp, 'busy');
  const big = path.join(tmp, 'big.csv');
  writeFileSync(big, [...gogenCondensedLines({ cases: 4000, seed: 5, messy: false })].join(''));
  const first = spawn(process.execPath, [cli, 'generate', '--cases', big, '--config', config, '--out', out, '--as-of', '2026-11-26', '--quiet'], { stdio: 'ignore' });
  const exited = new Promise<number | null>((r) => first.once('exit', r));
  const lock = path.join(tmp, '.busy.bulk-motions.lock');
  while (!existsSync(lock)) await new Promise((r) => setTimeout(r, 5));
  const second = run(['generate', '--cases', small, '--out', out, '--json']);
  expect(second.status).toBe(1);
  expect(codes(second.stdout)).toEqual(['BM110']);
  expect(JSON.parse(second.stdout).diagnostics[0].message).toContain(`process ${first.pid}`);
  expect([0, 3]).toContain(await exited);
  const m = expectOutputMatchesManifest(out);
  expect(m.inputs[0]!.file).toBe(big);
  expect(existsSync(lock)).toBe(false);
}, 120_000);

test('a lock left by a process that is gone is taken over, with a notice', () => {
  const out = path.join(tmp, 'stale');
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(path.join(tmp, '.stale.bulk-motions.lock'), JSON.stringify({ pid: Number(gone.stdout), host: os.hostname() }));
  const r = run(['validate', '--cases', small, '--out', out]);
  expect(r.status).toBe(3);
  expect(r.stderr).toContain('BM112');
  expectOutputMatchesManifest(out);
  expect(existsSync(path.join(tmp, '.stale.bulk-motions.lock'))).toBe(false);
});

test('an --out inside the templates folder is refused', () => {
  const dir = path.join(tmp, 'tpl');
  mkdirSync(path.join(dir, 'templates'), { recursive: true });
  const cfg = path.join(dir, 'config.yaml');
  writeFileSync(cfg, readFileSync(config, 'utf8') + '\ntemplates: templates\n');
  copyFileSync(small, path.join(dir, 'cases.csv'));
  const r = spawnSync(process.execPath, [cli, 'validate', '--cases', path.join(dir, 'cases.csv'), '--config', cfg, '--out', path.join(dir, 'templates', 'out'), '--json', '--as-of', '2026-11-26'], { encoding: 'utf8' });
  expect(r.status).toBe(1);
  expect(codes(r.stdout)).toContain('BM109');
  expect(existsSync(path.join(dir, 'templates', 'out'))).toBe(false);
});

test('a user\'s own file in the output folder survives a rerun', () => {
  const out = path.join(tmp, 'notes');
  expect(run(['validate', '--cases', small, '--out', out]).status).toBe(3);
  writeFileSync(path.join(out, 'my-notes.txt'), 'call the clerk');
  expect(run(['validate', '--cases', small, '--out', out]).status).toBe(3);
  expect(readFileSync(path.join(out, 'my-notes.txt'), 'utf8')).toBe('call the clerk');
});
