/** PDF: layout (pure) then drawing (thin), within the run's render context. */
import type { DocumentModel, Exhibit } from '../../model/types';
import { volumeExhibits, volumeRanges } from '../../model/volumes';
import type { RenderContext } from './context';
import { drawPdf } from './draw';
import { layoutDocument, type LayoutOptions } from './layout';

export { createRenderContext, type RenderContext, type RenderFonts } from './context';

export interface PdfOptions extends LayoutOptions {
  asOf: string;
  producer: string;
  /** Told the exhibit rows of each table page as it goes into the document (for progress). */
  onRows?: (rows: number) => void;
}

export async function renderPdf(model: DocumentModel, ctx: RenderContext, opts: PdfOptions): Promise<{ bytes: Buffer; pages: number }> {
  const laid = layoutDocument(model, ctx, opts);
  return { bytes: Buffer.from(await drawPdf(laid, ctx, { asOf: opts.asOf, producer: opts.producer, ...(opts.onRows ? { onRows: opts.onRows } : {}) })), pages: laid.pages.length };
}

/**
 * Measure an exhibit's table and cut it into volumes of at most `maxPages`
 * table pages. For PDF output (`draw`), every page is drawn in the same pass
 * and each volume's pages are the exhibit's, drawn once for the motion and
 * the order. `onRows` is told the rows measured, page by page (for progress).
 */
export async function exhibitVolumes(ex: Exhibit, ctx: RenderContext, maxPages: number, draw: boolean, onRows?: (rows: number) => void): Promise<Exhibit[]> {
  const t = draw ? ctx.tables.draw(ex, await ctx.subsets.face('regular'), await ctx.subsets.face('bold'), onRows) : ctx.tables.table(ex, onRows);
  const volumes = volumeExhibits(ex, volumeRanges(t.firstRows, ex.cases.length, maxPages));
  if (volumes.length > 1) volumes.forEach((v, i) => ctx.tables.volume(t, v, i * maxPages, Math.min((i + 1) * maxPages, t.firstRows.length)));
  return volumes;
}
