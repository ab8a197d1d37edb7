/**
 * One filing's documents: its motion and order, volume by volume, DOCX and
 * PDF, each handed over as soon as it is done. The two formats have volumes
 * of their own: the Word files by rows (docx-volumes.ts), the PDFs by pages
 * and size. A filing whose largest PDF passes the portal's size limit has its
 * PDFs rendered again in smaller volumes.
 */
import type { Config } from './config/schema';
import type { DocumentModel, Exhibit } from './model/types';
import { splitVolumes, type VolumeDocument } from './model/volumes';
import { planDocxVolumes } from './docx-volumes';
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
  return (formats.includes('pdf') ? exhibitCases(models[0]!) : 0) + models.reduce((n, m) => n + exhibitCases(m) + DOCUMENT_WORK, 0) * formats.length;
}

/** A document's pleading pages (its text, captions, the package), in exhibit rows: about as long to make as 500 rows. */
const DOCUMENT_WORK = 500;

/** A filing's documents, handed over or still on their way: records in order once `docx` has settled. */
export interface RenderedFiling {
  done: Array<{ record: Promise<OutputRecord>; file?: OutputFile; format: 'docx' | 'pdf' }>;
  /** The Word files, which may come from another thread. */
  docx: Array<Promise<void>>;
  /** The largest PDF's size. */
  largest: number;
}

/**
 * The filing's documents: the Word files in volumes of at most
 * `exhibit.docx_volume_max_rows` rows (docx-volumes.ts), the PDFs in volumes
 * small enough for the portal's page and size limits.
 */
export async function renderFiling(r: FilingRenderer, filingId: string, models: DocumentModel[]): Promise<RenderedFiling> {
  const maxBytes = r.config.exhibit.volume_max_mb * 1024 * 1024;
  let maxPages = r.config.exhibit.volume_max_pages;
  let word: RenderedFiling | undefined;
  for (let attempt = 0; ; attempt++) {
    // The Word files don't depend on the PDF's volumes: made on the first try only.
    const rendered = await renderVolumes(r, filingId, models, maxPages, !word && r.formats.includes('docx'));
    const all: RenderedFiling = word ? { done: [...word.done, ...rendered.done], docx: word.docx, largest: rendered.largest } : rendered;
    if (rendered.largest <= maxBytes || maxPages <= 10 || attempt >= 4) return all;
    // A PDF over the limit: take back the PDFs handed over, and split into volumes of proportionally fewer pages.
    await Promise.all(all.docx);
    const pdfs = all.done.filter((d) => d.format === 'pdf');
    await r.discard?.((await Promise.all(pdfs.map((d) => d.record))).map((x) => x.path));
    word = { done: all.done.filter((d) => d.format === 'docx'), docx: all.docx, largest: 0 };
    maxPages = Math.max(10, Math.floor(((maxPages * maxBytes) / rendered.largest) * 0.9));
    r.tally?.again(filingWork(models, ['pdf']), pdfs.length, (await Promise.all(pdfs.map((d) => d.record))).reduce((n, d) => n + (d.pages ?? 0), 0));
  }
}

/** Each exhibit of the filing, split into volumes of at most maxPages table pages (from the PDF layout). */
async function planVolumes(model: DocumentModel, render: RenderContext, maxPages: number, onRows?: (n: number) => void): Promise<Map<string, Exhibit[]>> {
  const out = new Map<string, Exhibit[]>();
  for (const p of model.parts) if (p.kind === 'exhibit') out.set(p.exhibit.letter, await exhibitVolumes(p.exhibit, render, maxPages, true, onRows));
  return out;
}

async function renderVolumes(r: FilingRenderer, filingId: string, models: DocumentModel[], maxPages: number, docx: boolean): Promise<RenderedFiling> {
  const tally = r.tally;
  const onRows = tally ? (n: number) => tally.rows(n) : undefined;
  const pdf = r.formats.includes('pdf');
  const pdfVolumes = pdf ? await planVolumes(models[0]!, r.render, maxPages, onRows) : undefined;
  const pdfDocs = pdfVolumes ? models.map((m) => splitVolumes(m, pdfVolumes)) : [];
  const wordDocs = docx ? planDocxVolumes(models, r.render, r.config.exhibit.docx_volume_max_rows) : [];
  const out: RenderedFiling = { done: [], docx: [], largest: 0 };
  const put = (f: OutputFile & { format: 'docx' | 'pdf' }, first: boolean) => {
    if (first) tally?.rows(DOCUMENT_WORK);
    // Written while the next document renders, so this thread never waits on the disk.
    const record = r.queue.track(r.emit ? r.emit(f) : Promise.resolve(describe(f)));
    out.done.push({ record, format: f.format, ...(r.emit ? {} : { file: f }) });
    r.onDocument?.(f.path);
    tally?.document();
  };
  const base = (kind: string, doc: VolumeDocument) => ({ kind, ...(doc.volume ? { volume: doc.volume } : {}), cases: exhibitCases(doc.model) });
  // Volume by volume, the motion's and the order's in turn, so each volume's table is laid out once and
  // then let go: a statewide exhibit is never all laid out at once. The Word volumes are sent along in
  // proportion, so their tables are not all in flight at once either.
  const nWord = wordDocs[0]?.length ?? 0;
  const steps = pdf ? pdfDocs[0]!.length : nWord;
  const nextPage = models.map(() => 1);
  let sent = 0;
  for (let v = 0; v < steps; v++) {
    for (const upto = Math.ceil(((v + 1) * nWord) / steps); sent < upto; sent++) {
      for (let k = 0; k < models.length; k++) {
        const doc = wordDocs[k]![sent]!;
        const file = { ...base(models[k]!.kind, doc), path: `${filingId}/${doc.stem}.docx`, format: 'docx' as const };
        const first = sent === 0;
        out.docx.push(r.queue.track(r.docx.render(doc.model, r.asOf, { firstPageNumber: doc.firstPageNumber, ...(onRows ? { onRows } : {}) }).then((content) => put({ ...file, content }, first))));
      }
    }
    if (pdf) {
      for (let k = 0; k < models.length; k++) {
        const doc = pdfDocs[k]![v]!;
        const rendered = await renderPdf(doc.model, r.render, { asOf: r.asOf, producer: r.producer, firstPageNumber: nextPage[k]!, ...(onRows ? { onRows } : {}) });
        tally?.pages(rendered.pages);
        nextPage[k]! += rendered.pages;
        out.largest = Math.max(out.largest, rendered.bytes.length);
        put({ ...base(models[k]!.kind, doc), path: `${filingId}/${doc.stem}.pdf`, format: 'pdf', pages: rendered.pages, content: rendered.bytes }, v === 0);
      }
      for (const part of pdfDocs[0]![v]!.model.parts) if (part.kind === 'exhibit') r.render.forgetTable(part.exhibit.cases);
    }
    // The documents of this step are with the DOCX renderer: the tables sent for them may go.
    r.docx.release?.();
  }
  r.render.forgetTables();
  return out;
}

/** The cases a document's exhibits list (a volume's, once split). */
function exhibitCases(model: DocumentModel): number {
  return model.parts.reduce((n, p) => n + (p.kind === 'exhibit' ? p.exhibit.cases.length : 0), 0);
}
