/**
 * `bulk-motions serve`: a local web server for the page. It listens on
 * 127.0.0.1 only, and answers only requests that carry the token made at
 * start, name this server in their Host header and come from its own page
 * (security.ts). Everything the page needs is in the package: no CDN, no
 * font or script from elsewhere, no analytics.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { apiRoutes } from './api';
import { Events } from './events';
import { contentType, HttpError, sendText } from './http';
import { checkRequest, makeToken, secureHeaders } from './security';
import { Session, type SessionOptions } from './session';

export interface ServeOptions extends SessionOptions {
  /** The port; 0 (the default) takes a free one. */
  port?: number;
  /** The built page (default: dist/web beside this file's folder). */
  assets?: string;
  /** The token (default: a new random one). */
  token?: string;
}

export interface Served {
  server: Server;
  session: Session;
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Where the built page is: dist/web next to dist/server, or, running from the sources, the built one. */
function assetsDir(given?: string): string {
  if (given) return given;
  const beside = path.resolve(__dirname, '..', 'web');
  return existsSync(path.join(beside, 'index.html')) ? beside : path.resolve(__dirname, '..', '..', 'dist', 'web');
}

const ASSETS = new Set(['app.js', 'app.css', 'favicon.svg']);

export async function startServer(options: ServeOptions): Promise<Served> {
  const token = options.token ?? makeToken();
  const events = new Events();
  const session = new Session(options, events);
  const routes = apiRoutes(session, events);
  const assets = assetsDir(options.assets);
  let port = 0;
  const server = createServer((req, res) => {
    secureHeaders(res);
    const checked = checkRequest(req, token, port);
    if (!checked.ok) return sendText(res, checked.status, 'Forbidden: open the address bulk-motions serve printed, with its token.\n');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rest = checked.rest;
    if (rest === '' && !url.pathname.endsWith('/')) {
      // The page's links are relative to /<token>/.
      res.writeHead(308, { Location: `${url.pathname}/` });
      res.end();
      return;
    }
    if (req.method === 'GET' && (rest === '' || ASSETS.has(rest))) {
      const file = path.join(assets, rest === '' ? 'index.html' : rest);
      if (!existsSync(file)) return sendText(res, 503, 'The page is not built: run npm run build.\n');
      res.writeHead(200, { 'Content-Type': contentType(path.extname(file)) });
      createReadStream(file).pipe(res);
      return;
    }
    const m = routes.match(req.method ?? 'GET', rest);
    if (!m) return sendText(res, req.method === 'OPTIONS' ? 403 : 404, 'Not found.\n');
    Promise.resolve(m.handler({ req, res, params: m.params, query: url.searchParams })).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof HttpError ? e.message : `internal error: ${(e as Error).message ?? String(e)}`;
      if (res.headersSent) res.destroy();
      else sendText(res, status, message + '\n');
    });
  });
  // Long generate runs are not cut off; requests that stall are.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/${token}/`;
  return {
    server,
    session,
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        events.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
