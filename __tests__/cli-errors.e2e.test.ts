/**
 * End to end, through the built CLI (dist/cli.js): what a user sees when
 * something is wrong. Mistyped commands and options get the nearest one;
 * every file problem is a located diagnostic with a fix, never a raw ENOENT
 * or a stack; bad --threads and --as-of are usage errors; with --json, stdout
 * is always exactly one report; colour only where it belongs; and the words
 * and numbers of the human output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const la = (f: string) => path.join(root, 'samples', 'los-angeles', f);
const bad = (f: string) => path.join(__dirname, 'fixtures', 'bad', f);
const ESC = '\u001b[';

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The whole of stdout as one JSON document (JSON.parse fails on anything before or after it). */
const report = (stdout: string) => JSON.parse(stdout) as { ok: boolean; exitCode: number; diagnostics: Array<{ code: string; file?: string; message: string; hint?: string }> };

let tmp: string;
beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm test` (it builds first) or `npm run build`');
  tmp = mkdtempSync(path.join(tmpdir(), 'bm-cli-errors-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const base = () => ['--cases', la('cases.csv'), '--config', la('config.yaml'), '--as-of', '2026-11-26'];

describe('did you mean', () => {
  test('a mistyped command names the nearest one, not its options', () => {
    const r = run(['generat', '--cases', la('cases.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command "generat". Did you mean generate?');
    expect(r.stderr).not.toContain('Unknown arguments');
  });

  test('an unknown command with nothing near lists the commands', () => {
    const r = run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command "frobnicate". The commands are generate, validate, diff, init, serve.');
  });

  test.each([
    ['--ouput', 'x', 'Unknown option --ouput. Did you mean --out?'],
    ['--fromat', 'pdf', 'Unknown option --fromat. Did you mean --format?'],
    ['--as-off', '2026-11-26', 'Unknown option --as-off. Did you mean --as-of?'],
  ])('%s names the nearest option', (flag, value, said) => {
    const r = run(['generate', ...base(), '--out', path.join(tmp, 'never'), flag, value]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(said);
    expect(r.stderr).toContain('Run "bulk-motions generate --help" for usage.');
  });

  test('a mistyped required option is named as mistyped, not as "missing"', () => {
    const r = run(['validate', '--case', la('cases.csv'), '--config', la('config.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown option --case. Did you mean --cases?');
    expect(r.stderr).not.toContain('Missing required');
  });
});

describe('every file problem is a located diagnostic with a fix', () => {
  let folder: string;
  let file: string;
  beforeAll(() => {
    folder = path.join(tmp, 'a-folder');
    mkdirSync(folder);
    file = path.join(tmp, 'a-file.txt');
    writeFileSync(file, 'x\n');
  });

  const cases: Array<[string, () => string[], string, () => string]> = [
    ['--cases missing', () => ['validate', '--cases', path.join(tmp, 'nope.csv'), '--config', la('config.yaml')], 'BM120', () => path.join(tmp, 'nope.csv')],
    ['--cases a folder', () => ['validate', '--cases', folder, '--config', la('config.yaml')], 'BM121', () => folder],
    ['--config missing', () => ['validate', '--cases', la('cases.csv'), '--config', 'la.yaml'], 'BM120', () => 'la.yaml'],
    ['--config a folder', () => ['validate', '--cases', la('cases.csv'), '--config', folder], 'BM121', () => folder],
    ['--edits missing', () => ['validate', ...base(), '--edits', path.join(tmp, 'edits.csv')], 'BM120', () => path.join(tmp, 'edits.csv')],
    ['--edits a folder', () => ['validate', ...base(), '--edits', folder], 'BM121', () => folder],
    ['--resolved missing', () => ['validate', ...base(), '--resolved', path.join(tmp, 'answers.csv')], 'BM120', () => path.join(tmp, 'answers.csv')],
    ['--resolved a folder', () => ['validate', ...base(), '--resolved', folder], 'BM121', () => folder],
    ['--previous missing', () => ['validate', ...base(), '--previous', path.join(tmp, 'old-run')], 'BM120', () => path.join(tmp, 'old-run')],
    ['--previous a file', () => ['validate', ...base(), '--previous', file], 'BM122', () => file],
    ['init --cases missing', () => ['init', '--cases', path.join(tmp, 'nope.csv'), '--out', path.join(tmp, 'starter.yaml')], 'BM120', () => path.join(tmp, 'nope.csv')],
    ['init --cases a folder', () => ['init', '--cases', folder, '--out', path.join(tmp, 'starter.yaml')], 'BM121', () => folder],
  ];

  test.each(cases)('%s', (_name, args, code, where) => {
    const r = run(args());
    expect(r.code).toBe(1);
    // Located: the path first, then the code; and a fix.
    expect(r.stderr).toContain(`${where()}: fatal ${code} `);
    expect(r.stderr).toMatch(new RegExp(`${code} [a-z-]+: .*\\n    fix: \\S`));
    // Never the system's raw words, nor a crash.
    expect(r.stderr).not.toMatch(/ENOENT|EISDIR|ENOTDIR|no such file or directory|illegal operation|bulk-motions: fatal/);
    expect(existsSync(path.join(tmp, 'starter.yaml'))).toBe(false);
  });

  // /proc/self/mem is a file anyone may open that fails when read (EIO): a disk error, mid-read.
  test.each([
    ['validate', () => ['validate', '--cases', '/proc/self/mem', '--config', la('config.yaml'), '--as-of', '2026-11-26']],
    ['init', () => ['init', '--cases', '/proc/self/mem', '--out', path.join(tmp, 'starter.yaml')]],
  ])('a case list that fails while %s reads it is BM101 naming it, not a crash', (_name, args) => {
    const r = run(args());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/proc/self/mem: fatal BM101 file-unreadable: the case list (--cases) cannot be read (EIO in read)');
    expect(r.stderr).not.toContain('bulk-motions: fatal');
  });

  test('a missing config says no such file, and where relative paths are read from', () => {
    const r = run(['validate', '--cases', la('cases.csv'), '--config', 'la.yaml']);
    expect(r.stderr).toContain('la.yaml: fatal BM120 file-not-found: no such file: the config (--config)');
    expect(r.stderr).toContain(`a relative path is read from ${root}`);
  });

  test('every input problem is reported at once, not one per run', () => {
    const r = run(['validate', '--cases', path.join(tmp, 'nope.csv'), '--cases', folder, '--config', path.join(tmp, 'nope.yaml'), '--json']);
    expect(r.code).toBe(1);
    expect(report(r.stdout).diagnostics.map((d) => d.code)).toEqual(['BM120', 'BM121', 'BM120']);
  });

  describe('the templates folder (templates: in the config)', () => {
    const generateWith = (templates: string) => {
      const cfg = path.join(tmp, `tpl-${path.basename(templates)}.yaml`);
      writeFileSync(cfg, readFileSync(la('config.yaml'), 'utf8') + `\ntemplates: ${templates}\n`);
      return run(['generate', '--cases', la('cases.csv'), '--config', cfg, '--out', path.join(tmp, `out-${path.basename(templates)}`), '--as-of', '2026-11-26', '--format', 'docx']);
    };

    test('a file, not a folder: BM122', () => {
      writeFileSync(path.join(tmp, 'tpl-file'), 'not a folder\n');
      const r = generateWith('tpl-file');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${path.join(tmp, 'tpl-file')}: fatal BM122 not-a-folder: this is a file, but the templates folder`);
      expect(r.stderr).not.toMatch(/ENOTDIR|BM111/);
    });

    test('a template that is a folder: BM121, not an output error', () => {
      mkdirSync(path.join(tmp, 'tpl-dir', 'order.hbs'), { recursive: true });
      const r = generateWith('tpl-dir');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${path.join(tmp, 'tpl-dir', 'order.hbs')}: fatal BM121 file-is-folder: this is a folder, but a template must be a file`);
      expect(r.stderr).not.toMatch(/EISDIR|BM111|output-unwritable/);
    });
  });
});

describe('--threads and --as-of', () => {
  test.each([['3'], ['0'], ['1.5'], ['two']])('--threads %s is a usage error naming 1 or 2', (n) => {
    const r = run(['generate', ...base(), '--out', path.join(tmp, 'never'), '--threads', n]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('use 1 or 2');
    expect(existsSync(path.join(tmp, 'never'))).toBe(false);
  });

  test('an --as-of after today is refused, and accepted with --allow-future-date', () => {
    const future = `${new Date().getFullYear() + 5}-01-01`;
    const r = run(['validate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--as-of', future]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--as-of ${future} is after today`);
    expect(r.stderr).toContain('--allow-future-date');
    expect(run(['validate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--as-of', future, '--allow-future-date', '--quiet']).code).toBe(3);
  });

  test.each([['2026-02-30'], ['20261126'], ['2026-1-5'], ['26-11-2026'], ['2026-11-26T00:00'], ['yesterday'], ['']])('--as-of "%s" is not a date', (value) => {
    const r = run(['validate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--as-of', value]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a date written YYYY-MM-DD');
  });
});

