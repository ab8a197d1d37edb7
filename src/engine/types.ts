/**
 * The library's run API: what `validate()` and `generate()` take, what they
 * tell the caller while they work, and what they return. The options mirror
 * the CLI's flags in camelCase; the CLI and the web server are thin shells
 * over these two functions.
 */
import type { ChangeReport } from '../changes/report';
import type { Diagnostic } from '../diagnostics/catalog';
import type { Format } from '../documents';
import type { Preset } from '../ingest';
import type { filingSummary } from '../output/manifest';
import type { PipelineResult } from '../pipeline';
import type { Counts } from '../plan/reconcile';

export interface ValidateOptions {
  /** The screened case lists (CSV or Excel .xlsx paths), read in this order. */
  cases: string[];
  /** The county config (YAML path). */
  config: string;
  /** The output folder; without it validate writes nothing. */
  out?: string;
  /** The run date, YYYY-MM-DD. The library never reads the clock: the caller says what day it is. */
  asOf: string;
  /** Overrides the config's input.preset. */
  preset?: Preset;
  /** The sheet to read from each Excel workbook among `cases` (default: its first sheet); CSV files have none. */
  sheet?: string;
  /** A judge's edits (CSV path); see docs/edits.md. */
  edits?: string;
  /** A review.csv with a person's answers (CSV path, outside `out`); see docs/review.md. */
  resolved?: string;
  /** A previous run's folder to report changes against (default: the manifest already in `out`). */
  previous?: string;
  /** Cancels the run: it stops at the next filing and nothing is written. */
  signal?: AbortSignal;
}

export interface GenerateOptions extends ValidateOptions {
  out: string;
  /** Document formats (default both). */
  format?: readonly Format[];
  /** 2 renders Word files on a second thread while the PDFs render; 1 keeps to one (default 1: bench/README.md). */
  threads?: number;
  /**
   * Render even while the config holds placeholders (TODOs, raw court strings), every page stamped
   * "DRAFT - NOT FOR FILING". Without it such a run stops (BM607) and writes nothing.
   */
  draft?: boolean;
  /** Also write `packets/<agency id>.zip` per office: its documents and a cover.pdf listing them (see README). */
  packets?: boolean;
}

/** What a run reports while it works. */
export type RunEvent =
  | ProgressEvent
  /** The inputs are read and the filings planned (or a fatal diagnostic stopped the pipeline). */
  | { type: 'planned'; pipeline: PipelineResult }
  /** Problems found after planning (the templates); the run stops. */
  | { type: 'diagnostics'; diagnostics: Diagnostic[] }
  /** What changed since the previous run. */
  | { type: 'changes'; report: ChangeReport };

/**
 * How far a run is, stage by stage, in the order the stages come. Every event
 * has `done` and `total` (the same unit within a stage); the other fields
 * say more. A caller that shows one bar per stage shows the run moving, and
 * no stage goes long without an event (at Los Angeles scale, never a second).
 */
export type ProgressEvent =
  /** The previous run (the change report's), read before this one starts: the characters of its listings read, of all. */
  | { type: 'progress'; stage: 'previous'; done: number; total: number }
  /** Bytes of the case lists read (`done` of `total`), and the data rows read so far (`rows`): the number of rows is known only at the end. */
  | { type: 'progress'; stage: 'reading'; done: number; total: number; rows: number }
  /**
   * The steps after reading (merging counts into cases, planning, reconciling): `done` of `total`; `step`
   * names the one under way (the last, once all are done), and `part` how far it is, where it says.
   */
  | { type: 'progress'; stage: 'planning'; done: number; total: number; step: string; part?: { done: number; total: number } }
  /** Documents composed from the templates (before any is rendered): a motion filing has two, a notice one. */
  | { type: 'progress'; stage: 'composing'; done: number; total: number }
  /**
   * The documents rendered. `done` of `total` is work measured in exhibit rows: each document's exhibit in
   * each format, plus the pass that lays out and draws a filing's PDF table once for its documents (known
   * when rendering starts; it grows only if a filing is rendered again in smaller volumes). Kept filings
   * count as done at once. `pages`: PDF pages made (kept ones included); `documents`: files finished;
   * `filings` of `filingsTotal`: filings whose documents are all done.
   */
  | { type: 'progress'; stage: 'rendering'; done: number; total: number; pages: number; documents: number; filings: number; filingsTotal: number }
  /** Filings whose documents are done (as `rendering`'s `filings`; kept for callers that count filings). */
  | { type: 'progress'; stage: 'filings'; done: number; total: number }
  /**
   * The listings, change report and manifest written to the new folder (hashed as written), then the
   * switch of folders: `done` of `total` steps; `step` names the file being written (or the switch), and
   * `bytes` how much of it is written so far.
   */
  | { type: 'progress'; stage: 'writing'; done: number; total: number; step: string; bytes: number };

export interface RunSink {
  event?(e: RunEvent): void;
}

export interface DocumentSummary {
  path: string;
  kind: string;
  format: string;
  bytes: number;
}

/** Where a fatal run stopped: before reading (a missing file), at the output folder (locked, unwritable, holding an input), in the pipeline, or at the templates. */
export type StoppedAt = 'inputs' | 'output' | 'pipeline' | 'templates';

export interface RunResult {
  /** 0 every row filed or excluded cleanly; 3 rows went to review or were rejected; 1 fatal, nothing written. */
  exitCode: 0 | 1 | 3;
  ok: boolean;
  stoppedAt?: StoppedAt;
  counts: Counts | null;
  reconciliation: string[];
  filings: Array<ReturnType<typeof filingSummary>>;
  /** Every diagnostic of the run, in the order found. */
  diagnostics: Diagnostic[];
  /** generate: every document written, in manifest order. */
  documents?: DocumentSummary[];
  /** generate --packets: every office's packet written (kind 'packet', format 'zip'). */
  packets?: DocumentSummary[];
  /** Files written to `out`, manifest.json included (0 when nothing was written). */
  written: number;
  /** Filings whose documents were kept byte for byte from the previous run. */
  kept: number;
  changes?: ChangeReport;
  /** The pipeline's full result, for callers that print the plan or read the cases. */
  pipeline?: PipelineResult;
}
