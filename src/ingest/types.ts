import type { Diagnostic } from '../diagnostics/catalog';
import type { CaseRecord, Flag, SourceRef } from '../domain';
import type { Identity } from './identity';

/** One physical input row as read: the file's header is shared, not copied. */
export interface RawRow {
  ref: SourceRef;
  header: readonly string[];
  fields: readonly string[];
}

/**
 * A row kept until the end of the run. Rows already bound for a listing
 * (rejected, excluded, review) keep their fields, packed into one string;
 * a row headed for a filing keeps only where it came from, and is read again
 * from its file in the rare case its case later goes to review. A county list
 * has hundreds of thousands of rows, and holding all their fields would be
 * most of the memory.
 * NUL can't occur in a field: such files are refused.
 */
export interface StoredRow {
  ref: SourceRef;
  header: readonly string[];
  packed?: string;
}

const SEP = '\u0000';
export const packFields = (fields: readonly string[]): string => fields.join(SEP);
export const packRow = (raw: RawRow, keep = true): StoredRow => (keep ? { ref: raw.ref, header: raw.header, packed: packFields(raw.fields) } : { ref: raw.ref, header: raw.header });
export function rowFields(row: StoredRow): string[] {
  if (row.packed === undefined) throw new Error(`bug: row ${row.ref.file}:${row.ref.line} was listed but its fields were not read back`);
  return row.packed.split(SEP);
}

/** Why a row is not fileable by its screening (gogen determinations). */
export type Exclusion = { code: 'BM401' | 'BM402'; determination: string };

/** A row's flags: bit i is FLAGS[i] (src/domain.ts). 0 when none. */
export type FlagMask = number;

/**
 * A row mapped into our words, before rows are merged into cases: the fields
 * of its case as this one row gives them. `caseNumber` and `court` are '' when
 * unusable (then `review` or `exclusion` says why); case type, relief and
 * agency may be missing until the case is merged and routed.
 */
export type CountRow = Omit<CaseRecord, 'caseType' | 'relief' | 'agency' | 'sources' | 'beyondStatute' | 'convictionDates' | 'flags' | 'person'> &
  Partial<Pick<CaseRecord, 'caseType' | 'relief' | 'agency'>> & {
    raw: StoredRow;
    /** Set when the row, by itself, needs a person. */
    review?: Diagnostic;
    /** Set when the screening says this row can't be filed. */
    exclusion?: Exclusion;
    /** gogen determinations that are undecided (Hand Review, Maybe...) rather than "Not eligible". */
    undetermined?: boolean;
    /** Warnings raised while mapping, if any. */
    warnings?: Diagnostic[];
    /** Why the conviction is on or after Prop 64's effective date (its date, or gogen's column), if it is. */
    afterProp64?: string;
    /** The screening says the sentence is not complete (gogen reason "Sentence not Completed"). */
    sentenceNotCompleted?: string;
    /** The screening's flags on this row (after_prop64 and sentence_not_completed included). */
    flags: FlagMask;
    /** Hashes of who the row is about (src/ingest/identity.ts); never the values. */
    identity?: Identity;
    /** The column the case number was taken from (gogen: OFN or Case Number). */
    caseNumberColumn: string;
  };

/** A row that did not make it into a filed case, with the diagnostic that says why. */
export interface ListedRow {
  raw: StoredRow;
  diagnostic: Diagnostic;
  /** For excluded rows: the screening determination. */
  determination?: string;
  /** The screening's flags on the row, when any (review.csv's flags column). */
  flags?: Flag[];
  /** Who the row is about (src/ingest/identity.ts personKey), NaN when it names no one; for the summary, never printed. */
  person?: number;
}

/** Cases carrying each flag that went to review or were excluded (filed ones are counted in the plan). */
export type FlagCounts = Record<Flag, { review: number; excluded: number }>;

export interface InputFileSummary {
  file: string;
  rows: number;
  sha256?: string;
  /** An Excel workbook: the sheet read, and its header (to name columns by letter in diagnostics). */
  sheet?: string;
  header?: readonly string[];
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
  /** Cases in review or excluded, by flag. */
  flags: FlagCounts;
  /** True when a fatal diagnostic stopped the run. */
  fatal: boolean;
}

/** Maps a row of one file into a CountRow, or rejects it. */
export interface RowMapper {
  map(raw: RawRow): { row?: CountRow; reject?: Diagnostic };
  /** The columns (by index) that hold identifiers, whose digits must be exactly as typed (case numbers, CII). */
  textColumns?: readonly number[];
}