describe('--json: stdout is always exactly one report', () => {
  const fatal: Array<[string, () => string[], number, string]> = [
    ['a missing config', () => ['validate', '--cases', la('cases.csv'), '--config', 'nope.yaml'], 1, 'BM120'],
    ['a case list that is a folder', () => ['validate', '--cases', tmp, '--config', la('config.yaml')], 1, 'BM121'],
    ['an unknown option', () => ['validate', ...base(), '--ouput', 'x'], 2, 'BM124'],
    ['an unknown command', () => ['generat', '--cases', 'x'], 2, 'BM124'],
    ['a missing required option', () => ['validate', '--config', la('config.yaml')], 2, 'BM124'],
    ['--threads 3', () => ['generate', ...base(), '--out', path.join(tmp, 'never'), '--threads', '3'], 2, 'BM124'],
    ['an --as-of after today', () => ['validate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--as-of', '2999-01-01'], 2, 'BM124'],
    ['a bad --format', () => ['generate', ...base(), '--out', path.join(tmp, 'never'), '--format', 'rtf'], 2, 'BM124'],
    ['a broken config', () => ['validate', '--cases', la('cases.csv'), '--config', bad('config-unknown-key.yaml')], 1, 'BM602'],
  ];

  test.each(fatal)('%s', (_name, args, exit, code) => {
    const r = run([...args(), '--json']);
    expect(r.code).toBe(exit);
    const j = report(r.stdout);
    expect(j).toMatchObject({ ok: false, exitCode: exit, counts: null, reconciliation: [], filings: [] });
    expect(j.diagnostics.map((d) => d.code)).toContain(code);
    for (const d of j.diagnostics) expect(d.message).not.toMatch(/ENOENT|EISDIR/);
  });

  test('the usage error says what to do in the report too', () => {
    const j = report(run(['validate', ...base(), '--ouput', 'x', '--json']).stdout);
    expect(j.diagnostics).toEqual([expect.objectContaining({ code: 'BM124', name: 'usage-error', severity: 'fatal', outcome: 'fatal', message: 'Unknown option --ouput', hint: expect.stringContaining('Did you mean --out?') })]);
  });

  test('a finished run reports its exit code too', () => {
    const r = run(['validate', ...base(), '--json']);
    expect(r.code).toBe(3);
    expect(report(r.stdout)).toMatchObject({ ok: true, exitCode: 3 });
  });
});

