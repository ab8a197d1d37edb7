/**
 * The two identities that prove nothing was lost or filed twice:
 *   input rows  = filed rows + excluded rows + review rows + rejected rows
 *   filed cases = the sum of the filings' sizes (each case in exactly one filing)
 */
import type { StruckCase } from '../edits/apply';
import type { IngestResult } from '../ingest/types';
import type { Plan } from './index';

export interface Counts {
  inputRows: number;
  filedRows: number;
  excludedRows: number;
  reviewRows: number;
  rejectedRows: number;
  /** Rows of cases struck by the edits file (listed in struck.csv). */
  struckRows: number;
  filedCases: number;
  struckCases: number;
  filings: number;
  /** Review rows a person answered (--resolved): already counted among the filed or excluded rows. */
  resolvedRows: number;
}

export interface Reconciliation {
  counts: Counts;
  ok: boolean;
  /** Human-readable statements of the identities, true or not. */
  lines: string[];
}

/** What --resolved did: rows answered, and how many of them were filed and how many excluded. */
export interface ResolvedCounts {
  rows: number;
  filed: number;
  excluded: number;
}

export function reconcile(ingest: IngestResult, plan: Plan, struck: readonly StruckCase[] = [], resolved: ResolvedCounts = { rows: 0, filed: 0, excluded: 0 }): Reconciliation {
  const struckRows = struck.reduce((n, s) => n + s.record.sources.length, 0);
  const inFilings = plan.filings.reduce((n, f) => n + f.caseCount, 0);
  const rowsInFilings = plan.filings.reduce((n, f) => n + f.rowCount, 0);
  const counts: Counts = {
    inputRows: ingest.inputRows,
    filedRows: ingest.filedRows - struckRows,
    excludedRows: ingest.excluded.length,
    reviewRows: ingest.review.length,
    rejectedRows: ingest.rejected.length,
    struckRows,
    filedCases: ingest.cases.length - struck.length,
    struckCases: struck.length,
    filings: plan.filings.length,
    resolvedRows: resolved.rows,
  };
  const seen = new Set<string>();
  let duplicates = 0;
  for (const f of plan.filings) {
    for (const c of f.cases) {
      const k = `${c.court}\u0000${c.caseNumber}`;
      if (seen.has(k)) duplicates++;
      seen.add(k);
    }
  }
  const accounted = counts.filedRows + counts.excludedRows + counts.reviewRows + counts.rejectedRows + counts.struckRows;
  const resolvedOk = resolved.rows === resolved.filed + resolved.excluded && resolved.filed <= ingest.filedRows && resolved.excluded <= counts.excludedRows;
  const rowsOk = accounted === counts.inputRows && rowsInFilings === counts.filedRows && resolvedOk;
  const casesOk = inFilings === counts.filedCases && duplicates === 0 && seen.size === counts.filedCases;
  const fmt = (n: number) => n.toLocaleString('en-US');
  return {
    counts,
    ok: rowsOk && casesOk,
    lines: [
      `rows:  ${fmt(counts.inputRows)} input = ${fmt(counts.filedRows)} filed + ${fmt(counts.excludedRows)} excluded + ${fmt(counts.reviewRows)} review + ${fmt(counts.rejectedRows)} rejected${counts.struckRows ? ` + ${fmt(counts.struckRows)} struck` : ''} ${rowsOk ? '(ok)' : `(MISMATCH: ${fmt(accounted)} accounted for, ${fmt(rowsInFilings)} rows in filings)`}`,
      ...(resolved.rows ? [`resolved: ${fmt(resolved.rows)} review rows answered = ${fmt(resolved.filed)} filed + ${fmt(resolved.excluded)} excluded (counted above) ${resolvedOk ? '(ok)' : '(MISMATCH)'}`] : []),
      `cases: ${fmt(counts.filedCases)} filed = ${plan.filings.map((f) => fmt(f.caseCount)).join(' + ') || '0'} in ${fmt(counts.filings)} filing${counts.filings === 1 ? '' : 's'} ${casesOk ? '(ok)' : `(MISMATCH: ${fmt(inFilings)} in filings, ${duplicates} duplicated)`}`,
    ],
  };
}
