/**
 * The documents stage: every filing's motion and order, composed from the
 * templates and rendered. Every template problem is found before anything is
 * rendered, so a run never stops halfway through a set of documents.
 */
import { composeDocument, documentKinds } from './compose';
import { compileSet, type TemplateSet } from './compose/handlebars';
import type { Config } from './config/schema';
import type { Diagnostic } from './diagnostics/catalog';
import { filingWork, renderFiling, type FilingRenderer, type RenderTally } from './filing-documents';
import type { DocumentModel } from './model/types';
import { InOrder } from './ordered';
import { describe, type OutputFile, type OutputRecord } from './output/manifest';
import type { Filing, Plan } from './plan';
import { inProcessDocx, type DocxRenderer } from './render/docx/renderer';
import { createRenderContext } from './render/pdf';
import { SharedDocx } from './render/shared-docx';
import type { FontBytes, Metrics } from './render/pdf/fonts';

export const FORMATS = ['docx', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

/** A previous run's document, kept: read only when its turn comes (a statewide filing's are hundreds of MB). */
export type KeptFile = Omit<OutputFile, 'content'> & { load(): Buffer };

export type { DocxRenderer };

export interface DocumentsInput {
  plan: Plan;
  config: Config;
  templates: TemplateSet;
  asOf: string;
  formats: readonly Format[];
  /** The font files and their metrics: PDF output, and the page breaks volumes split at. */
  fonts: { bytes: FontBytes; metrics: Metrics };
  /** Recorded as the PDF Producer. */
  producer?: string;
  /** The previous run's files for a filing, when its inputs have not changed. */
  reuse?: (filing: Filing) => KeptFile[] | undefined;
  onReuse?: (filingId: string) => void;
  /** Called as each filing's documents are done, for progress. */
  onFiling?: (filingId: string) => void;
  /** Hand each finished document over (to be staged on disk) instead of keeping it; answers with its record. */
  emit?: (file: OutputFile) => Promise<OutputRecord>;
  /** Take back documents handed over (a filing rendered again in smaller volumes). */
  discard?: (paths: string[]) => Promise<void>;
  /** Called as each document is done, for progress. */
  onDocument?: (path: string) => void;
  /** Told as filings are composed, then as the rendering goes (see DocumentsProgress). */
  onProgress?: (p: DocumentsProgress) => void;
  /** Where DOCX files are rendered (default: here, in turn with the PDFs). */
  docx?: DocxRenderer;
  /** Stops the run at the next filing. */
  signal?: AbortSignal;
  /** Every document stamped DRAFT - NOT FOR FILING. */
  draft?: boolean;
  /** The documents already composed (composeAll), so they are not composed again. */
  composed?: Array<{ filingId: string; model: DocumentModel }>;
}

/**
 * How far the documents are: documents composed, then the rendering, measured in exhibit rows
 * (filingWork: known before anything is rendered), with the PDF pages and the documents finished.
 */
export type DocumentsProgress = { step: 'composing'; done: number; total: number } | { step: 'rendering'; done: number; total: number; pages: number; documents: number };

export function composeAll(input: DocumentsInput): { models?: Array<{ filingId: string; model: DocumentModel }>; diagnostics: Diagnostic[] } {
  const { compiled, diagnostics } = compileSet(input.templates);
  if (!compiled) return { diagnostics };
  const models: Array<{ filingId: string; model: DocumentModel }> = [];
  const problems: Diagnostic[] = [];
  let composed = 0;
  const total = input.plan.filings.reduce((n, f) => n + documentKinds(f).length, 0);
  input.onProgress?.({ step: 'composing', done: 0, total });
  for (const filing of input.plan.filings) {
    for (const kind of documentKinds(filing)) {
      const r = composeDocument(kind, filing, input.config, input.asOf, { compiled, set: input.templates });
      input.onProgress?.({ step: 'composing', done: ++composed, total });
      if (r.model) models.push({ filingId: filing.id, model: input.draft ? { ...r.model, draft: true } : r.model });
      problems.push(...r.diagnostics);
    }
  }
  // One report per distinct problem: a template error repeats for every filing.
  const seen = new Set<string>();
  const unique = problems.filter((d) => {
    // A markup error names the filing whose merged text broke; one per template is enough.
    const k = d.code === 'BM704' ? `${d.code}|${d.file}` : `${d.code}|${d.file}|${d.line}|${d.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return unique.length ? { diagnostics: unique } : { models, diagnostics: [] };
}

interface FilingModels {
  filingId: string;
  models: DocumentModel[];
}

function byFiling(models: Array<{ filingId: string; model: DocumentModel }>): FilingModels[] {
  const out: FilingModels[] = [];
  for (const m of models) {
    const last = out[out.length - 1];
    if (last && last.filingId === m.filingId) last.models.push(m.model);
    else out.push({ filingId: m.filingId, models: [m.model] });
  }
  return out;
}

/** Counts the rendering's work (filing-documents.ts tells it) and reports it, from 0 of the whole. */
function progressTally(groups: FilingModels[], input: DocumentsInput): RenderTally | undefined {
  const tell = input.onProgress;
  if (!tell) return undefined;
  let total = groups.reduce((n, g) => n + filingWork(g.models, input.formats), 0);
  let done = 0;
  let pages = 0;
  let documents = 0;
  const report = () => tell({ step: 'rendering', done, total, pages, documents });
  report();
  return {
    rows: (n) => ((done += n), report()),
    pages: (n) => ((pages += n), report()),
    document: () => (documents++, report()),
    again: (work, docs, pgs) => ((total += work), (documents -= docs), (pages -= pgs), report()),
  };
}

export interface RenderedDocuments {
  /** The documents, when no `emit` took them. */
  files?: OutputFile[];
  /** What the manifest records of every document. */
  records: OutputRecord[];
  diagnostics: Diagnostic[];
}

export async function renderDocuments(input: DocumentsInput): Promise<RenderedDocuments> {
  const composed = input.composed ? { models: input.composed, diagnostics: [] } : composeAll(input);
  if (!composed.models) return { records: [], diagnostics: composed.diagnostics };
  const files: OutputFile[] = [];
  const records: OutputRecord[] = [];
  // A filing is finished (its records taken, in order) once its last DOCX is back; meanwhile this thread
  // goes on to the next filing's PDFs. At most two filings wait, to bound what is held.
  const queue = new InOrder(2);
  // This run's fonts, subsets and tables: made here, let go when the run ends.
  const render = createRenderContext(input.fonts);
  const groups = byFiling(composed.models);
  const tally = progressTally(groups, input);
  // Word files on the second thread, if there is one, and here whenever this thread would only wait for them.
  const shared = input.docx ? new SharedDocx(input.docx, inProcessDocx(input.fonts.metrics)) : undefined;
  const help = async (until: () => boolean) => {
    while (shared && !until() && (await shared.helpOne()));
  };
  const renderer: FilingRenderer = {
    config: input.config,
    asOf: input.asOf,
    formats: input.formats,
    render,
    producer: input.producer ?? 'bulk-motions',
    docx: shared ?? inProcessDocx(input.fonts.metrics),
    queue,
    ...(input.emit ? { emit: input.emit } : {}),
    ...(input.discard ? { discard: input.discard } : {}),
    ...(input.onDocument ? { onDocument: input.onDocument } : {}),
    ...(tally ? { tally } : {}),
  };
  const filingById = new Map(input.plan.filings.map((f) => [f.id, f]));
  try {
    for (const { filingId, models } of groups) {
      input.signal?.throwIfAborted();
      await help(() => queue.hasRoom());
      await queue.room();
      const kept = input.reuse?.(filingById.get(filingId)!);
      if (kept) {
        queue.then(async () => {
          for (const { load, ...f } of kept) {
            const file = { ...f, content: load() };
            records.push(input.emit ? await input.emit(file) : describe(file));
            if (!input.emit) files.push(file);
            tally?.pages(f.pages ?? 0);
            tally?.document();
          }
          tally?.rows(filingWork(models, input.formats));
          input.onReuse?.(filingId);
          input.onFiling?.(filingId);
        });
        continue;
      }
      const rendered = await renderFiling(renderer, filingId, models);
      const docx = queue.track(Promise.all(rendered.docx));
      queue.then(async () => {
        await docx;
        const finals = await Promise.all(rendered.done.map(async (d) => ({ record: await d.record, file: d.file })));
        // In the order motion, then order, volume by volume, DOCX before PDF: the same every run.
        const kind = (r: OutputRecord) => models.findIndex((m) => m.kind === r.kind);
        finals.sort(({ record: a }, { record: b }) => kind(a) - kind(b) || (a.volume ?? 1) - (b.volume ?? 1) || (a.format < b.format ? -1 : a.format > b.format ? 1 : 0));
        for (const d of finals) {
          records.push(d.record);
          if (d.file) files.push(d.file);
        }
        input.onFiling?.(filingId);
      });
    }
    await help(() => false);
    await queue.done();
  } catch (e) {
    await queue.settle();
    throw e;
  } finally {
    render.dispose();
  }
  return { ...(input.emit ? {} : { files }), records, diagnostics: [] };
}
