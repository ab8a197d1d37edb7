/**
 * validate and generate on the terminal: the engine does the work; this
 * prints what it reports (progress bars, diagnostics, the plan, the summary)
 * and returns the exit code.
 */
import type { Diagnostic } from '../diagnostics/catalog';
import type { Format } from '../documents';
import { generate, validate } from '../engine/run';
import type { RunEvent, RunResult, ValidateOptions } from '../engine/types';
import { plural } from '../words';
import { terminal, type Terminal } from './color';
import { attentionLine, doneLine, printDiagnostics, printPlan, printReconciliation } from './print';
import { Progress } from './progress';
import { printJson } from './report';

export const EXIT = { ok: 0, fatal: 1, usage: 2, attention: 3 } as const;

export interface RunArgs extends ValidateOptions {
  json: boolean;
  quiet: boolean;
}

export async function runCommand(args: RunArgs, generating?: { formats: Format[]; threads?: number; draft?: boolean; packets?: boolean }, term: Terminal = terminal()): Promise<number> {
  const log = (s: string) => (args.json || args.quiet ? undefined : process.stdout.write(s + '\n'));
  const err = (s: string) => process.stderr.write(s + '\n');
  const progress = new Progress(!args.quiet && !args.json && Boolean(process.stderr.isTTY));
  const printed = new Set<unknown>();
  const print = (ds: readonly Diagnostic[]) => {
    progress.stop();
    printDiagnostics(ds.filter((d) => !printed.has(d)), err, term.err);
    for (const d of ds) printed.add(d);
  };
  const started = Date.now(); // the clock, read at the edge, for the summary line only
  const event = (e: RunEvent) => {
    if (e.type === 'progress') {
      progress.show(e);
    } else if (e.type === 'planned' && !args.json) {
      print(e.pipeline.diagnostics);
      printPlan(e.pipeline, log);
      printReconciliation(e.pipeline, log);
    } else if (e.type === 'diagnostics') {
      print(e.diagnostics);
    } else if (e.type === 'changes') {
      progress.stop();
      log(e.report.identical ? 'Changes: none since the previous run.' : `Changes: ${plural(e.report.filings.filter((f) => f.status !== 'unchanged').length, 'filing')} changed; see changes.md`);
    }
  };
  const { json: _json, quiet: _quiet, ...options } = args;
  const result = await (generating ? generate({ ...options, out: args.out!, format: generating.formats, ...(generating.threads !== undefined ? { threads: generating.threads } : {}), ...(generating.draft ? { draft: true } : {}), ...(generating.packets ? { packets: true } : {}) }, { event }) : validate(options, { event }));
  progress.stop();
  if (args.json) printJson(jsonReport(result, Boolean(generating)));
  if (!result.ok) {
    if (!args.json) {
      print(result.diagnostics);
      err(term.err.fatal(result.stoppedAt === 'templates' ? 'Stopped: no documents were written. Fix the template errors above and run again.' : 'Stopped: nothing was written. Fix the errors above and run again.'));
    }
    return EXIT.fatal;
  }
  if (result.written) log(`Wrote ${plural(result.written, 'file')} to ${args.out}${result.kept ? ` (${plural(result.kept, 'unchanged filing')} kept from the previous run)` : ''}`);
  log(doneLine(result, (Date.now() - started) / 1000));
  if (result.exitCode === EXIT.attention && !args.json) err(term.err.warn(attentionLine(result.counts!, args.out)));
  return result.exitCode;
}

/** The --json report: the same fields every version has printed, and the documents for generate. */
function jsonReport(r: RunResult, generating: boolean) {
  return {
    ok: r.ok,
    exitCode: r.exitCode,
    counts: r.counts,
    reconciliation: r.reconciliation,
    filings: r.filings,
    diagnostics: r.diagnostics,
    ...(generating && r.ok ? { documents: r.documents ?? [] } : {}),
    ...(r.packets ? { packets: r.packets } : {}),
  };
}
