/**
 * Progress on a terminal (cli-progress): one line, a bar for the stage the run
 * is in, replaced by the next stage's. Silent when output is not a TTY, and
 * with --quiet or --json. The engine says how far it is (ProgressEvent); this
 * only draws it, and reads the clock for the time left.
 */
import { Presets, SingleBar } from 'cli-progress';
import type { ProgressEvent } from '../engine/types';

type Stage = ProgressEvent['stage'];

/** Each stage's line: `{bar}` and cli-progress's `{value}`, `{total}`, `{percentage}`, and the payload of `payload()`. */
const FORMATS: Record<Exclude<Stage, 'filings'>, string> = {
  previous: 'previous  [{bar}] {percentage}% | reading the previous run',
  reading: 'reading   [{bar}] {percentage}% | {left} | {rows} rows read',
  planning: 'planning  [{bar}] {value}/{total} | {step}',
  composing: 'composing [{bar}] {value}/{total} documents',
  // To a tenth of a per cent: a large filing's first pages move it, where whole per cents would sit still.
  rendering: 'rendering [{bar}] {share} | {left} | {pages} pages, {documents} documents, {filings}/{filingsTotal} filings',
  writing: 'writing   [{bar}] {value}/{total} | {step}',
};

const count = (n: number) => n.toLocaleString('en-US');

function megabytes(bytes: number): string {
  return bytes >= 1e6 ? ` (${(bytes / 1e6).toFixed(1)} MB)` : bytes > 0 ? ` (${Math.ceil(bytes / 1e3)} KB)` : '';
}

/** The time left, from the stage's pace so far; unsaid until there is a pace to go by. */
export function timeLeft(done: number, total: number, elapsedMs: number): string {
  if (done <= 0 || total <= 0 || elapsedMs < 500 || done / total < 0.01) return 'ETA --';
  if (done >= total) return 'ETA 0s';
  const s = Math.ceil(((total - done) * elapsedMs) / done / 1000);
  return s < 60 ? `ETA ${s}s` : `ETA ${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** What a stage's line says besides the bar and counts. */
function payload(e: ProgressEvent, elapsedMs: number): Record<string, string> {
  switch (e.stage) {
    case 'reading':
      return { rows: count(e.rows), left: timeLeft(e.done, e.total, elapsedMs) };
    case 'planning':
      return { step: e.part && e.part.total > 0 ? `${e.step} (${Math.floor((100 * e.part.done) / e.part.total)}%)` : e.step };
    case 'rendering':
      return { share: `${(Math.floor((1000 * e.done) / e.total) / 10).toFixed(1)}%`, pages: count(e.pages), documents: count(e.documents), filings: count(e.filings), filingsTotal: count(e.filingsTotal), left: timeLeft(e.done, e.total, elapsedMs) };
    case 'writing':
      return { step: `${e.step}${megabytes(e.bytes)}` };
    default:
      return {};
  }
}

export class Progress {
  private current: { stage: Stage; bar: SingleBar; started: number; total: number } | undefined;

  constructor(
    private readonly on: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** Show how far the run is: the stage's bar, started when the stage changes. */
  show(e: ProgressEvent): void {
    // The rendering line counts filings too.
    if (!this.on || e.stage === 'filings') return;
    let c = this.current;
    if (c?.stage !== e.stage) {
      this.stop();
      if (e.total <= 0) return;
      const bar = new SingleBar({ format: FORMATS[e.stage], stream: process.stderr, hideCursor: true, clearOnComplete: true, barsize: 20 }, Presets.shades_classic);
      const started = this.now();
      bar.start(e.total, Math.min(e.done, e.total), payload(e, 0));
      this.current = c = { stage: e.stage, bar, started, total: e.total };
      return;
    }
    if (e.total !== c.total) c.bar.setTotal((c.total = e.total));
    c.bar.update(Math.min(e.done, e.total), payload(e, this.now() - c.started));
  }

  /** Clear the line (before printing, and at the end). */
  stop(): void {
    this.current?.bar.stop();
    this.current = undefined;
  }
}
