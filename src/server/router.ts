/**
 * A small router: METHOD and a path pattern with :name segments and a
 * trailing * (the rest of the path), matched in the order added.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
}

export type Handler = (ctx: Context) => Promise<void> | void;

interface Route {
  method: string;
  parts: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, parts: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** The handler for a method and path (after the token), with its params; undefined when none matches. */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | undefined {
    const segs = path.split('/').filter(Boolean);
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < r.parts.length && ok; i++) {
        const p = r.parts[i]!;
        if (p === '*') {
          params['*'] = segs.slice(i).join('/');
          return segs.length > i ? { handler: r.handler, params } : undefined;
        }
        const s = segs[i];
        if (s === undefined) ok = false;
        else if (p.startsWith(':')) params[p.slice(1)] = s;
        else ok = p === s;
      }
      if (ok && segs.length === r.parts.length) return { handler: r.handler, params };
    }
    return undefined;
  }
}
