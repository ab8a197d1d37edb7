/**
 * The DOCX renderer on a worker thread, so a run renders its Word and PDF
 * documents on both cores. The main thread sends each document's model with
 * its exhibits' cases left out, and each exhibit's table once, as JSON of
 * its cells: structured-cloning a county's cases costs several times more
 * than parsing their JSON (bench/README.md).
 * The documents come back as bytes. See thread.ts for the other side.
 */
import { parentPort as port, type MessagePort } from 'node:worker_threads';
import type { DocumentModel } from '../../model/types';
import { renderDocx, type ExhibitTable } from './index';

export type WorkerRequest =
  | {
      type: 'render';
      id: number;
      model: DocumentModel;
      asOf: string;
      /** The number of the document's first page (DocxRenderOptions). */
      firstPageNumber?: number;
      /** Exhibit letter -> the key of its table. */
      tables: Array<[string, number]>;
      /** Tables not sent before: key -> JSON of an ExhibitTable, as UTF-8. */
      rows: Array<[number, Uint8Array]>;
    }
  | { type: 'forget' };

/** The document, or why not; before either, `rows` as exhibit rows are written (for progress). */
export type WorkerReply = { id: number; bytes: Uint8Array } | { id: number; error: string } | { id: number; rows: number };

/** Serve render requests on a port, one at a time, in order; the tables sent are kept until a "forget". */
export function serve(parent: MessagePort): void {
  const known = new Map<number, ExhibitTable>();
  let queue = Promise.resolve();
  parent.on('message', (m: WorkerRequest) => {
    queue = queue.then(async () => {
      const reply = await handle(known, m, (r) => parent.postMessage(r));
      if (reply) parent.postMessage(reply, 'bytes' in reply ? [reply.bytes.buffer as ArrayBuffer] : []);
    });
  });
}

async function handle(known: Map<number, ExhibitTable>, m: WorkerRequest, tell: (r: WorkerReply) => void): Promise<WorkerReply | undefined> {
  if (m.type === 'forget') {
    known.clear();
    return undefined;
  }
  try {
    for (const [key, json] of m.rows) known.set(key, JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8')) as ExhibitTable);
    const tables = new Map(
      m.tables.map(([letter, key]) => {
        const t = known.get(key);
        // Without its table the exhibit would render empty: never that.
        if (!t) throw new Error(`bug: exhibit ${letter} of ${m.model.title} arrived without its table (key ${key})`);
        return [letter, t] as const;
      }),
    );
    const id = m.id;
    const bytes = await renderDocx(m.model, { asOf: m.asOf, tables, onRows: (rows) => tell({ id, rows }), ...(m.firstPageNumber !== undefined ? { firstPageNumber: m.firstPageNumber } : {}) });
    // A Buffer may share its memory with others (Node's pool): hand over a copy that owns its own.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? new Uint8Array(bytes.buffer) : new Uint8Array(bytes);
    return { id: m.id, bytes: own };
  } catch (e) {
    return { id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

if (port) serve(port);
