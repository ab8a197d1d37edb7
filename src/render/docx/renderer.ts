/** Where Word files are rendered: here, or on a second thread (thread.ts) while the PDFs render on this one. */
import type { DocumentModel } from '../../model/types';
import type { Metrics } from '../pdf/fonts';
import { renderDocx } from './index';

export interface DocxRenderer {
  /** `onRows`: told as the exhibit rows are written (for progress). */
  render(model: DocumentModel, asOf: string, onRows?: (rows: number) => void): Promise<Buffer>;
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
    render(model, asOf, onRows) {
      const next = last.then(() => renderDocx(model, { asOf, metrics, ...(onRows ? { onRows } : {}) }));
      last = next.catch(() => undefined);
      return next;
    },
  };
}
