/**
 * Ready to file, or a draft: a config still holding placeholders (TODOs, values
 * `init` guessed, raw DOJ court strings) never produces documents to file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findPlaceholders } from '../src/config/placeholders';

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const cases = path.join(root, 'samples', 'los-angeles', 'cases.csv');
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'bm-ready-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const found = (yaml: string) => findPlaceholders(yaml, 'c.yaml').map((d) => `${d.code} ${d.line} ${d.column}`);

test.each([
  ['a TODO value', 'phone: "TODO"\n', ['BM511 1 phone']],
  ['a TODO inside a value', 'address: ["TODO street", "Real city"]\n', ['BM511 1 address[0]']],
  ['a value init guessed', 'county: "Sacramento"   # TODO: check (guessed from the data)\n', ['BM511 1 county']],
  ['a raw DOJ court string as a court name', 'courts:\n  - id: a\n    name: CASCSACRAMENTO\n', ['BM511 3 courts[0].name']],
  ['a municipal one', 'courts:\n  - id: a\n    name: "CAMC LONG BEACH"\n', ['BM511 3 courts[0].name']],
  ['a commented-out example', '# case_number: "TODO"\ncounty: Sacramento\n', []],
  ['a real court name, and a comment without TODO', 'courts:\n  - id: a   # 3 rows\n    name: Sacramento (Superior Court)\n    aliases: [CASCSACRAMENTO]\n', []],
  ['a word that merely contains the letters', 'name: "TODOROV Law"\n', []],
])('%s', (_name, yaml, expected) => {
  expect(found(yaml)).toEqual(expected);
});

test('the bundled sample configs hold no placeholder', () => {
  for (const s of ['los-angeles', 'alameda']) {
    const file = path.join(root, 'samples', s, 'config.yaml');
    expect(found(readFileSync(file, 'utf8'))).toEqual([]);
  }
});

describe('a fresh init config', () => {
  let config: string;
  beforeAll(() => {
    config = path.join(tmp, 'config.yaml');
    expect(spawnSync(process.execPath, [cli, 'init', '--cases', cases, '--out', config]).status).toBe(0);
    // The one error validate reports is fixed, as a user would; every placeholder is left.
    writeFileSync(config, readFileSync(config, 'utf8').replace('bar_number: "TODO"', 'bar_number: "123456"'));
  });
  const run = (cmd: string, out: string, ...more: string[]) => spawnSync(process.execPath, [cli, cmd, '--cases', cases, '--config', config, '--out', out, '--as-of', '2026-11-30', '--json', ...more], { encoding: 'utf8' });
  const codes = (stdout: string) => [...new Set((JSON.parse(stdout) as { diagnostics: Array<{ code: string }> }).diagnostics.map((d) => d.code))];

  test('generate refuses: every placeholder listed with its key and line, exit 1, nothing written', () => {
    const out = path.join(tmp, 'refused');
    const r = run('generate', out);
    expect(r.status).toBe(1);
    expect(codes(r.stdout)).toEqual(expect.arrayContaining(['BM511', 'BM607']));
    const keys = (JSON.parse(r.stdout) as { diagnostics: Array<{ code: string; column?: string; line?: number }> }).diagnostics.filter((d) => d.code === 'BM511');
    expect(keys.map((d) => d.column)).toEqual(expect.arrayContaining(['county', 'agencies[0].name', 'agencies[0].phone', 'courts[0].name']));
    expect(keys.every((d) => typeof d.line === 'number')).toBe(true);
    expect(existsSync(out)).toBe(false);
  });

  test('validate lists the same placeholders as warnings and goes on', () => {
    const r = run('validate', path.join(tmp, 'validated'));
    expect(r.status).toBe(3);
    expect(codes(r.stdout)).toContain('BM511');
    expect(codes(r.stdout)).not.toContain('BM607');
  });

  test('--draft renders anyway, and the manifest records it', () => {
    const out = path.join(tmp, 'draft');
    const r = run('generate', out, '--draft', '--format', 'pdf');
    expect(r.status).toBe(3);
    expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).draft).toBe(true);
  });
});
