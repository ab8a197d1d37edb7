/**
 * Word files shared between the second thread and this one. The second
 * thread (render/docx/thread.ts) is given a few Word files at a time; the
 * rest wait here, in order. When this thread has nothing else to do (its PDFs
 * are drawn and it would only wait for Word files), it renders waiting ones
 * itself. Word files take longer than PDFs, so without this the run waited
 * for the second thread at the end (bench/README.md). A Word file's bytes are
 * the same whichever thread renders it (tested), so which one does is free.
 */
import type { DocumentModel } from '../model/types';
import type { DocxRenderer, DocxRenderOptions } from './docx/renderer';

interface Job {
  model: DocumentModel;
  asOf: string;
  opts: DocxRenderOptions;
  resolve: (b: Buffer) => void;
  reject: (e: unknown) => void;
}

/** A point in the queue where everything before it has been handed out: the thread may forget tables sent for it. */
const RELEASE = 'release';

export class SharedDocx implements DocxRenderer {
  private readonly waiting: Array<Job | typeof RELEASE> = [];
  private inFlight = 0;

  /**
   * `thread` renders on the second thread, `here` on this one; the thread is
   * given at most `depth` Word files at once, so that some are left for here.
   */
  constructor(
    private readonly thread: DocxRenderer,
    private readonly here: DocxRenderer,
    private readonly depth = 2,
  ) {}

  render(model: DocumentModel, asOf: string, opts: DocxRenderOptions = {}): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      this.waiting.push({ model, asOf, opts, resolve, reject });
      this.pump();
    });
  }

  /** The documents asked for so far are all handed out (or will be, in order): tables sent for them may go. */
  release(): void {
    this.waiting.push(RELEASE);
    this.pump();
  }

  /** Render one waiting Word file here (false when none waits). */
  async helpOne(): Promise<boolean> {
    const job = this.next();
    if (!job) return false;
    try {
      job.resolve(await this.here.render(job.model, job.asOf, job.opts));
    } catch (e) {
      job.reject(e);
    }
    return true;
  }

  /** The next waiting job, passing the release points before it on to the thread. */
  private next(): Job | undefined {
    for (let j = this.waiting.shift(); j !== undefined; j = this.waiting.shift()) {
      if (j === RELEASE) this.thread.release?.();
      else return j;
    }
    return undefined;
  }

  private pump(): void {
    while (this.inFlight < this.depth) {
      const job = this.next();
      if (!job) return;
      this.inFlight++;
      this.thread
        .render(job.model, job.asOf, job.opts)
        .then(job.resolve, job.reject)
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }
}
