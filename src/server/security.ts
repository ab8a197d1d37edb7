/**
 * What keeps the local server the user's alone: a random token made at start
 * that every request must carry as its first path segment, a Host header that
 * names this server (so a web page cannot reach it by a DNS name it controls),
 * no request from another site (Origin, Sec-Fetch-Site), and no CORS header,
 * ever. The server listens on 127.0.0.1 only (see index.ts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** 32 random bytes, URL-safe: the secret the printed URL carries. */
export const makeToken = () => randomBytes(32).toString('base64url');

export type Checked = { ok: true; rest: string } | { ok: false; status: 403; why: string };

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The hosts a browser on this machine uses for the server. */
export const allowedHosts = (port: number) => [`127.0.0.1:${port}`, `localhost:${port}`];

/** Checks one request; on success, the path after the token ('' for the page itself). */
export function checkRequest(req: IncomingMessage, token: string, port: number): Checked {
  const hosts = allowedHosts(port);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.includes(host)) return { ok: false, status: 403, why: 'wrong host' };
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) return { ok: false, status: 403, why: 'another origin' };
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return { ok: false, status: 403, why: 'another site' };
  const url = req.url ?? '/';
  const m = /^\/([A-Za-z0-9_-]+)(\/[^?#]*)?(?:[?#].*)?$/.exec(url);
  if (!m || !sameToken(m[1]!, token)) return { ok: false, status: 403, why: 'no token' };
  try {
    return { ok: true, rest: decodeURIComponent((m[2] ?? '/').slice(1)) };
  } catch {
    return { ok: false, status: 403, why: 'a malformed path' };
  }
}

/** The page's own assets, nothing else: scripts, styles, fonts, frames and requests only from this server. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

/** Headers on every response. No Access-Control-* header is ever sent. */
export function secureHeaders(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  res.setHeader('Content-Security-Policy', CSP);
}
