/**
 * Progress through the built CLI: on a terminal, one line per stage (rows
 * read, the rendering with its pages and documents, the writing); never with
 * --quiet or --json, nor when stderr is not a terminal. The terminal is a
 * preload that says stderr is one, so the test needs nothing but Node.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { timeLeft } from '../src/cli/progress';

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const la = (f: string) => path.join(root, 'samples', 'los-angeles', f);

let tmp: string;
let tty: string;
beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm test` (it builds first) or `npm run build`');
  tmp = mkdtempSync(path.join(tmpdir(), 'bm-progress-'));
  tty = path.join(tmp, 'tty.js');
  writeFileSync(tty, 'process.stderr.isTTY = true;\nprocess.stderr.columns = 200;\n');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function generate(out: string, extra: string[], terminal: boolean) {
  const args = [...(terminal ? ['-r', tty] : []), cli, 'generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', path.join(tmp, out), '--as-of', '2026-11-26', ...extra];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  expect(r.status).toBe(3);
  return r.stderr;
}

const BAR = /\[[█░]+\]/;

test('on a terminal, each stage has its line: rows read (not bytes), the rendering with pages and documents, the writing', () => {
  const err = generate('tty', [], true);
  expect(err).toMatch(/reading +\[[█░]+\] \d+% \| ETA [-\d]+\S* \| [\d,]+ rows read/);
  expect(err).toMatch(/rendering \[[█░]+\] \d+\.\d% \| ETA [-\d]+\S* \| [\d,]+ pages, \d+ documents, \d+\/\d+ filings/);
  expect(err).toMatch(/writing +\[[█░]+\] \d+\/\d+ \| plan\.json/);
  // Never bytes, as "27245173/27245173" was.
  expect(err).not.toMatch(/\d{4,}\/\d{4,}/);
});

test.each([
  ['--quiet', ['--quiet'], true],
  ['--json', ['--json'], true],
  ['stderr not a terminal', [], false],
])('no progress with %s', (_what, extra, terminal) => {
  const err = generate(`quiet-${extra.join('') || 'pipe'}`, extra, terminal);
  expect(err).not.toMatch(BAR);
  expect(err).not.toMatch(/rows read|rendering/);
});

test('the time left is said only once there is a pace to go by', () => {
  expect(timeLeft(0, 100, 5000)).toBe('ETA --');
  expect(timeLeft(50, 100, 200)).toBe('ETA --');
  expect(timeLeft(25, 100, 3000)).toBe('ETA 9s');
  expect(timeLeft(1, 100, 2000)).toBe('ETA 3m18s');
  expect(timeLeft(100, 100, 2000)).toBe('ETA 0s');
});
