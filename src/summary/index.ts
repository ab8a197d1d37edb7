/**
 * The impact summary (docs/summary.md): summary.html and summary.pdf, written
 * by every run with an output folder. The numbers come from the final plan and
 * the reconciliation (aggregate.ts, one pass), pass the small-cell rule once
 * (model.ts), and are drawn twice from the same model and the same charts.
 */
import type { PipelineResult } from '../pipeline';
import { personKey } from '../ingest/identity';
import type { ListedRow } from '../ingest/types';
import { rowReader } from '../resolve/apply';
import type { OutputFile, RunMeta } from '../output/manifest';
import type { FontBytes, Metrics } from '../render/pdf/fonts';
import { aggregate, type Aggregates } from './aggregate';
import { barChart, type Chart } from './charts';
import { summaryHtml } from './html';
import { chartBars, summaryModel, type SummaryModel } from './model';
import { CHART_WIDTH, summaryPdf } from './pdf';

export { aggregate, summaryModel };
export type { Aggregates, SummaryModel };

export interface SummaryOptions {
  fonts: { bytes: FontBytes; metrics: Metrics };
  producer: string;
}

/** The run's aggregates: from the plan as filed (after --resolved and --edits). */
export function runAggregates(r: PipelineResult, asOf: string): Aggregates {
  const ingest = r.ingest!;
  // A listed row's person: as ingest hashed it, or (a row listed later, by the challenge split or --resolved) read again from its stored fields.
  const read = rowReader(r.config!, r.preset!, asOf);
  const personOf = (row: ListedRow) => (row.person !== undefined ? (Number.isNaN(row.person) ? undefined : row.person) : row.raw.packed === undefined ? undefined : personKey(read(row.raw)?.identity));
  return aggregate({ plan: r.plan!, config: r.config!, counts: r.reconciliation!.counts, review: ingest.review, rejected: ingest.rejected, excluded: ingest.excluded, flagCounts: ingest.flags, struck: (r.struck ?? []).map((s) => s.record), personOf, ...(r.filed ? { filed: r.filed } : {}) });
}

/** summary.html and summary.pdf, ready to stage. */
export async function summaryFiles(r: PipelineResult, meta: RunMeta, opts: SummaryOptions): Promise<OutputFile[]> {
  const model = summaryModel(runAggregates(r, meta.asOf), meta, r.config!);
  const charts = new Map<string, Chart>();
  for (const s of model.sections) {
    for (const t of s.tables) {
      if (t.chart) charts.set(t.id, barChart({ id: `chart-${t.id}`, title: t.chart.title, axis: t.chart.axis, bars: chartBars(t), width: CHART_WIDTH }, opts.fonts.metrics));
    }
  }
  const html = summaryHtml(model, charts, opts.producer);
  const agencies = r.config!.agencies.map((a) => a.name);
  const pdf = await summaryPdf(model, charts, { fonts: opts.fonts.bytes, asOf: meta.asOf, producer: opts.producer, author: agencies.length === 1 ? agencies[0]! : r.config!.county });
  return [
    { path: 'summary.html', kind: 'summary', format: 'html', content: Buffer.from(html, 'utf8') },
    { path: 'summary.pdf', kind: 'summary', format: 'pdf', pages: pdf.pages, content: pdf.bytes },
  ];
}
