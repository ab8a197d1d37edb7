/**
 * What the page is sent: the plan as numbers and tables, the diagnostics
 * grouped by code, the review rows a page at a time. File paths in the working
 * folder are shown by the name the user's file had.
 */
import { CATALOG, isConfigCode, type Diagnostic, type DiagnosticCode } from '../diagnostics/catalog';
import type { Answer, ReviewRow } from '../engine/review';
import { normaliseHeader } from '../output/personal';
import type { ListedRow } from '../ingest/types';
import type { RunResult } from '../engine/types';
import type { Session } from './session';

type Named = (file: string | undefined) => string | undefined;

export const diagnosticView = (d: Diagnostic, name: Named) => ({ code: d.code, name: d.name, severity: d.severity, outcome: d.outcome, file: name(d.file), line: d.line, column: d.column, message: d.message, hint: d.hint });

/** The rows a code sent to review, exclusion or rejects, or else its diagnostics. */
function listedByCode(r: RunResult): Map<string, ListedRow[]> {
  const ingest = r.pipeline?.ingest;
  const out = new Map<string, ListedRow[]>();
  for (const row of [...(ingest?.review ?? []), ...(ingest?.excluded ?? []), ...(ingest?.rejected ?? [])]) {
    const list = out.get(row.diagnostic.code) ?? [];
    list.push(row);
    out.set(row.diagnostic.code, list);
  }
  return out;
}