describe('colour', () => {
  test('never when piped', () => {
    const r = run(['validate', ...base()]);
    expect(r.stderr).toContain('review BM301');
    expect(r.stderr + r.stdout).not.toContain(ESC);
  });

  test('FORCE_COLOR colours diagnostics by what happens: review yellow, fatal bold red, codes dim', () => {
    const r = run(['validate', ...base()], { FORCE_COLOR: '1' });
    expect(r.stderr).toContain(`${ESC}33mreview${ESC}39m ${ESC}2mBM301 case-number-missing:${ESC}22m`);
    expect(r.stderr).toContain(`${ESC}33mAttention:`);
    const f = run(['validate', '--cases', la('cases.csv'), '--config', 'nope.yaml'], { FORCE_COLOR: '1' });
    expect(f.stderr).toContain(`${ESC}1m${ESC}31mfatal${ESC}39m${ESC}22m ${ESC}2mBM120`);
  });

  test('a rejected row is a red error', () => {
    const r = run(['validate', '--cases', bad('dates.csv'), '--config', bad('config.yaml'), '--preset', 'gogen', '--as-of', '2026-11-26'], { FORCE_COLOR: '1' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${ESC}31merror${ESC}39m ${ESC}2mBM204`);
  });

  test('NO_COLOR turns it off; FORCE_COLOR=0 too', () => {
    for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '0' }] as Array<Record<string, string>>) expect(run(['validate', ...base()], env).stderr).not.toContain(ESC);
  });

  test('never inside --json', () => {
    const r = run(['validate', ...base(), '--json'], { FORCE_COLOR: '1' });
    expect(r.stdout).not.toContain(ESC);
    expect(report(r.stdout).ok).toBe(true);
  });
});

describe('the words of the human output', () => {
  test('rows sent to review are "review", rejected rows "error", and the summary has real plurals', () => {
    const r = run(['validate', '--cases', bad('dates.csv'), '--config', bad('config.yaml'), '--preset', 'gogen', '--as-of', '2026-11-26']);
    expect(r.stderr).toMatch(/dates\.csv:\d+ \(column "[^"]+"\): error BM204 invalid-date:/);
    const la = run(['validate', ...base()]);
    expect(la.stderr).toMatch(/cases\.csv:\d+ \(column "Case Number"\): review BM301 case-number-missing:/);
    expect(la.stderr).not.toMatch(/ error BM3\d\d /);
    expect(la.stdout).toContain('challenged: 7 cases (12 rows) = 7 in 1 notice of challenge (ok)');
    expect(la.stdout).toMatch(/ in 1 notice; /);
    expect(la.stderr).toContain('Attention: 18 rows need review and 0 rows were rejected;');
    expect(la.stdout + la.stderr).not.toContain('(s)');
  });
});

describe('--help', () => {
  test('shows examples, every exit code and where the docs are', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(/^ {2}\$ bulk-motions generate --cases \S+ --config \S+ --out \S+$/m);
    for (const code of ['0', '1', '2', '3']) expect(r.stdout).toMatch(new RegExp(`^  ${code}  \\S`, 'm'));
    expect(r.stdout).toContain('README.md and docs/');
  });

  test('as wide as the terminal, up to 120 columns, with example commands whole', () => {
    const wide = run(['generate', '--help'], { COLUMNS: '200' }).stdout.split('\n');
    expect(Math.max(...wide.map((l) => l.length))).toBeLessThanOrEqual(120);
    expect(Math.max(...wide.map((l) => l.length))).toBeGreaterThan(100);
    expect(wide).toContain('  $ bulk-motions generate --cases list.csv --config c.yaml --out out --as-of 2026-11-26 --format docx');
    const narrow = run(['generate', '--help'], { COLUMNS: '' }).stdout.split('\n');
    expect(Math.max(...narrow.map((l) => l.length))).toBeLessThanOrEqual(80);
  });
});
