/**
 * main() in-process, for what cannot be caused from outside: a bug inside a
 * command. With --json it is still exactly one report on stdout (BM902), and
 * no stack trace without --debug.
 */
import { main } from '../src/cli';
import { style } from '../src/cli/color';

jest.mock('../src/cli/run', () => ({
  ...jest.requireActual('../src/cli/run'),
  runCommand: jest.fn(async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'filings')");
  }),
}));

const plain = { out: style(false), err: style(false) };

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  return { out, err, restore: () => (o.mockRestore(), e.mockRestore()) };
}

const args = ['validate', '--cases', 'a.csv', '--config', 'c.yaml', '--as-of', '2026-11-26'];

test('an internal error with --json: one report, BM902, exit 1, and the bug named on stderr', async () => {
  const c = capture();
  const code = await main([...args, '--json'], plain).finally(c.restore);
  expect(code).toBe(1);
  const report = JSON.parse(c.out.join(''));
  expect(report).toMatchObject({ ok: false, exitCode: 1, counts: null, filings: [] });
  expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'BM902', name: 'internal-error', message: "Cannot read properties of undefined (reading 'filings')", hint: expect.stringContaining('--debug') })]);
  expect(c.err.join('')).toContain('This is a bug in bulk-motions');
  expect(c.err.join('')).not.toContain('    at ');
});

test('without --json: nothing on stdout; the stack only with --debug', async () => {
  const c = capture();
  expect(await main(args, plain).finally(c.restore)).toBe(1);
  expect(c.out.join('')).toBe('');
  const d = capture();
  expect(await main([...args, '--debug'], plain).finally(d.restore)).toBe(1);
  expect(d.err.join('')).toContain('    at ');
});
