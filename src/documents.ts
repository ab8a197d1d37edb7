/**
 * The documents stage: every filing's motion and order, composed from the
 * templates and rendered. Every template problem is found before anything is
 * rendered, so a run never stops halfway through a set of documents.
 */
import { composeDocument, DOCUMENT_KINDS } from './compose';
import { compileSet, type TemplateSet } from './compose/handlebars';
import type { Config } from './config/schema';
import type { Diagnostic } from './diagnostics/catalog';
import type { DocumentModel, Exhibit } from './model/types';
import { splitVolumes } from './model/volumes';
import { describe, type OutputFile, type OutputRecord } from './output/manifest';
import type { Filing, Plan } from './plan';
import { renderDocx } from './render/docx';
import { createRenderContext, exhibitVolumes, renderPdf, type RenderContext } from './render/pdf';
import type { FontBytes, Metrics } from './render/pdf/fonts';

export const FORMATS = ['docx', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

/** A previous run's document, kept: read only when its turn comes (a statewide filing's are hundreds of MB). */
export type KeptFile = Omit<OutputFile, 'content'> & { load(): Buffer };

/** Renders a DOCX: in-process by default; the CLI hands in one on a second thread. */
export interface DocxRenderer {
  render(model: DocumentModel, asOf: string): Promise<Buffer>;
  /** A volume's documents are all sent: tables kept for them may go. */
  release?(): void;
}

/**
 * DOCX here, one document at a time: the documents of a filing are asked for
 * together, and a statewide filing's volumes rendered all at once would each
 * hold their tables in flight.
 */
function inProcessDocx(): DocxRenderer {
  let last: Promise<unknown> = Promise.resolve();
  return {
    render(model, asOf) {
      const next = last.then(() => renderDocx(model, { asOf }));
      last = next.catch(() => undefined);
      return next;
    },
  };
}

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
  /** Where DOCX files are rendered (default: here, in turn with the PDFs). */
  docx?: DocxRenderer;
  /** The documents already composed (composeAll), so they are not composed again. */
  composed?: Array<{ filingId: string; model: DocumentModel }>;
}

