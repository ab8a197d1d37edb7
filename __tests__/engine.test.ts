/**
 * The library's engine, generate() and validate(), as a script or the web
 * page calls them: the same run as the CLI, progress as events, cancellable,
 * and a damaged previous run treated as none.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import { generate, validate, type ProgressEvent, type RunEvent } from '../src';
import { toDiagnostic } from '../src/compose/handlebars';

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const la = (f: string) => path.join(root, 'samples', 'los-angeles', f);
const base = { cases: [la('cases.csv')], config: la('config.yaml'), asOf: '2026-11-26' };

let tmp: string;
beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm test` (it builds first)');
  tmp = mkdtempSync(path.join(tmpdir(), 'bm-engine-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('generate() writes the same manifest, byte for byte, as the CLI for the same inputs, and reports as it goes', async () => {
  const viaCli = path.join(tmp, 'cli');
  const r = spawnSync(process.execPath, [cli, 'generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', viaCli, '--as-of', '2026-11-26', '--quiet'], { cwd: root });
  expect(r.status).toBe(3);
  const events: RunEvent[] = [];
  const viaLib = path.join(tmp, 'lib');
  const result = await generate({ ...base, out: viaLib }, { event: (e) => events.push(e) });
  expect(readFileSync(path.join(viaLib, 'manifest.json'), 'utf8')).toBe(readFileSync(path.join(viaCli, 'manifest.json'), 'utf8'));
  expect(result.exitCode).toBe(3);
  expect(result.ok).toBe(true);
  // A motion filing has a motion and an order; a notice of challenge has only the notice (DOCX and PDF each).
  const motions = result.filings.filter((f) => !f.challenge);
  const notices = result.filings.filter((f) => f.challenge);
  expect(notices.map((f) => f.id)).toEqual(['da-felony-challenge']);
  expect(result.counts!.filedCases).toBe(motions.reduce((n, f) => n + f.caseCount, 0));
  expect(result.counts!.challengedCases).toBe(notices.reduce((n, f) => n + f.caseCount, 0));
  expect(result.documents!.length).toBe(motions.length * 4 + notices.length * 2);
  expect(result.documents!.filter((d) => d.path.startsWith('da-felony-challenge/')).map((d) => d.path)).toEqual(['da-felony-challenge/notice.docx', 'da-felony-challenge/notice.pdf']);
  // The run said what it was doing: bytes read, the plan, each filing.
  const reading = events.filter((e) => e.type === 'progress' && e.stage === 'reading');
  expect(reading.at(-1)).toMatchObject({ done: readFileSync(la('cases.csv')).length });
  expect(events.filter((e) => e.type === 'planned')).toHaveLength(1);
  const filings = events.filter((e): e is Extract<RunEvent, { type: 'progress' }> => e.type === 'progress' && e.stage === 'filings');
  expect(filings.map((e) => e.done)).toEqual(result.filings.map((_, i) => i + 1));
}, 120_000);

test('progress moves through every stage, in order, and the rendering advances while a filing renders', async () => {
  const events: ProgressEvent[] = [];
  const out = path.join(tmp, 'progress');
  const result = await generate({ ...base, out }, { event: (e) => void (e.type === 'progress' && events.push(e)) });
  const of = <S extends ProgressEvent['stage']>(s: S) => events.filter((e): e is Extract<ProgressEvent, { stage: S }> => e.stage === s);
  // Stages in order, each begun once (filings interleave with rendering).
  const order = events.map((e) => e.stage).filter((s) => s !== 'filings').filter((s, i, all) => s !== all[i - 1]);
  expect(order).toEqual(['reading', 'planning', 'composing', 'rendering', 'writing']);
  // Within each stage, done never goes back and ends at the total.
  for (const stage of ['reading', 'planning', 'composing', 'rendering', 'writing'] as const) {
    const es = of(stage);
    expect(es.every((e, i) => i === 0 || e.done >= es[i - 1]!.done)).toBe(true);
    expect(es.every((e) => e.done <= e.total)).toBe(true);
    expect(es.at(-1)!.done).toBe(es.at(-1)!.total);
  }
  // Rows, not bytes: the rows read end at the input's rows; the bytes at the file's size.
  expect(of('reading').at(-1)).toMatchObject({ rows: result.counts!.inputRows, done: readFileSync(la('cases.csv')).length });
  expect(of('planning').map((e) => e.step).at(-1)).toBe('listing exclusions');
  // Documents composed: a motion filing's two, a notice's one (each rendered in both formats).
  expect(of('composing').at(-1)!.total).toBe(result.documents!.length / 2);
  // The rendering counts what was made: every document, every PDF page, every filing.
  const rendering = of('rendering');
  const last = rendering.at(-1)!;
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  const pdfPages = manifest.outputs.filter((o: { format: string; kind: string }) => o.format === 'pdf' && o.kind !== 'summary').reduce((n: number, o: { pages: number }) => n + o.pages, 0);
  expect(last).toMatchObject({ documents: result.documents!.length, pages: pdfPages, filings: result.filings.length, filingsTotal: result.filings.length });
  expect(rendering.every((e) => e.total === last.total)).toBe(true);
  // The first filing (the largest) moves the bar many times before it is done, page by page.
  expect(rendering.filter((e) => e.filings === 0 && e.done > 0).length).toBeGreaterThan(10);
  // Writing: every listing by name, then the manifest and the folder switch.
  const steps = [...new Set(of('writing').map((e) => e.step))];
  expect(steps.slice(0, 4)).toEqual(['summarising the run', 'plan.json', 'index.csv', 'review.csv']);
  expect(steps.slice(-3)).toEqual(['manifest.json', 'switching to the new folder', '']);
  expect(of('writing').at(-1)!.total).toBe(steps.length - 1);
  // A rerun reads the previous run first, and says how far.
  const again: ProgressEvent[] = [];
  await validate({ ...base, out }, { event: (e) => void (e.type === 'progress' && again.push(e)) });
  expect(again[0]!.stage).toBe('previous');
  const previous = again.filter((e) => e.stage === 'previous');
  expect(previous.at(-1)!.done).toBe(previous.at(-1)!.total);
  expect(previous.at(-1)!.total).toBe(['index.csv', 'challenged.csv', 'struck.csv'].reduce((n, f) => n + readFileSync(path.join(out, f), 'utf8').length, 0));
}, 120_000);

test('validate() without an output folder writes nothing and returns the plan and diagnostics', async () => {
  const before = readdirSync(tmp).sort();
  const r = await validate(base);
  expect(r.exitCode).toBe(3);
  expect(r.written).toBe(0);
  expect(r.diagnostics.map((d) => d.code)).toContain('BM301');
  expect(readdirSync(tmp).sort()).toEqual(before);
});

test('a missing case list stops the run before anything is read, as a located diagnostic', async () => {
  const out = path.join(tmp, 'missing');
  const r = await generate({ ...base, cases: [path.join(tmp, 'nope.csv')], out });
  expect(r).toMatchObject({ ok: false, exitCode: 1, stoppedAt: 'inputs', written: 0 });
  expect(r.diagnostics.map((d) => [d.code, d.file])).toEqual([['BM120', path.join(tmp, 'nope.csv')]]);
  expect(existsSync(out)).toBe(false);
});

test('a damaged previous manifest is a warning, and the run is treated as the first', async () => {
  const out = path.join(tmp, 'damaged');
  mkdirSync(out);
  writeFileSync(path.join(out, 'manifest.json'), '{"filings": [');
  const r = await validate({ ...base, out });
  expect(r.ok).toBe(true);
  expect(r.diagnostics.filter((d) => d.code === 'BM508').map((d) => [d.severity, d.file])).toEqual([['warning', path.join(out, 'manifest.json')]]);
  expect(r.changes).toBeUndefined();
  expect(existsSync(path.join(out, 'changes.md'))).toBe(false);
  expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).asOf).toBe('2026-11-26');
});

test('a cancelled run stops at the next filing and leaves the previous output as it was', async () => {
  const out = path.join(tmp, 'cancel');
  await validate({ ...base, out });
  const before = readFileSync(path.join(out, 'manifest.json'));
  const controller = new AbortController();
  let filings = 0;
  let planned = 0;
  const run = generate({ ...base, out, signal: controller.signal }, {
    event: (e) => {
      if (e.type === 'planned') planned = e.pipeline.plan!.filings.length;
      if (e.type === 'progress' && e.stage === 'filings' && ++filings === 1) controller.abort();
    },
  });
  await expect(run).rejects.toThrow(/abort/i);
  // Only the filings already under way when it was cancelled were finished (at most two wait in turn).
  expect(planned).toBeGreaterThan(5);
  expect(filings).toBeLessThanOrEqual(3);
  expect(readFileSync(path.join(out, 'manifest.json'))).toEqual(before);
  expect(readdirSync(out).filter((f) => f.startsWith('.bulk-motions-tmp-'))).toEqual([]);
}, 120_000);

test('a template the user wrote wrong is BM701; an exception of our own is a bug, not blamed on the template', () => {
  expect(toDiagnostic(new Handlebars.Exception('Invalid path: a/b'), 'mine.hbs')).toMatchObject({ code: 'BM701', file: 'mine.hbs' });
  expect(toDiagnostic(new Error('Parse error on line 3:\n...'), 'mine.hbs')).toMatchObject({ code: 'BM701', line: 3 });
  expect(() => toDiagnostic(new TypeError("Cannot read properties of undefined (reading 'x')"), 'mine.hbs')).toThrow(TypeError);
});