export function planView(s: Session, r: RunResult) {
  const name: Named = (f) => s.nameOf(f);
  const config = r.pipeline?.config;
  const agencyName = new Map((config?.agencies ?? []).map((a) => [a.id, a.name]));
  const courtName = new Map((config?.courts ?? []).map((c) => [c.id, c.name]));
  const groups = new Map<string, { code: string; name: string; severity: string; outcome: string; diagnostics: number; rows: number }>();
  for (const d of r.diagnostics) {
    const g = groups.get(d.code) ?? { code: d.code, name: d.name, severity: d.severity, outcome: d.outcome, diagnostics: 0, rows: 0 };
    g.diagnostics++;
    groups.set(d.code, g);
  }
  for (const [code, rows] of listedByCode(r)) {
    const e = CATALOG[code as DiagnosticCode];
    const g = groups.get(code) ?? { code, name: e?.name ?? code, severity: e?.severity ?? 'error', outcome: e?.outcome ?? 'none', diagnostics: 0, rows: 0 };
    g.rows = rows.length;
    groups.set(code, g);
  }
  const config_ = r.diagnostics.filter((d) => isConfigCode(d.code));
  return {
    ok: r.ok,
    exitCode: r.exitCode,
    stoppedAt: r.stoppedAt,
    counts: r.counts,
    reconciliation: r.reconciliation,
    files: (r.pipeline?.ingest?.files ?? []).map((f) => ({ file: name(f.file), rows: f.rows })),
    filings: r.filings.map((f) => ({ ...f, agencyName: agencyName.get(f.agency) ?? f.agency, ...(f.court !== undefined ? { courtName: courtName.get(f.court) ?? f.court } : {}) })),
    groups: [...groups.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
    // Ready to file: what in the config keeps the documents from being filed (placeholders) or needs a look.
    ready: { placeholders: config_.filter((d) => d.code === 'BM511').length, config: config_.map((d) => diagnosticView(d, name)) },
    fatal: r.ok ? [] : r.diagnostics.filter((d) => d.severity === 'fatal').map((d) => diagnosticView(d, name)),
  };
}

/** One code's rows (or diagnostics), a page at a time. */
export function codeRows(s: Session, r: RunResult, code: string, offset: number, limit: number) {
  const name: Named = (f) => s.nameOf(f);
  const rows = listedByCode(r).get(code);
  if (rows) {
    const sorted = [...rows].sort((a, b) => (a.raw.ref.file === b.raw.ref.file ? a.raw.ref.line - b.raw.ref.line : a.raw.ref.file < b.raw.ref.file ? -1 : 1));
    return { code, total: sorted.length, offset, items: sorted.slice(offset, offset + limit).map((x) => ({ file: name(x.raw.ref.file), line: x.raw.ref.line, message: x.diagnostic.message, hint: x.diagnostic.hint ?? x.determination ?? '' })) };
  }
  const ds = r.diagnostics.filter((d) => d.code === code);
  return { code, total: ds.length, offset, items: ds.slice(offset, offset + limit).map((d) => ({ file: name(d.file), line: d.line, column: d.column, message: d.message, hint: d.hint ?? '' })) };
}

/** Columns shown in the review table beside the reason, first found first; every column is in the row's details. */
const SUMMARY_COLUMNS = ['case_number', 'ofn', 'stp_ori_descr', 'court', 'offense_descr', 'code_sections', 'conv_stat_descr', 'case_type', 'disp_date', 'conviction_date'];

export interface ReviewQuery {
  offset: number;
  limit: number;
  code?: string;
  status?: 'open' | 'answered' | 'all';
  sort?: 'source' | 'code' | 'status' | 'case';
  dir?: 'asc' | 'desc';
  q?: string;
}

const status = (s: Session, r: ReviewRow) => (r.outcome ? ('filed' in r.outcome ? 'filed' : 'excluded') : s.answerIssues.has(r.key) ? 'problem' : s.answers.has(r.key) ? 'answered' : 'open');

function caseOf(r: ReviewRow): string {
  for (const want of ['case_number', 'ofn']) {
    const i = r.header.findIndex((h) => normaliseHeader(h) === want);
    if (i >= 0 && (r.cells[i] ?? '').trim() !== '') return r.cells[i]!;
  }
  return '';
}

export function reviewPage(s: Session, q: ReviewQuery) {
  const name: Named = (f) => s.nameOf(f);
  const all = s.review;
  const codes = new Map<string, number>();
  for (const r of all) codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
  const needle = (q.q ?? '').trim().toLowerCase();
  let rows = all.map((r, index) => ({ r, index }));
  if (q.code) rows = rows.filter(({ r }) => r.code === q.code);
  if (q.status === 'open') rows = rows.filter(({ r }) => ['open', 'problem'].includes(status(s, r)));
  else if (q.status === 'answered') rows = rows.filter(({ r }) => !['open', 'problem'].includes(status(s, r)));
  if (needle) rows = rows.filter(({ r }) => r.cells.some((c) => c.toLowerCase().includes(needle)) || r.reason.toLowerCase().includes(needle) || String(r.line) === needle);
  const sortKey: Record<string, (x: { r: ReviewRow; index: number }) => string | number> = {
    source: (x) => x.index,
    code: (x) => x.r.code,
    status: (x) => status(s, x.r),
    case: (x) => caseOf(x.r),
  };
  const key = sortKey[q.sort ?? 'source'] ?? sortKey.source!;
  const dir = q.dir === 'desc' ? -1 : 1;
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -dir : ka > kb ? dir : 0) || a.index - b.index;
  });
  const page = rows.slice(q.offset, q.offset + q.limit);
  const header = page[0]?.r.header ?? all[0]?.header ?? [];
  const summary = SUMMARY_COLUMNS.map((c) => header.find((h) => normaliseHeader(h) === c)).filter((h): h is string => h !== undefined).slice(0, 4);
  return {
    total: rows.length,
    all: all.length,
    offset: q.offset,
    codes: [...codes].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([code, count]) => ({ code, count })),
    summary,
    rows: page.map(({ r, index }) => ({
      index,
      key: r.key,
      file: name(r.file),
      line: r.line,
      code: r.code,
      reason: r.reason,
      fix: r.fix,
      flags: r.flags,
      case: caseOf(r),
      summary: summary.map((h) => r.cells[r.header.indexOf(h)] ?? ''),
      cells: r.header.map((h, i) => [h, r.cells[i] ?? ''] as [string, string]),
      status: status(s, r),
      outcome: r.outcome,
      answer: s.answers.get(r.key) ?? null,
      problems: (s.answerIssues.get(r.key) ?? []).map((d) => diagnosticView(d, name)),
    })),
  };
}

/** A page's answer, checked for shape (the engine checks the values, as it does the CLI's). */
export function toAnswer(body: unknown): Answer {
  const b = (body ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).slice(0, 500) : '');
  const decision = str('decision');
  return { decision: decision === 'file' || decision === 'exclude' ? decision : '', caseNumber: str('caseNumber'), caseType: str('caseType'), relief: str('relief'), court: str('court'), note: str('note') };
}
