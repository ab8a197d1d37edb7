/**
 * The pieces of the terminal output, one by one: when to colour, the words
 * for a diagnostic, numbers and plurals, the checks of --as-of and --threads,
 * the nearest option, the help's width, and the summary lines.
 */
import { colorEnabled, style, terminal } from '../src/cli/color';
import { helpWidth } from '../src/cli/help';
import { attentionLine, doneLine, printDiagnostics } from '../src/cli/print';
import { failureReport, wantsJson } from '../src/cli/report';
import { asOfDate, nearest, threadsOf, unknownOptionError, unknownOptions, UsageError } from '../src/cli/usage';
import { diag, formatDiagnostic, labelOf, PLAIN } from '../src/diagnostics/catalog';
import type { Counts } from '../src/plan/reconcile';
import { noun, num, plural } from '../src/words';

const ESC = '\u001b[';

describe('colour is decided by the stream and the environment', () => {
  const tty = { isTTY: true };
  const piped = { isTTY: false };
  test.each([
    ['a terminal', tty, {}, true],
    ['a pipe', piped, {}, false],
    ['a stream that does not say', {}, {}, false],
    ['NO_COLOR on a terminal', tty, { NO_COLOR: '1' }, false],
    ['NO_COLOR empty is not set', tty, { NO_COLOR: '' }, true],
    ['TERM=dumb', tty, { TERM: 'dumb' }, false],
    ['FORCE_COLOR on a pipe', piped, { FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR=true', piped, { FORCE_COLOR: 'true' }, true],
    ['FORCE_COLOR=0 on a terminal', tty, { FORCE_COLOR: '0' }, false],
    ['FORCE_COLOR=false', tty, { FORCE_COLOR: 'false' }, false],
    ['FORCE_COLOR empty is not set', piped, { FORCE_COLOR: '' }, false],
    ['FORCE_COLOR wins over NO_COLOR', piped, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
  ] as const)('%s', (_name, stream, env, on) => {
    expect(colorEnabled(stream, env as NodeJS.ProcessEnv)).toBe(on);
  });

  test('standard output and standard error are decided each for itself', () => {
    const t = terminal({}, { stdout: { isTTY: false }, stderr: { isTTY: true } });
    expect(t.out.warn('x')).toBe('x');
    expect(t.err.warn('x')).toBe(`${ESC}33mx${ESC}39m`);
  });
});

describe('a diagnostic says what happens to its row', () => {
  const review = diag('BM301', { file: 'a.csv', line: 4, column: 'Case Number' }, 'the case number is blank', 'find it');
  const reject = diag('BM204', { file: 'a.csv', line: 5, column: 'DISP_DATE' }, 'not a date');
  const fatal = diag('BM120', { file: 'la.yaml' }, 'no such file: the config (--config)', 'check the path');
  const warning = diag('BM501', { file: 'a.csv', line: 6 }, 'normalised');
  const info = diag('BM401', {}, '2 rows excluded');

  test('review, error, fatal, warning, info', () => {
    expect([review, reject, fatal, warning, info].map(labelOf)).toEqual(['review', 'error', 'fatal', 'warning', 'info']);
    // JSON keeps its fields: a review row's severity is still "error", its outcome "review".
    expect(review).toMatchObject({ severity: 'error', outcome: 'review' });
    expect(formatDiagnostic(review)).toBe('a.csv:4 (column "Case Number"): review BM301 case-number-missing: the case number is blank\n    fix: find it');
    expect(formatDiagnostic(reject)).toBe('a.csv:5 (column "DISP_DATE"): error BM204 invalid-date: not a date');
  });

  test('plain without colour; coloured by label with it, the code dim', () => {
    expect(formatDiagnostic(fatal, style(false))).toBe(formatDiagnostic(fatal, PLAIN));
    expect(formatDiagnostic(fatal, style(true))).toBe(`la.yaml: ${ESC}1m${ESC}31mfatal${ESC}39m${ESC}22m ${ESC}2mBM120 file-not-found:${ESC}22m no such file: the config (--config)\n    ${ESC}2mfix:${ESC}22m check the path`);
    expect(formatDiagnostic(review, style(true))).toContain(`${ESC}33mreview${ESC}39m`);
    expect(formatDiagnostic(reject, style(true))).toContain(`${ESC}31merror${ESC}39m`);
    expect(formatDiagnostic(warning, style(true))).toContain(`${ESC}33mwarning${ESC}39m`);
  });

  test('the "... and N more" line counts with a thousands separator', () => {
    const lines: string[] = [];
    printDiagnostics(Array.from({ length: 1210 }, (_, i) => diag('BM301', { file: 'a.csv', line: i + 2 }, 'blank')), (s) => lines.push(s));
    expect(lines.at(-1)).toBe('  ... and 1,200 more BM301 (case-number-missing); every row is listed in the CSV files in --out');
  });
});

describe('numbers and plurals', () => {
  test('one number format', () => {
    expect([0, 7, 999, 1000, 4646, 1234567].map(num)).toEqual(['0', '7', '999', '1,000', '4,646', '1,234,567']);
  });

  test('real plurals', () => {
    expect(plural(0, 'case')).toBe('0 cases');
    expect(plural(1, 'case')).toBe('1 case');
    expect(plural(4646, 'row')).toBe('4,646 rows');
    expect(plural(1, 'office packet')).toBe('1 office packet');
    expect(plural(2, 'agency', 'agencies')).toBe('2 agencies');
    expect([noun(1, 'is', 'are'), noun(2, 'is', 'are')]).toEqual(['is', 'are']);
  });

  const counts = (over: Partial<Counts>): Counts => ({ inputRows: 0, filedRows: 0, excludedRows: 0, reviewRows: 0, rejectedRows: 0, struckRows: 0, filedCases: 0, struckCases: 0, filings: 0, resolvedRows: 0, challengedRows: 0, challengedCases: 0, struckChallengedCases: 0, ...over }) as Counts;

  test('the summary line: thousands separated, singular where one', () => {
    const c = counts({ inputRows: 12345, filedCases: 1, filings: 2, excludedRows: 4646, reviewRows: 1, rejectedRows: 1001, challengedCases: 1 });
    const line = doneLine({ counts: c, filings: [{ challenge: true }, {}] as never, documents: [{}] as never }, 2.04);
    expect(line).toBe('Done in 2.0 s: 12,345 rows, 1 case filed in 1 filing, 1 challenged in 1 notice, 1 document; 4,646 excluded, 1 to review, 1,001 rejected.');
    expect(attentionLine(c, 'out')).toBe('Attention: 1 row needs review and 1,001 rows were rejected; see review.csv and rejects.csv in out.');
    expect(attentionLine(counts({ reviewRows: 2, rejectedRows: 1 }), undefined)).toBe('Attention: 2 rows need review and 1 row was rejected; see review.csv and rejects.csv (use --out to write them).');
  });
});

describe('values the parser cannot check', () => {
  const today = '2026-11-26';
  test('--as-of: a real date, not after today unless allowed; today by default', () => {
    expect(asOfDate(undefined, today)).toBe(today);
    expect(asOfDate('2026-11-26', today)).toBe('2026-11-26');
    expect(asOfDate('2024-02-29', today)).toBe('2024-02-29');
    expect(() => asOfDate('2026-11-27', today)).toThrow(/after today \(2026-11-26\)/);
    expect(asOfDate('2026-11-27', today, true)).toBe('2026-11-27');
    for (const v of ['2025-02-29', '2026-13-01', '2026-1-5', '20261126', ' 2026-11-26', '2026-11-26 ', '2026/11/26', '']) expect(() => asOfDate(v, today, true)).toThrow(UsageError);
  });

  test('--threads: 1 or 2', () => {
    expect([threadsOf(1), threadsOf(2)]).toEqual([1, 2]);
    for (const v of [0, 3, 1.5, -1, NaN, '2']) expect(() => threadsOf(v)).toThrow(/use 1 or 2/);
  });
});

describe('did you mean', () => {
  const known = new Set(['cases', 'config', 'out', 'format', 'as-of', 'asOf', 'json', 'help', 'version', 'allow-future-date']);

  test('the options a command does not know', () => {
    expect(unknownOptions(['--cases', 'a.csv', '--ouput', 'x', '--json'], known)).toEqual(['ouput']);
    expect(unknownOptions(['--ouput=x', '--no-json', '--asOf', 'd'], known)).toEqual(['ouput']);
    expect(unknownOptions(['--cases', '-1', '--', '--anything'], known)).toEqual([]);
    expect(unknownOptions(['-x'], known)).toEqual(['x']);
  });

  test('the nearest, only when near', () => {
    expect(nearest('ouput', [...known])).toBe('out');
    expect(nearest('case', [...known])).toBe('cases');
    expect(nearest('allow-future', [...known])).toBe('allow-future-date');
    expect(nearest('zzzzzz', [...known])).toBeUndefined();
    const e = unknownOptionError(['ouput'], known);
    expect([e.message, e.suggestion]).toEqual(['Unknown option --ouput', 'Did you mean --out?']);
    expect(unknownOptionError(['zzzzzz'], known).suggestion).toBeUndefined();
  });
});

describe('--json and --help', () => {
  test('--json is seen before the options parser, the last of --json/--no-json winning', () => {
    expect(wantsJson(['validate', '--json'])).toBe(true);
    expect(wantsJson(['validate', '--json', '--no-json'])).toBe(false);
    expect(wantsJson(['validate', '--', '--json'])).toBe(false);
    expect(wantsJson(['validate'])).toBe(false);
  });

  test('a failure report has the shape of a run report', () => {
    expect(failureReport(2, [])).toEqual({ ok: false, exitCode: 2, counts: null, reconciliation: [], filings: [], diagnostics: [] });
  });

  test('help as wide as the terminal, up to 120 columns; 80 when not known', () => {
    expect(helpWidth(200)).toBe(120);
    expect(helpWidth(100)).toBe(100);
    expect(helpWidth(undefined, {})).toBe(80);
    expect(helpWidth(undefined, { COLUMNS: '150' })).toBe(120);
    expect(helpWidth(undefined, { COLUMNS: '90' })).toBe(90);
  });
});
