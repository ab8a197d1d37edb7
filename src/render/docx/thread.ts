/**
 * Word documents rendered on a second thread (worker.ts) while
 * this one renders the PDFs: the two formats take about as long as each
 * other, so a run that makes both takes about half the time on two cores.
 * Only where the compiled worker exists (dist/); tests of the TypeScript
 * sources render in-process. The bytes are the same either way (tested).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentModel, Exhibit } from '../../model/types';
import type { Metrics } from '../pdf/fonts';
import { exhibitTable } from './index';
import type { DocxRenderer, DocxRenderOptions } from './renderer';
import type { WorkerReply, WorkerRequest } from './worker';

const WORKER = path.join(__dirname, 'worker.js');

export class DocxThread implements DocxRenderer {
  private readonly pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void; onRows?: (rows: number) => void }>();
  private nextId = 1;
  private nextKey = 1;
  private sent = new WeakMap<Exhibit, number>();
  private failed: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly metrics: Metrics,
  ) {
    worker.on('message', (r: WorkerReply) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      if ('rows' in r) return p.onRows?.(r.rows);
      this.pending.delete(r.id);
      if ('error' in r) p.reject(new Error(`DOCX worker: ${r.error}`));
      else p.resolve(Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength));
    });
    const fail = (e: Error) => {
      this.failed = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`DOCX worker exited (code ${code})`)));
  }

  /** A second thread for DOCX, or undefined where the compiled worker is not there. */
  static start(metrics: Metrics): DocxThread | undefined {
    if (!existsSync(WORKER)) return undefined;
    return new DocxThread(new Worker(WORKER), metrics);
  }

  render(model: DocumentModel, asOf: string, opts: DocxRenderOptions = {}): Promise<Buffer> {
    if (this.failed) return Promise.reject(this.failed);
    const tables: Array<[string, number]> = [];
    const rows: Array<[number, Uint8Array]> = [];
    const parts = model.parts.map((p) => {
      if (p.kind !== 'exhibit') return p;
      let key = this.sent.get(p.exhibit);
      if (key === undefined) {
        this.sent.set(p.exhibit, (key = this.nextKey++));
        const json = Buffer.from(JSON.stringify(exhibitTable(p.exhibit, this.metrics)), 'utf8');
        // Hand the memory over rather than copy it, unless it is a slice of Node's shared pool.
        rows.push([key, json.byteOffset === 0 && json.byteLength === json.buffer.byteLength ? new Uint8Array(json.buffer) : new Uint8Array(json)]);
      }
      tables.push([p.exhibit.letter, key]);
      return { ...p, exhibit: { ...p.exhibit, cases: [] } };
    });
    const id = this.nextId++;
    const request: WorkerRequest = { type: 'render', id, model: { ...model, parts }, asOf, ...(opts.firstPageNumber !== undefined ? { firstPageNumber: opts.firstPageNumber } : {}), tables, rows };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(opts.onRows ? { onRows: opts.onRows } : {}) });
      this.worker.postMessage(request, rows.map(([, b]) => b.buffer as ArrayBuffer));
    });
  }

  /** The worker may let go of the tables sent so far (a volume is done). */
  release(): void {
    this.sent = new WeakMap();
    if (!this.failed) this.worker.postMessage({ type: 'forget' } satisfies WorkerRequest);
  }

  async close(): Promise<void> {
    this.failed ??= new Error('DOCX worker closed');
    await this.worker.terminate();
  }
}
