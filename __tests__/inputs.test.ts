/**
 * The inputs' paths (src/io/inputs.ts): each problem a located diagnostic
 * with a fix, BM120-BM123, and other file system errors BM101. The engine
 * checks every input before reading (the CLI's side is in cli-errors.e2e).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validate } from '../src/engine/run';
import { checkInput, checkInputs, inputDiagnostic, ROLES, type NamedInput } from '../src/io/inputs';
import { loadTemplates } from '../src/io/templates';

const tmp = mkdtempSync(path.join(tmpdir(), 'bm-inputs-'));
beforeAll(() => {
  mkdirSync(path.join(tmp, 'folder'));
  writeFileSync(path.join(tmp, 'file.csv'), 'x\n');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const input = (p: string, kind: 'file' | 'folder' = 'file'): NamedInput => ({ path: path.join(tmp, p), role: ROLES.cases, kind });
const errno = (code: string, syscall = 'open', p = '/x/la.yaml') => Object.assign(new Error(`${code}: ${syscall} '${p}'`), { code, syscall, path: p });

test('a readable file of the right kind has no problem', () => {
  expect(checkInput(input('file.csv'))).toBeUndefined();
  expect(checkInput(input('folder', 'folder'))).toBeUndefined();
});

test.each([
  ['missing', input('nope.csv'), 'BM120', 'file-not-found', 'no such file: the case list (--cases)'],
  ['a file part-way along the path', input('file.csv/more.csv'), 'BM120', 'file-not-found', 'no such file: the case list (--cases)'],
  ['a folder', input('folder'), 'BM121', 'file-is-folder', 'this is a folder, but the case list (--cases) must be a file'],
  ['a file for a folder', input('file.csv', 'folder'), 'BM122', 'not-a-folder', 'this is a file, but the case list (--cases) must be a folder'],
  ['a missing folder', input('nope', 'folder'), 'BM120', 'file-not-found', 'no such folder: the case list (--cases)'],
])('%s', (_name, i, code, name, message) => {
  const d = checkInput(i)!;
  expect(d).toMatchObject({ code, name, severity: 'fatal', outcome: 'fatal', file: i.path, message });
  expect(d.hint).toMatch(/\S/);
});

test('a relative path is said to be read from the working folder', () => {
  expect(checkInput({ path: 'nope-relative.csv', role: ROLES.config, kind: 'file' })!.hint).toBe(`check the path and its spelling; a relative path is read from ${process.cwd()}`);
});

test.each([
  ['EACCES', 'BM123', 'permission-denied', 'you may not read the config (--config) (EACCES)'],
  ['EPERM', 'BM123', 'permission-denied', 'you may not read the config (--config) (EPERM)'],
  ['ENOENT', 'BM120', 'file-not-found', 'no such file: the config (--config)'],
  ['EISDIR', 'BM121', 'file-is-folder', 'this is a folder, but the config (--config) must be a file'],
  ['EIO', 'BM101', 'file-unreadable', 'the config (--config) cannot be read (EIO in open)'],
])('a file system error %s while reading is %s', (code, diagCode, name, message) => {
  const d = inputDiagnostic(errno(code), { path: '/x/la.yaml', role: ROLES.config, kind: 'file' })!;
  expect(d).toMatchObject({ code: diagCode, name, file: '/x/la.yaml', message });
  expect(d.hint).toMatch(/\S/);
});

test('anything but a file system error is not an input problem (a bug, thrown on)', () => {
  expect(inputDiagnostic(new Error('boom'), input('x'))).toBeUndefined();
  expect(inputDiagnostic('boom', input('x'))).toBeUndefined();
});

test('every problem is listed, each path once as a file and once as a folder', () => {
  const ds = checkInputs([input('nope.csv'), input('nope.csv'), input('folder'), input('file.csv', 'folder')]);
  expect(ds.map((d) => d.code)).toEqual(['BM120', 'BM121', 'BM122']);
});

test('the engine checks every input before reading any, and names each', async () => {
  const r = await validate({ cases: [path.join(tmp, 'folder')], config: path.join(tmp, 'nope.yaml'), edits: path.join(tmp, 'nope-edits.csv'), previous: path.join(tmp, 'file.csv'), asOf: '2026-11-26' });
  expect(r).toMatchObject({ ok: false, exitCode: 1, stoppedAt: 'inputs' });
  expect(r.diagnostics.map((d) => [d.code, path.basename(d.file!), d.message])).toEqual([
    ['BM121', 'folder', 'this is a folder, but the case list (--cases) must be a file'],
    ['BM120', 'nope.yaml', 'no such file: the config (--config)'],
    ['BM120', 'nope-edits.csv', 'no such file: the edits file (--edits)'],
    ['BM122', 'file.csv', 'this is a file, but the previous run (--previous) must be a folder'],
  ]);
});

describe('the templates folder', () => {
  test('missing: BM705 at the config key, as before', async () => {
    const t = await loadTemplates(path.join(tmp, 'c.yaml'), 'no-such-templates');
    expect(t.diagnostics.map((d) => [d.code, d.column])).toEqual([['BM705', 'templates']]);
  });

  test('a file: BM122', async () => {
    const t = await loadTemplates(path.join(tmp, 'c.yaml'), 'file.csv');
    expect(t.diagnostics.map((d) => [d.code, d.file])).toEqual([['BM122', path.join(tmp, 'file.csv')]]);
  });

  test('its partials a file: BM122 naming partials', async () => {
    mkdirSync(path.join(tmp, 'tpl'));
    writeFileSync(path.join(tmp, 'tpl', 'partials'), 'x');
    const t = await loadTemplates(path.join(tmp, 'c.yaml'), 'tpl');
    expect(t.diagnostics.map((d) => [d.code, d.file])).toEqual([['BM122', path.join(tmp, 'tpl', 'partials')]]);
  });

  test('a template that is a folder: BM121 naming it', async () => {
    mkdirSync(path.join(tmp, 'tpl2', 'motion.hbs'), { recursive: true });
    const t = await loadTemplates(path.join(tmp, 'c.yaml'), 'tpl2');
    expect(t.diagnostics.map((d) => [d.code, d.file])).toEqual([['BM121', path.join(tmp, 'tpl2', 'motion.hbs')]]);
  });
});
