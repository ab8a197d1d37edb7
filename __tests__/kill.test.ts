/**
 * Atomic output: a run killed at any point leaves the previous output as it
 * was, or (only while the finished files are being moved into place) a
 * folder with no manifest.json, which is visibly incomplete. Never a partial
 * file that looks complete.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gogenCondensedLines } from '../src/samples/gogen-generator';

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const config = path.join(root, 'samples', 'los-angeles', 'config.yaml');
const tmp = mkdtempSync(path.join(tmpdir(), 'bm-kill-'));
const small = path.join(root, 'samples', 'los-angeles', 'cases.csv');
const big = path.join(tmp, 'big.csv');
const out = path.join(tmp, 'out');
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

beforeAll(() => {
  writeFileSync(big, [...gogenCondensedLines({ cases: 8000, seed: 11, messy: false })].join(''));
  const r = spawnSync(process.execPath, [cli, 'generate', '--cases', small, '--config', config, '--out', out, '--as-of', '2026-11-26', '--quiet']);
  expect(r.status).toBe(3);
});

function state(): 'previous' | 'new' | 'incomplete' {
  const m = path.join(out, 'manifest.json');
  if (!existsSync(m)) return 'incomplete';
  const manifest = JSON.parse(readFileSync(m, 'utf8')) as { inputs: Array<{ file: string }>; outputs: Array<{ path: string; sha256: string }> };
  // Whatever the manifest lists is there, whole.
  for (const o of manifest.outputs) expect(sha(path.join(out, o.path))).toBe(o.sha256);
  return manifest.inputs[0]!.file === small ? 'previous' : 'new';
}

test.each([150, 400, 800, 1300, 2000, 3000])('killed after %i ms, the output is the previous run, the new run, or visibly incomplete', async (ms) => {
  const before = state();
  expect(before).not.toBe('incomplete');
  const child = spawn(process.execPath, [cli, 'generate', '--cases', big, '--config', config, '--out', out, '--as-of', '2026-11-26', '--quiet'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, ms));
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  const after = state();
  expect(['previous', 'new', 'incomplete']).toContain(after);
  // Killed while rendering (the long part), the previous output is untouched.
  if (ms <= 800) expect(after).toBe('previous');
  // No stray half-written file outside the staging folder.
  const stray = readdirSync(out, { recursive: true }).map(String).filter((f) => !f.startsWith('.bulk-motions-tmp-') && /\.(tmp|part)$/.test(f));
  expect(stray).toEqual([]);
  // Put the previous output back for the next case.
  if (after !== 'previous') expect(spawnSync(process.execPath, [cli, 'generate', '--cases', small, '--config', config, '--out', out, '--as-of', '2026-11-26', '--quiet']).status).toBe(3);
}, 60_000);

test('the next run clears a killed run\'s staging folder', () => {
  expect(spawnSync(process.execPath, [cli, 'validate', '--cases', small, '--config', config, '--out', out, '--as-of', '2026-11-26', '--quiet']).status).toBe(3);
  expect(readdirSync(out).filter((f) => f.startsWith('.bulk-motions-tmp-'))).toEqual([]);
});
