/**
 * The two identities that prove nothing was lost or filed twice:
 *   input rows  = filed rows + challenged rows + excluded rows + review rows + rejected rows (+ struck rows)
 *   filed cases = the sum of the filings' sizes (each case in exactly one filing)
 */
import type { StruckCase } from '../edits/apply';
import type { IngestResult } from '../ingest/types';
import { motionFilings, type Plan } from './index';
import { num as fmt, plural } from '../words';

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
  /** Rows the office challenges (HS 11361.9), listed in the notices of challenge and challenged.csv. */
  challengedRows: number;
  /** Cases in the notices of challenge. */
  challengedCases: number;
  /** Of the struck cases, those whose challenge the edits file withdrew (counted in struckCases and struckRows, not in challengedRows). */
  struckChallengedCases: number;
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

/**
 * `challenged`: the rows the challenge split took out of excluded (src/challenge); the notices in the plan
 * must hold exactly those.
 */
export function reconcile(ingest: IngestResult, plan: Plan, struck: readonly StruckCase[] = [], resolved: ResolvedCounts = { rows: 0, filed: 0, excluded: 0 }, challenged = 0): Reconciliation {
  const struckRows = struck.reduce((n, s) => n + s.record.sources.length, 0);
  // A struck challenged case was taken out of excluded into `challenged`, not out of the filed rows.
  const withdrawn = struck.filter((s) => s.record.challenge);
  const withdrawnRows = withdrawn.reduce((n, s) => n + s.record.sources.length, 0);
  const motions = motionFilings(plan);
  const notices = plan.filings.filter((f) => f.challenge);
  const inFilings = motions.reduce((n, f) => n + f.caseCount, 0);
  const rowsInFilings = motions.reduce((n, f) => n + f.rowCount, 0);
  const rowsInNotices = notices.reduce((n, f) => n + f.rowCount, 0);
  const casesInNotices = notices.reduce((n, f) => n + f.caseCount, 0);
  const counts: Counts = {
    inputRows: ingest.inputRows,
    filedRows: ingest.filedRows - (struckRows - withdrawnRows),
    excludedRows: ingest.excluded.length,
    reviewRows: ingest.review.length,
    rejectedRows: ingest.rejected.length,
    struckRows,
    filedCases: ingest.cases.length - (struck.length - withdrawn.length),
    struckCases: struck.length,
    filings: plan.filings.length,
    resolvedRows: resolved.rows,
    challengedRows: challenged - withdrawnRows,
    challengedCases: casesInNotices,
    struckChallengedCases: withdrawn.length,
  };
  const seen = new Set<string>();
  let duplicates = 0;
  for (const f of motions) {
    for (const c of f.cases) {
      const k = `${c.court}\u0000${c.caseNumber}`;
      if (seen.has(k)) duplicates++;
      seen.add(k);
    }
  }
  const noticeKeys = new Set<string>();
  for (const f of notices) for (const c of f.cases) noticeKeys.add(`${c.court}\u0000${c.caseNumber}`);
  const challengedOk = rowsInNotices === counts.challengedRows && noticeKeys.size === casesInNotices;
  const accounted = counts.filedRows + counts.challengedRows + counts.excludedRows + counts.reviewRows + counts.rejectedRows + counts.struckRows;
  const resolvedOk = resolved.rows === resolved.filed + resolved.excluded && resolved.filed <= ingest.filedRows && resolved.excluded <= counts.excludedRows;
  const rowsOk = accounted === counts.inputRows && rowsInFilings === counts.filedRows && resolvedOk && challengedOk;
  const casesOk = inFilings === counts.filedCases && duplicates === 0 && seen.size === counts.filedCases;
  return {
    counts,
    ok: rowsOk && casesOk,
    lines: [
      `rows:  ${fmt(counts.inputRows)} input = ${fmt(counts.filedRows)} filed + ${counts.challengedRows ? `${fmt(counts.challengedRows)} challenged + ` : ''}${fmt(counts.excludedRows)} excluded + ${fmt(counts.reviewRows)} review + ${fmt(counts.rejectedRows)} rejected${counts.struckRows ? ` + ${fmt(counts.struckRows)} struck` : ''} ${rowsOk ? '(ok)' : `(MISMATCH: ${fmt(accounted)} accounted for, ${fmt(rowsInFilings)} rows in filings, ${fmt(rowsInNotices)} in notices of challenge)`}`,
      ...(resolved.rows ? [`resolved: ${plural(resolved.rows, 'review row')} answered = ${fmt(resolved.filed)} filed + ${fmt(resolved.excluded)} excluded (counted above) ${resolvedOk ? '(ok)' : '(MISMATCH)'}`] : []),
      `cases: ${fmt(counts.filedCases)} filed = ${motions.map((f) => fmt(f.caseCount)).join(' + ') || '0'} in ${plural(motions.length, 'filing')} ${casesOk ? '(ok)' : `(MISMATCH: ${fmt(inFilings)} in filings, ${duplicates} duplicated)`}`,
      ...(notices.length || challenged ? [`challenged: ${plural(casesInNotices, 'case')} (${plural(rowsInNotices, 'row')}) = ${notices.map((f) => fmt(f.caseCount)).join(' + ') || '0'} in ${plural(notices.length, 'notice')} of challenge ${challengedOk ? '(ok)' : '(MISMATCH)'}`] : []),
    ],
  };
}
