/**
 * Atomic output: a run killed at any point leaves the output folder holding
 * one complete run, the previous or the new, with a manifest that matches
 * every file. Only a kill between the two renames of the switch leaves no
 * folder, with both runs complete beside it; the next run finishes the switch.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { recoverOutput } from '../src/io/staging';
import { gogenCondensedLines } from '../src/samples/gogen-generator';
import { expectOutputMatchesManifest, filesUnder } from './helpers/output';

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const config = path.join(root, 'samples', 'los-angeles', 'config.yaml');
const tmp = mkdtempSync(path.join(tmpdir(), 'bm-kill-'));
const small = path.join(root, 'samples', 'los-angeles', 'cases.csv');
const big = path.join(tmp, 'big.csv');
const out = path.join(tmp, 'out');

beforeAll(() => {
  writeFileSync(big, [...gogenCondensedLines({ cases: 8000, seed: 11, messy: false })].join(''));
  const r = spawnSync(process.execPath, [cli, 'generate', '--cases', small, '--config', config, '--out', out, '--as-of', '2026-11-26', '--quiet']);
  expect(r.status).toBe(3);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The folders a run keeps beside the output folder while it works. */
const beside = () => readdirSync(tmp).filter((f) => f.startsWith('.out.bulk-motions-'));

function state(): 'previous' | 'new' | 'switching' {
  if (!existsSync(out)) {
    // Killed between the two renames: the new run, complete, is beside the folder.
    expect(beside().some((f) => f.startsWith('.out.bulk-motions-new-') && existsSync(path.join(tmp, f, 'manifest.json')))).toBe(true);
    return 'switching';
  }
  // Whatever the manifest lists is there, whole, and every file there is one it lists.
  const manifest = expectOutputMatchesManifest(out);
  return manifest.inputs[0]!.file === small ? 'previous' : 'new';
}

test.each([150, 400, 800, 1300, 2000, 3000])('killed after %i ms, the output is the previous run, the new run, or visibly incomplete', async (ms) => {
  const before = state();
  expect(before).not.toBe('incomplete');
  const child = spawn(process.execPath, [cli, 'generate', '--cases', big, '--config', config, '--out', out, '--as-of', '2026-11-26', '--quiet'], { stdio: 'ignore' });
  // Listen at once: a run faster than the delay exits before the kill, and a listener added then never fires.
  const exited = new Promise((r) => child.once('exit', r));
  await new Promise((r) => setTimeout(r, ms));
  child.kill('SIGKILL');
  await exited;
  // state() checks a finished output against its manifest, file by file.
  const after = state();
  // Killed while rendering (the long part), the previous output is untouched.
  if (ms <= 800) expect(after).toBe('previous');
  restore(after);
}, 60_000);

/** Put the previous output back for the next case (a run into the folder first finishes a switch a kill interrupted). */
function restore(after: ReturnType<typeof state>): void {
  if (after !== 'previous') expect(spawnSync(process.execPath, [cli, 'generate', '--cases', small, '--config', config, '--out', out, '--as-of', '2026-11-26', '--quiet']).status).toBe(3);
}

/** Resolves as soon as `ready()` holds (looked at every 5 ms), or once the child has exited. */
function once(ready: () => boolean, exited: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (ready()) done();
    }, 5);
    const done = () => {
      clearInterval(timer);
      resolve();
    };
    void exited.then(done);
  });
}

const staged = () => beside().filter((f) => f.includes('-new-')).some((s) => filesUnder(path.join(tmp, s)).some((f) => /\.(docx|pdf)$/.test(f)));

// Fixed delays reach different stages on machines of different speed (on a busy 2-core machine, none of
// them reaches the stage); these kill the run at a stage it has been seen to reach.
// The move takes some tens of milliseconds: a poll that misses it finds the run finished, its output 'new'.
test.each([
  ['while documents are being staged', staged, 'previous', true],
] as const)('killed %s, the output is the previous run', async (_when, ready, expected, mustReach) => {
  expect(state()).toBe('previous');
  const child = spawn(process.execPath, [cli, 'generate', '--cases', big, '--config', config, '--out', out, '--as-of', '2026-11-26', '--quiet'], { stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', r));
  let reached = false;
  await once(() => (reached = ready()), exited);
  child.kill('SIGKILL');
  await exited;
  if (mustReach) expect(reached).toBe(true);
  const after = state();
  if (!reached) expect(after).toBe('new');
  if (expected) expect(after).toBe(expected);
  restore(after);
}, 60_000);

// Every step of the commit, killed there by the test hook: the folder holds the previous run until the
// switch, the new one after it; between the two renames, recovery puts the new one in place.
test.each([
  ['staged', 'previous'],
  ['linked', 'previous'],
  ['moved-aside', 'switching'],
  ['switched', 'new'],
] as const)('killed at commit step "%s", the folder holds the %s run', async (step, expected) => {
  expect(state()).toBe('previous');
  const r = spawnSync(process.execPath, [cli, 'validate', '--cases', big, '--config', config, '--out', out, '--as-of', '2026-11-26', '--quiet'], { env: { ...process.env, BULK_MOTIONS_TEST_KILL_AT: step } });
  expect(r.signal).toBe('SIGKILL');
  expect(state()).toBe(expected);
  // The next run into the folder first finishes the switch, or clears what the killed run left.
  await recoverOutput(out);
  expect(beside().filter((f) => !f.endsWith('.lock'))).toEqual([]);
  const after = state();
  expect(after).toBe(expected === 'switching' ? 'new' : expected);
  restore(after);
}, 60_000);

test('the next run clears what a killed run left beside the folder, and takes over its lock', () => {
  const r = spawnSync(process.execPath, [cli, 'validate', '--cases', small, '--config', config, '--out', out, '--as-of', '2026-11-26'], { encoding: 'utf8' });
  expect(r.status).toBe(3);
  // Nothing beside the folder, and exactly the validate run's outputs.
  expect(beside()).toEqual([]);
  expectOutputMatchesManifest(out);
});