export function composeAll(input: DocumentsInput): { models?: Array<{ filingId: string; model: DocumentModel }>; diagnostics: Diagnostic[] } {
  const { compiled, diagnostics } = compileSet(input.templates);
  if (!compiled) return { diagnostics };
  const models: Array<{ filingId: string; model: DocumentModel }> = [];
  const problems: Diagnostic[] = [];
  for (const filing of input.plan.filings) {
    for (const kind of DOCUMENT_KINDS) {
      const r = composeDocument(kind, filing, input.config, input.asOf, { compiled, set: input.templates });
      if (r.model) models.push({ filingId: filing.id, model: r.model });
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

/** Each exhibit of the filing, split into volumes of at most maxPages table pages (from the PDF layout). */
async function planVolumes(model: DocumentModel, render: RenderContext, maxPages: number, pdf: boolean): Promise<Map<string, Exhibit[]>> {
  const out = new Map<string, Exhibit[]>();
  for (const p of model.parts) if (p.kind === 'exhibit') out.set(p.exhibit.letter, await exhibitVolumes(p.exhibit, render, maxPages, pdf));
  return out;
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
  const take = async (f: OutputFile) => {
    records.push(input.emit ? await input.emit(f) : describe(f));
    if (!input.emit) files.push(f);
  };
  const maxBytes = input.config.exhibit.volume_max_mb * 1024 * 1024;
  const docx = input.docx ?? inProcessDocx();
  const filingById = new Map(input.plan.filings.map((f) => [f.id, f]));
  // A filing is finished (its records taken, in order) once its last DOCX is back; meanwhile this thread
  // goes on to the next filing's PDFs. At most two filings wait, to bound what is held.
  let finished: Promise<void> = Promise.resolve();
  let waiting = 0;
  const then = (step: () => Promise<void> | void) => {
    waiting++;
    finished = finished.then(step).finally(() => waiting--);
    finished.catch(() => undefined); // a failure surfaces where `finished` is awaited
  };
  // Everything in flight, so a failure can wait for it to settle: nothing may still be writing to the
  // stage when the caller throws the stage away.
  const inFlight: Array<Promise<unknown>> = [];
  // The run's PDF caches (measured tables, font subsets): kept while it renders, let go when it ends.
  const render = createRenderContext(input.fonts);
  try {
    for (const { filingId, models } of byFiling(composed.models)) {
      if (waiting >= 2) await finished;
      const kept = input.reuse?.(filingById.get(filingId)!);
      if (kept) {
        then(async () => {
          for (const { load, ...f } of kept) await take({ ...f, content: load() });
          input.onReuse?.(filingId);
          input.onFiling?.(filingId);
        });
        continue;
      }
      let maxPages = input.config.exhibit.volume_max_pages;
      for (let attempt = 0; ; attempt++) {
        const volumes = await planVolumes(models[0]!, render, maxPages, input.formats.includes('pdf'));
        // Each document is handed over as soon as it is done, so a statewide filing's volumes are never
        // all in memory; the records are put in order once the filing is complete.
        const done: Array<{ record: Promise<OutputRecord>; file?: OutputFile }> = [];
        const put = (f: OutputFile) => {
          // Written while the next document renders: waiting on the disk here left the thread idle.
          const record = input.emit ? input.emit(f) : Promise.resolve(describe(f));
          record.catch(() => undefined); // awaited with the filing
          inFlight.push(record);
          done.push({ record, ...(input.emit ? {} : { file: f }) });
          input.onDocument?.(f.path);
        };
        // DOCX files may come from another thread while this one draws the PDFs.
        const docxDone: Array<Promise<void>> = [];
        let largest = 0;
        // Volume by volume, the motion's and the order's in turn, so each volume's table is laid out once
        // and then let go: a statewide exhibit is never all laid out at once.
        const docs = models.map((m) => splitVolumes(m, volumes));
        const nextPage = models.map(() => 1);
        for (let v = 0; v < docs[0]!.length; v++) {
          for (let k = 0; k < models.length; k++) {
            const doc = docs[k]![v]!;
            const base = { kind: models[k]!.kind, ...(doc.volume ? { volume: doc.volume } : {}) };
            if (input.formats.includes('docx')) {
              const file = { ...base, path: `${filingId}/${doc.stem}.docx`, format: 'docx' as const };
              const p = docx.render(doc.model, input.asOf).then((content) => put({ ...file, content }));
              p.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
              docxDone.push(p);
              inFlight.push(p);
            }
            if (input.formats.includes('pdf')) {
              const pdf = await renderPdf(doc.model, render, { asOf: input.asOf, producer: input.producer ?? 'bulk-motions', firstPageNumber: nextPage[k]! });
              nextPage[k]! += pdf.pages;
              largest = Math.max(largest, pdf.bytes.length);
              put({ ...base, path: `${filingId}/${doc.stem}.pdf`, format: 'pdf', content: pdf.bytes });
            }
          }
          for (const part of docs[0]![v]!.model.parts) if (part.kind === 'exhibit') render.forgetTable(part.exhibit.cases);
          // Both documents of the volume are with the DOCX renderer: the tables sent for it may go.
          docx.release?.();
        }
        render.forgetTables();
        // Over the portal's size limit: split into smaller volumes and render the filing again.
        if (largest > maxBytes && maxPages > 10 && attempt < 4) {
          await Promise.all(docxDone);
          await input.discard?.((await Promise.all(done.map((d) => d.record))).map((r) => r.path));
          maxPages = Math.max(10, Math.floor((maxPages * maxBytes) / largest * 0.9));
          continue;
        }
        const all = Promise.all(docxDone);
        all.catch(() => undefined); // awaited in turn below
        then(async () => {
          await all;
          const finals = await Promise.all(done.map(async (d) => ({ record: await d.record, file: d.file })));
          // In the order motion, then order, volume by volume, DOCX before PDF: the same every run.
          const kind = (r: OutputRecord) => models.findIndex((m) => m.kind === r.kind);
          finals.sort(({ record: a }, { record: b }) => kind(a) - kind(b) || (a.volume ?? 1) - (b.volume ?? 1) || (a.format < b.format ? -1 : a.format > b.format ? 1 : 0));
          for (const d of finals) {
            records.push(d.record);
            if (d.file) files.push(d.file);
          }
          input.onFiling?.(filingId);
        });
        break;
      }
    }
    await finished;
  } catch (e) {
    await Promise.allSettled([finished, ...inFlight]);
    throw e;
  } finally {
    render.dispose();
  }
  return { ...(input.emit ? {} : { files }), records, diagnostics: [] };
}
