/** Where Word files are rendered: here, or on a second thread (thread.ts) while the PDFs render on this one. */
import type { DocumentModel } from '../../model/types';
import type { Metrics } from '../pdf/fonts';
import { renderDocx } from './index';

/** What a Word file's bytes depend on besides its model and date. */
export interface DocxRenderOptions {
  /** The number of the first page: a volume's numbering goes on from the volume before (default 1). */
  firstPageNumber?: number;
  /** Told as the exhibit rows are written, a few hundred at a time (for progress; no effect on the bytes). */
  onRows?: (rows: number) => void;
}

export interface DocxRenderer {
  render(model: DocumentModel, asOf: string, opts?: DocxRenderOptions): Promise<Buffer>;
  /** A volume's documents are all sent: tables kept for them may go. */
  release?(): void;
}

/**
 * DOCX here, one document at a time: the documents of a filing are asked for
 * together, and a statewide filing's volumes rendered all at once would each
 * hold their tables in flight.
 */
export function inProcessDocx(metrics: Metrics): DocxRenderer {
  let last: Promise<unknown> = Promise.resolve();
  return {
    render(model, asOf, opts = {}) {
      const next = last.then(() => renderDocx(model, { ...opts, asOf, metrics }));
      last = next.catch(() => undefined);
      return next;
    },
  };
}
