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
  /** The screened case lists (CSV paths), read in this order. */
  cases: string[];
  /** The county config (YAML path). */
  config: string;
  /** The output folder; without it validate writes nothing. */
  out?: string;
  /** The run date, YYYY-MM-DD. The library never reads the clock: the caller says what day it is. */
  asOf: string;
  /** Overrides the config's input.preset. */
  preset?: Preset;
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
  /** Bytes of input read, or filings rendered, so far. */
  | { type: 'progress'; stage: 'reading' | 'filings'; done: number; total: number }
  /** The inputs are read and the filings planned (or a fatal diagnostic stopped the pipeline). */
  | { type: 'planned'; pipeline: PipelineResult }
  /** Problems found after planning (the templates); the run stops. */
  | { type: 'diagnostics'; diagnostics: Diagnostic[] }
  /** What changed since the previous run. */
  | { type: 'changes'; report: ChangeReport };

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
