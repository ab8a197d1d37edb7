import type { Diagnostic } from '../diagnostics/catalog';
import type { CaseRecord, CaseType, Relief, SourceRef } from '../domain';

/** One physical input row as read: the file's header is shared, not copied. */
export interface RawRow {
  ref: SourceRef;
  header: readonly string[];
  fields: readonly string[];
}

/** Why a row is not fileable by its screening (gogen determinations). */
export type Exclusion = { code: 'BM401' | 'BM402'; determination: string };

/** A row mapped into our words, before rows are merged into cases. */
export interface CountRow {
  raw: RawRow;
  /** Normalised case number; '' when unusable (then `review` says why). */
  caseNumber: string;
  courtId: string;
  caseType?: CaseType;
  relief?: Relief;
  agency?: string;
  codeSections: string[];
  convictionDate: string;
  defendantName?: string;
  dob?: string;
  cii?: string;
  notes?: string;
  /** Set when the row, by itself, needs a person. */
  review?: Diagnostic;
  /** Set when the screening says this row can't be filed. */
  exclusion?: Exclusion;
  /** gogen determinations that are undecided (Hand Review, Maybe...) rather than "Not eligible". */
  undetermined?: boolean;
  /** Warnings raised while mapping. */
  warnings: Diagnostic[];
}

/** A row that did not make it into a filed case, with the diagnostic that says why. */
export interface ListedRow {
  raw: RawRow;
  diagnostic: Diagnostic;
  /** For excluded rows: the screening determination. */
  determination?: string;
}

export interface InputFileSummary {
  file: string;
  rows: number;
  sha256?: string;
}

export interface IngestResult {
  cases: CaseRecord[];
  /** Rows merged into `cases`. */
  filedRows: number;
  excluded: ListedRow[];
  review: ListedRow[];
  rejected: ListedRow[];
  diagnostics: Diagnostic[];
  files: InputFileSummary[];
  inputRows: number;
  /** True when a fatal diagnostic stopped the run. */
  fatal: boolean;
}

/** Maps a row of one file into a CountRow, or rejects it. */
export interface RowMapper {
  map(raw: RawRow): { row?: CountRow; reject?: Diagnostic };
}
