/**
 * The review rows of a run as a table a caller can page through, and a
 * person's answers written back as the resolutions file `--resolved` reads
 * (the public review.csv with its answer columns filled in; docs/review.md).
 * The web page's review step is built on these; they are pure.
 */
import Papa from 'papaparse';
import type { Diagnostic } from '../diagnostics/catalog';
import { rowFields, type ListedRow } from '../ingest/types';
import { listingCsv } from '../output/tables';
import { personalColumns } from '../output/personal';
import type { PipelineResult } from '../pipeline';
import { rowKey } from '../resolve/key';
import { ANSWER_COLUMNS, type Decision } from '../resolve/parse';

/** One answer, the answer columns of review.csv in our words. */
export interface Answer {
  /** '' is "file" when a correction is given (as in the CSV). */
  decision: '' | Decision;
  caseNumber: string;
  caseType: string;
  relief: string;
  court: string;
  note: string;
}

export const ANSWER_FIELDS = ['decision', 'caseNumber', 'caseType', 'relief', 'court', 'note'] as const;

/** Where an answered row went, as the run that read the answer says. */
export type ReviewOutcome = { filed: { court: string; caseNumber: string } } | { excluded: true };

export interface ReviewRow {
  /** The row's key (review.csv's row_key): what an answer is filed under. */
  key: string;
  file: string;
  line: number;
  code: string;
  reason: string;
  fix: string;
  flags: string[];
  /** The row's original header and cells (every column, personal ones included: this is the working view). */
  header: readonly string[];
  cells: string[];
  /** Set when this run read an answer for the row. */
  outcome?: ReviewOutcome;
}

/**
 * Every row a person can answer in this run: those still in review and those an answer took out of it,
 * in review.csv's order (file, then line).
 */
export function reviewRows(p: PipelineResult): ReviewRow[] {
  const personal = personalColumns(p.config);
  const listed: Array<{ row: ListedRow; outcome?: ReviewOutcome }> = [...(p.ingest?.review ?? []).map((row) => ({ row })), ...(p.resolved ?? []).map((r) => ({ row: r.row, outcome: r.outcome }))];
  listed.sort((a, b) => (a.row.raw.ref.file === b.row.raw.ref.file ? a.row.raw.ref.line - b.row.raw.ref.line : a.row.raw.ref.file < b.row.raw.ref.file ? -1 : 1));
  return listed.map(({ row, outcome }) => {
    const cells = rowFields(row.raw);
    return {
      key: rowKey(row.raw.header, cells, personal),
      file: row.raw.ref.file,
      line: row.raw.ref.line,
      code: row.diagnostic.code,
      reason: row.diagnostic.message,
      fix: row.diagnostic.hint ?? '',
      flags: row.flags ?? [],
      header: row.raw.header,
      cells,
      ...(outcome ? { outcome } : {}),
    };
  });
}

/** The review rows as ListedRows, for writing the answers file. */
function listedRows(p: PipelineResult): ListedRow[] {
  return [...(p.ingest?.review ?? []), ...(p.resolved ?? []).map((r) => r.row)];
}

const COLUMN_OF: Record<(typeof ANSWER_FIELDS)[number], (typeof ANSWER_COLUMNS)[number]> = {
  decision: 'decision',
  caseNumber: 'resolve_case_number',
  caseType: 'resolve_case_type',
  relief: 'resolve_relief',
  court: 'resolve_court',
  note: 'resolve_note',
};

/** True when the answer says something (a decision or a correction). */
export const answered = (a: Answer) => ANSWER_FIELDS.some((f) => a[f].trim() !== '');

/**
 * The resolutions file: the public review.csv of these rows (the same columns, personal cells emptied), with
 * each answered row's answer columns filled in. `--resolved` reads it as it reads a review.csv a person
 * answered in a spreadsheet.
 */
export function answersCsv(p: PipelineResult, answers: ReadonlyMap<string, Answer>): string {
  const personal = personalColumns(p.config);
  const text = listingCsv(listedRows(p), false, { flags: true, answers: personal, redact: personal });
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const at = new Map(header!.map((h, i) => [h, i]));
  const keyAt = at.get('row_key')!;
  for (const r of rows) {
    const a = answers.get(r[keyAt]!);
    if (!a || !answered(a)) continue;
    for (const f of ANSWER_FIELDS) r[at.get(COLUMN_OF[f])!] = a[f].trim();
  }
  // The cells were escaped once already (a leading '): written again as they are read.
  return Papa.unparse({ fields: header!, data: rows }, { escapeFormulae: true, newline: '\r\n' }) + '\r\n';
}

/** An empty answer. */
export const noAnswer = (): Answer => ({ decision: '', caseNumber: '', caseType: '', relief: '', court: '', note: '' });

/** The diagnostics an answers file raised (BM807-BM811), by the row_key of the line they name. */
export function answerProblems(csv: string, diagnostics: readonly Diagnostic[], file: string): Map<string, Diagnostic[]> {
  const lines = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
  const keyAt = lines[0]?.indexOf('row_key') ?? -1;
  const out = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.file !== file || d.line === undefined || keyAt < 0) continue;
    const key = lines[d.line - 1]?.[keyAt];
    if (key === undefined) continue;
    out.set(key, [...(out.get(key) ?? []), d]);
  }
  return out;
}
