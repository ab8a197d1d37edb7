/**
 * One filing's documents: its motion and order, volume by volume, DOCX and
 * PDF, each handed over as soon as it is done. A filing whose largest PDF
 * passes the portal's size limit is rendered again in smaller volumes.
 */
import type { Config } from './config/schema';
import type { DocumentModel, Exhibit } from './model/types';
import { splitVolumes } from './model/volumes';
import type { InOrder } from './ordered';
import { describe, type OutputFile, type OutputRecord } from './output/manifest';
import type { DocxRenderer } from './render/docx/renderer';
import { exhibitVolumes, renderPdf, type RenderContext } from './render/pdf';

export interface FilingRenderer {
  config: Config;
  asOf: string;
  formats: readonly ('docx' | 'pdf')[];
  /** This run's fonts, subsets and laid-out tables. */
  render: RenderContext;
  producer: string;
  docx: DocxRenderer;
  /** Hand a finished document over; without it the document is kept in memory. */
  emit?: (file: OutputFile) => Promise<OutputRecord>;
  discard?: (paths: string[]) => Promise<void>;
  onDocument?: (path: string) => void;
  /** Where work in flight is tracked, so a failure elsewhere waits for it. */
  queue: InOrder;
  /** Told as work is done, for progress. */
  tally?: RenderTally;
}

/** Progress while a filing renders: work in exhibit rows (filingWork), PDF pages, documents finished. */
export interface RenderTally {
  rows(n: number): void;
  pages(n: number): void;
  document(): void;
  /** The filing is rendered again in smaller volumes: `work` more rows to do; its documents and pages so far are taken back. */
  again(work: number, documents: number, pages: number): void;
}

/**
 * A filing's rendering measured in exhibit rows: the pass that measures (and, for PDF, draws) its table
 * once, then each document's exhibit in each format. Known before anything is rendered.
 */
export function filingWork(models: readonly DocumentModel[], formats: readonly string[]): number {
  return exhibitCases(models[0]!) + models.reduce((n, m) => n + exhibitCases(m) + DOCUMENT_WORK, 0) * formats.length;
}

/** A document's pleading pages (its text, captions, the package), in exhibit rows: about as long to make as 500 rows. */
const DOCUMENT_WORK = 500;

/** A filing's documents, handed over or still on their way: records in order once `docx` has settled. */
export interface RenderedFiling {
  done: Array<{ record: Promise<OutputRecord>; file?: OutputFile }>;
  /** The Word files, which may come from another thread. */
  docx: Array<Promise<void>>;
  /** The largest PDF's size. */
  largest: number;
}

/** The filing's documents, in volumes small enough for the portal's size limit. */
export async function renderFiling(r: FilingRenderer, filingId: string, models: DocumentModel[]): Promise<RenderedFiling> {
  const maxBytes = r.config.exhibit.volume_max_mb * 1024 * 1024;
  let maxPages = r.config.exhibit.volume_max_pages;
  for (let attempt = 0; ; attempt++) {
    const rendered = await renderVolumes(r, filingId, models, maxPages);
    if (rendered.largest <= maxBytes || maxPages <= 10 || attempt >= 4) return rendered;
    // Over the limit: take back what was handed over, and split into volumes of proportionally fewer pages.
    await Promise.all(rendered.docx);
    const discarded = await Promise.all(rendered.done.map((d) => d.record));
    await r.discard?.(discarded.map((x) => x.path));
    maxPages = Math.max(10, Math.floor(((maxPages * maxBytes) / rendered.largest) * 0.9));
    r.tally?.again(filingWork(models, r.formats), discarded.length, discarded.reduce((n, d) => n + (d.pages ?? 0), 0));
  }
}

/** Each exhibit of the filing, split into volumes of at most maxPages table pages (from the PDF layout). */
async function planVolumes(model: DocumentModel, render: RenderContext, maxPages: number, pdf: boolean, onRows?: (n: number) => void): Promise<Map<string, Exhibit[]>> {
  const out = new Map<string, Exhibit[]>();
  for (const p of model.parts) if (p.kind === 'exhibit') out.set(p.exhibit.letter, await exhibitVolumes(p.exhibit, render, maxPages, pdf, onRows));
  return out;
}

async function renderVolumes(r: FilingRenderer, filingId: string, models: DocumentModel[], maxPages: number): Promise<RenderedFiling> {
  const tally = r.tally;
  const onRows = tally ? (n: number) => tally.rows(n) : undefined;
  const volumes = await planVolumes(models[0]!, r.render, maxPages, r.formats.includes('pdf'), onRows);
  const out: RenderedFiling = { done: [], docx: [], largest: 0 };
  const put = (f: OutputFile, first: boolean) => {
    if (first) tally?.rows(DOCUMENT_WORK);
    // Written while the next document renders, so this thread never waits on the disk.
    const record = r.queue.track(r.emit ? r.emit(f) : Promise.resolve(describe(f)));
    out.done.push({ record, ...(r.emit ? {} : { file: f }) });
    r.onDocument?.(f.path);
    tally?.document();
  };
  // Volume by volume, the motion's and the order's in turn, so each volume's table is laid out once and
  // then let go: a statewide exhibit is never all laid out at once.
  const docs = models.map((m) => splitVolumes(m, volumes));
  const nextPage = models.map(() => 1);
  for (let v = 0; v < docs[0]!.length; v++) {
    for (let k = 0; k < models.length; k++) {
      const doc = docs[k]![v]!;
      const base = { kind: models[k]!.kind, ...(doc.volume ? { volume: doc.volume } : {}), cases: exhibitCases(doc.model) };
      if (r.formats.includes('docx')) {
        const file = { ...base, path: `${filingId}/${doc.stem}.docx`, format: 'docx' as const };
        out.docx.push(r.queue.track(r.docx.render(doc.model, r.asOf, onRows).then((content) => put({ ...file, content }, v === 0))));
      }
      if (r.formats.includes('pdf')) {
        const pdf = await renderPdf(doc.model, r.render, { asOf: r.asOf, producer: r.producer, firstPageNumber: nextPage[k]!, ...(onRows ? { onRows } : {}) });
        nextPage[k]! += pdf.pages;
        tally?.pages(pdf.pages);
        out.largest = Math.max(out.largest, pdf.bytes.length);
        put({ ...base, path: `${filingId}/${doc.stem}.pdf`, format: 'pdf', pages: pdf.pages, content: pdf.bytes }, v === 0);
      }
    }
    for (const part of docs[0]![v]!.model.parts) if (part.kind === 'exhibit') r.render.forgetTable(part.exhibit.cases);
    // Both documents of the volume are with the DOCX renderer: the tables sent for it may go.
    r.docx.release?.();
  }
  r.render.forgetTables();
  return out;
}

/** The cases a document's exhibits list (a volume's, once split). */
function exhibitCases(model: DocumentModel): number {
  return model.parts.reduce((n, p) => n + (p.kind === 'exhibit' ? p.exhibit.cases.length : 0), 0);
}
