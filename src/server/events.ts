/**
 * Server-sent events to the page: job progress and "the state changed".
 * Progress is sent at most every 100 ms per stage (and always at its end),
 * so a 66,000-case run does not flood the page.
 */
import type { ServerResponse } from 'node:http';

export type PageEvent =
  | { type: 'state' }
  | { type: 'job'; kind: 'plan' | 'generate'; status: 'started' | 'done' | 'failed' | 'cancelled' }
  /** The engine's progress event as it is (stage, done, total, and what the stage adds: rows, step, pages, documents...). */
  | { type: 'progress'; kind: 'plan' | 'generate'; stage: string; done: number; total: number; [more: string]: unknown };

export class Events {
  private readonly clients = new Set<ServerResponse>();
  private readonly last = new Map<string, number>();
  private readonly beat: NodeJS.Timeout;

  constructor(private readonly clock: () => number = Date.now) {
    this.beat = setInterval(() => this.write(': keep-alive\n\n'), 15_000);
    this.beat.unref();
  }

  /** A new page listening. */
  attach(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  send(e: PageEvent): void {
    if (e.type === 'progress') {
      const k = `${e.kind}:${e.stage}`;
      const now = this.clock();
      if (e.done < e.total && now - (this.last.get(k) ?? 0) < 100) return;
      this.last.set(k, now);
    }
    this.write(`data: ${JSON.stringify(e)}\n\n`);
  }

  private write(text: string): void {
    for (const c of this.clients) c.write(text);
  }

  close(): void {
    clearInterval(this.beat);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}
