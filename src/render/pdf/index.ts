/** PDF: layout (pure) then drawing (thin). */
import type { DocumentModel, Exhibit } from '../../model/types';
import { volumeExhibits, volumeRanges } from '../../model/volumes';
import { table } from './exhibit-layout';
import { faceSubset } from './font-set';
import { drawTable, volumeTable } from './table-streams';
import { drawPdf } from './draw';
import type { FontBytes, Metrics } from './fonts';
import { layoutDocument, type LayoutOptions } from './layout';

export interface PdfOptions extends LayoutOptions {
  asOf: string;
  producer: string;
}

export async function renderPdf(model: DocumentModel, fonts: { bytes: FontBytes; metrics: Metrics }, opts: PdfOptions): Promise<{ bytes: Buffer; pages: number }> {
  const laid = layoutDocument(model, fonts.metrics, opts);
  return { bytes: Buffer.from(await drawPdf(laid, fonts.bytes, { asOf: opts.asOf, producer: opts.producer })), pages: laid.pages.length };
}

/**
 * Measure an exhibit's table and cut it into volumes of at most `maxPages`
 * table pages. For PDF output (`draw`), every page is drawn in the same pass
 * and each volume's pages are the exhibit's, drawn once for the motion and
 * the order.
 */
export async function exhibitVolumes(ex: Exhibit, fonts: { bytes: FontBytes; metrics: Metrics }, maxPages: number, draw: boolean): Promise<Exhibit[]> {
  const t = draw ? drawTable(ex, fonts.metrics, await faceSubset(fonts.bytes.regular, 'regular'), await faceSubset(fonts.bytes.bold, 'bold')) : table(ex, fonts.metrics);
  const volumes = volumeExhibits(ex, volumeRanges(t.firstRows, ex.cases.length, maxPages));
  if (volumes.length > 1) volumes.forEach((v, i) => volumeTable(t, v, i * maxPages, Math.min((i + 1) * maxPages, t.firstRows.length)));
  return volumes;
}
