/**
 * The --json report on stdout: exactly one per run, whatever happens. A run
 * prints its own; a run that never got that far (a usage error, a bug) gets
 * this failure report, of the same shape, from main.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';

let printed = false;

export function printJson(report: object): void {
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  printed = true;
}

/** Whether this process has printed its report yet. */
export const jsonPrinted = (): boolean => printed;

/** The report of a run that stopped before it could report: ok false, no counts, its diagnostics. */
export function failureReport(exitCode: number, diagnostics: Diagnostic[]) {
  return { ok: false, exitCode, counts: null, reconciliation: [], filings: [], diagnostics };
}

export const usageDiagnostic = (message: string, suggestion: string | undefined, help: string): Diagnostic => diag('BM124', {}, message, [suggestion, help].filter(Boolean).join(' '));

export const internalDiagnostic = (message: string): Diagnostic =>
  diag('BM902', {}, message, 'this is a bug in bulk-motions, not a problem with your files: run again with --debug and report what it prints');

/** --json anywhere before `--` (the last of --json and --no-json wins). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  let json = false;
  for (const t of end < 0 ? argv : argv.slice(0, end)) {
    if (t === '--json' || t === '--json=true') json = true;
    else if (t === '--no-json' || t === '--json=false') json = false;
  }
  return json;
}
