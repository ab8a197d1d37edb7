/** Where Word files are rendered: here, or on a second thread (thread.ts) while the PDFs render on this one. */
import type { DocumentModel, Exhibit } from '../../model/types';
import type { Metrics } from '../pdf/fonts';
import { exhibitTable, renderDocx, type ExhibitTable } from './index';

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
 * Exhibits whose cells are kept between documents: the motion and the order
 * of a volume share their exhibit and are rendered one after the other, so
 * the last few are enough. Exhibits longer than KEEP_ROWS rows are made
 * again for each document rather than held (a Word volume is at most
 * exhibit.docx_volume_max_rows rows, 15,000 by default).
 */
const KEEP_EXHIBITS = 4;
const KEEP_ROWS = 100_000;

/**
 * Each exhibit's cells and column widths, made once and shared by the
 * documents that show it (the same as the second thread is sent: the bytes
 * are the same as with cells made per document, tested).
 */
export class WordTables {
  private readonly kept = new Map<Exhibit, ExhibitTable>();
  constructor(private readonly metrics: Metrics) {}

  /** The tables of a model's exhibits, by letter, for those short enough to keep. */
  of(model: DocumentModel): Map<string, ExhibitTable> | undefined {
    let out: Map<string, ExhibitTable> | undefined;
    for (const p of model.parts) {
      if (p.kind !== 'exhibit' || p.exhibit.cases.length > KEEP_ROWS) continue;
      let t = this.kept.get(p.exhibit);
      if (t) this.kept.delete(p.exhibit);
      else t = exhibitTable(p.exhibit, this.metrics);
      // Most recently used last; the oldest goes when there are too many.
      this.kept.set(p.exhibit, t);
      if (this.kept.size > KEEP_EXHIBITS) this.kept.delete(this.kept.keys().next().value!);
      (out ??= new Map()).set(p.exhibit.letter, t);
    }
    return out;
  }
}

/**
 * DOCX here, one document at a time: the documents of a filing are asked for
 * together, and a statewide filing's volumes rendered all at once would each
 * hold their tables in flight.
 */
export function inProcessDocx(metrics: Metrics): DocxRenderer {
  let last: Promise<unknown> = Promise.resolve();
  const tables = new WordTables(metrics);
  return {
    render(model, asOf, opts = {}) {
      const next = last.then(() => {
        const t = tables.of(model);
        return renderDocx(model, { ...opts, asOf, metrics, ...(t ? { tables: t } : {}) });
      });
      last = next.catch(() => undefined);
      return next;
    },
  };
}
