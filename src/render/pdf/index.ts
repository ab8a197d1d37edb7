/** PDF: layout (pure) then drawing (thin). */
import type { DocumentModel } from '../../model/types';
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
