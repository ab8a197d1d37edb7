/**
 * validate and generate on the terminal: the engine does the work; this
 * prints what it reports (progress bars, diagnostics, the plan, the summary)
 * and returns the exit code.
 */
import type { Diagnostic } from '../diagnostics/catalog';
import type { Format } from '../documents';
import { generate, validate } from '../engine/run';
import type { RunEvent, RunResult, ValidateOptions } from '../engine/types';
import { printDiagnostics, printPlan, printReconciliation } from './print';
import { Progress } from './progress';

export const EXIT = { ok: 0, fatal: 1, usage: 2, attention: 3 } as const;

export interface RunArgs extends ValidateOptions {
  json: boolean;
  quiet: boolean;
}

export async function runCommand(args: RunArgs, generating?: { formats: Format[]; threads?: number; draft?: boolean; packets?: boolean }): Promise<number> {
  const log = (s: string) => (args.json || args.quiet ? undefined : process.stdout.write(s + '\n'));
  const err = (s: string) => process.stderr.write(s + '\n');
  const progress = new Progress(!args.quiet && !args.json && Boolean(process.stderr.isTTY));
  const printed = new Set<unknown>();
  const print = (ds: readonly Diagnostic[]) => {
    progress.stop();
    printDiagnostics(ds.filter((d) => !printed.has(d)), err);
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
      log(e.report.identical ? 'Changes: none since the previous run.' : `Changes: ${e.report.filings.filter((f) => f.status !== 'unchanged').length} filing(s) changed; see changes.md`);
    }
  };
  const { json: _json, quiet: _quiet, ...options } = args;
  const result = await (generating ? generate({ ...options, out: args.out!, format: generating.formats, ...(generating.threads !== undefined ? { threads: generating.threads } : {}), ...(generating.draft ? { draft: true } : {}), ...(generating.packets ? { packets: true } : {}) }, { event }) : validate(options, { event }));
  progress.stop();
  if (args.json) process.stdout.write(JSON.stringify(jsonReport(result, Boolean(generating)), null, 2) + '\n');
  if (!result.ok) {
    if (!args.json) {
      print(result.diagnostics);
      err(result.stoppedAt === 'templates' ? 'Stopped: no documents were written. Fix the template errors above and run again.' : 'Stopped: nothing was written. Fix the errors above and run again.');
    }
    return EXIT.fatal;
  }
  if (result.written) log(`Wrote ${result.written} files to ${args.out}${result.kept ? ` (${result.kept} unchanged filing(s) kept from the previous run)` : ''}`);
  const c = result.counts!;
  const notices = result.filings.filter((f) => f.challenge).length;
  log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${c.inputRows.toLocaleString('en-US')} rows, ${c.filedCases.toLocaleString('en-US')} cases filed in ${c.filings - notices} filings${c.challengedCases ? `, ${c.challengedCases.toLocaleString('en-US')} challenged in ${notices} notice(s)` : ''}${result.documents ? `, ${result.documents.length} documents` : ''}${result.packets ? `, ${result.packets.length} office packets in packets/` : ''}; ${c.excludedRows} excluded, ${c.reviewRows} to review, ${c.rejectedRows} rejected${c.struckCases ? `, ${c.struckCases} struck` : ''}.`);
  if (result.exitCode === EXIT.attention && !args.json) {
    err(`Attention: ${c.reviewRows} row(s) need review and ${c.rejectedRows} row(s) were rejected; see review.csv and rejects.csv${args.out ? ` in ${args.out}` : ' (use --out to write them)'}.`);
  }
  return result.exitCode;
}

/** The --json report: the same fields every version has printed, and the documents for generate. */
function jsonReport(r: RunResult, generating: boolean) {
  return {
    ok: r.ok,
    counts: r.counts,
    reconciliation: r.reconciliation,
    filings: r.filings,
    diagnostics: r.diagnostics,
    ...(generating && r.ok ? { documents: r.documents ?? [] } : {}),
    ...(r.packets ? { packets: r.packets } : {}),
  };
}
