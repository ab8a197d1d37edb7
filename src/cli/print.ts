/**
 * Human-readable output for the terminal. Diagnostics are grouped by code
 * and capped, since a county-wide list can raise thousands of the same one.
 */
import { formatDiagnostic, isConfigCode, PLAIN, type Diagnostic, type Paint } from '../diagnostics/catalog';
import type { RunResult } from '../engine/types';
import type { PipelineResult } from '../pipeline';
import type { Counts } from '../plan/reconcile';
import { flagSummary } from '../output/manifest';
import { noun, num, plural } from '../words';

const PER_CODE = 10;

export function printDiagnostics(ds: readonly Diagnostic[], write: (s: string) => void, paint: Paint = PLAIN): void {
  const byCode = new Map<string, Diagnostic[]>();
  for (const d of ds) {
    const list = byCode.get(d.code) ?? [];
    list.push(d);
    byCode.set(d.code, list);
  }
  for (const [code, list] of [...byCode.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // Every problem with the config is shown: each is a key to fix, and there are few.
    const cap = isConfigCode(list[0]!.code) ? list.length : PER_CODE;
    for (const d of list.slice(0, cap)) write(formatDiagnostic(d, paint));
    if (list.length > cap) write(paint.dim(`  ... and ${num(list.length - cap)} more ${code} (${list[0]!.name}); every row is listed in the CSV files in --out`));
  }
}

export function printPlan(r: PipelineResult, write: (s: string) => void): void {
  if (!r.plan || !r.config) return;
  const agencyName = new Map(r.config.agencies.map((a) => [a.id, a.name]));
  write('Filings:');
  const width = Math.max(...r.plan.filings.map((f) => f.id.length), 10);
  for (const f of r.plan.filings) {
    write(`  ${f.id.padEnd(width)}  ${num(f.caseCount).padStart(7)} ${noun(f.caseCount, 'case ', 'cases')}  ${agencyName.get(f.agency) ?? f.agency}${f.challenge ? '  (notice of challenge)' : ''}`);
  }
  if (r.plan.filings.length === 0) write('  (none)');
  // The screening's flags, counted by where their cases went (index.csv and review.csv name them case by case).
  const flags = Object.entries(flagSummary(r)).filter(([, n]) => n.filed + n.review + n.excluded > 0);
  if (flags.length) {
    write('Flags (cases):');
    for (const [f, n] of flags) write(`  ${f.padEnd(width)}  ${num(n.filed)} filed, ${num(n.review)} in review, ${num(n.excluded)} excluded`);
  }
}

export function printReconciliation(r: PipelineResult, write: (s: string) => void): void {
  if (!r.reconciliation) return;
  write('Reconciliation:');
  for (const l of r.reconciliation.lines) write(`  ${l}`);
}

/** The closing summary: what was made, then what was left out. */
export function doneLine(r: Pick<RunResult, 'counts' | 'filings' | 'documents' | 'packets'>, seconds: number): string {
  const c = r.counts!;
  const notices = r.filings.filter((f) => f.challenge).length;
  const made = [
    `${plural(c.inputRows, 'row')}, ${plural(c.filedCases, 'case')} filed in ${plural(c.filings - notices, 'filing')}`,
    ...(c.challengedCases ? [`${num(c.challengedCases)} challenged in ${plural(notices, 'notice')}`] : []),
    ...(r.documents ? [plural(r.documents.length, 'document')] : []),
    ...(r.packets ? [`${plural(r.packets.length, 'office packet')} in packets/`] : []),
  ];
  const left = [`${num(c.excludedRows)} excluded`, `${num(c.reviewRows)} to review`, `${num(c.rejectedRows)} rejected`, ...(c.struckCases ? [`${num(c.struckCases)} struck`] : [])];
  return `Done in ${seconds.toFixed(1)} s: ${made.join(', ')}; ${left.join(', ')}.`;
}

/** Why the exit code is 3: rows a person must see. */
export function attentionLine(c: Counts, out: string | undefined): string {
  return `Attention: ${plural(c.reviewRows, 'row')} ${noun(c.reviewRows, 'needs', 'need')} review and ${plural(c.rejectedRows, 'row')} ${noun(c.rejectedRows, 'was', 'were')} rejected; see review.csv and rejects.csv${out ? ` in ${out}` : ' (use --out to write them)'}.`;
}
