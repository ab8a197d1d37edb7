/**
 * `bulk-motions serve` over HTTP, with Node alone: the token, the Host and
 * Origin checks, no CORS header, loopback only; then the page's whole path
 * through the API: load the LA sample, plan, answer one review row (the
 * answers file is the one --resolved reads), generate, and the zip of the run
 * holds exactly the files its manifest lists.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { validate } from '../src/engine/run';
import { startServer, type Served } from '../src/server';

const root = path.join(__dirname, '..');
const sample = path.join(root, 'samples', 'los-angeles');
const dir = mkdtempSync(path.join(tmpdir(), 'bm-server-'));
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let served: Served;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function http(method: string, url: string, opts: { headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: opts.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
const api = (p: string) => served.url + p;
const json = async (method: string, p: string, body?: unknown) => {
  const r = await http(method, api(p), body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  const text = r.body.toString('utf8');
  return { status: r.status, body: (String(r.headers['content-type']).startsWith('application/json') ? JSON.parse(text) : { error: text }) as Record<string, any> };
};
async function until(p: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await p()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

beforeAll(async () => {
  served = await startServer({ out: path.join(dir, 'out'), work: path.join(dir, 'work'), asOf: '2026-11-26', threads: 1 });
});
afterAll(() => served.close());

describe('only the user who has the URL reaches the server', () => {
  test('a request without the token, or with another one, gets 403', async () => {
    const base = `http://127.0.0.1:${served.port}`;
    for (const p of ['/', '/api/state', '/app.js', `/${'x'.repeat(43)}/api/state`, `/${served.token.slice(1)}/api/state`, `/api/state?token=${served.token}`]) {
      expect([p, (await http('GET', base + p)).status]).toEqual([p, 403]);
    }
    expect((await http('GET', api('api/state'))).status).toBe(200);
  });

  test('a Host header naming anything but this server is refused (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${served.port}`, `127.0.0.1:${served.port + 1}`, '127.0.0.1']) {
      expect([host, (await http('GET', api('api/state'), { headers: { Host: host } })).status]).toEqual([host, 403]);
    }
    expect((await http('GET', api('api/state'), { headers: { Host: `localhost:${served.port}` } })).status).toBe(200);
  });

  test('a request from another site is refused, and no response carries a CORS header', async () => {
    const evil = { Origin: 'https://evil.example' };
    const replies = [
      await http('POST', api('api/plan'), { headers: evil }),
      await http('GET', api('api/state'), { headers: { 'Sec-Fetch-Site': 'cross-site' } }),
      await http('OPTIONS', api('api/state'), { headers: { ...evil, 'Access-Control-Request-Method': 'PUT' } }),
    ];
    expect(replies.map((r) => r.status)).toEqual([403, 403, 403]);
    const own = await http('GET', api('api/state'), { headers: { Origin: `http://127.0.0.1:${served.port}` } });
    expect(own.status).toBe(200);
    for (const r of [...replies, own]) expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(own.headers['content-security-policy']).toContain("default-src 'none'");
  });

  test('it listens on 127.0.0.1 only: not on any other address of this machine', async () => {
    expect((served.server.address() as AddressInfo).address).toBe('127.0.0.1');
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal)
      .map((i) => i!.address);
    if (others.length === 0) return console.warn('no non-loopback IPv4 address on this machine: the connect check is skipped');
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const s = connect({ host: address, port: served.port });
        s.setTimeout(3000, () => (s.destroy(), resolve('timeout')));
        s.on('connect', () => (s.destroy(), resolve('connected')));
        s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect([address, outcome]).not.toEqual([address, 'connected']);
    }
  });
});

test('load the LA sample, plan, answer a review row, generate, and the zip matches the manifest', async () => {
  // Load: the files as the page uploads them, each saved under a name of its own.
  for (const [role, name] of [['config', 'config.yaml'], ['cases', 'cases.csv']] as const) {
    const r = await http('PUT', api(`api/files/${role}?name=${name}`), { body: readFileSync(path.join(sample, name)) });
    expect(r.status).toBe(201);
  }
  expect((await http('PUT', api('api/files/cases?name=cases.csv'), { body: 'x' })).status).toBe(201);
  const [first, second] = served.session.cases;
  expect(first!.path).not.toBe(second!.path);
  expect(readFileSync(first!.path)).toEqual(readFileSync(path.join(sample, 'cases.csv')));
  expect((await json('DELETE', `api/files/cases/${second!.id}`)).status).toBe(200);

  // Plan.
  expect((await json('POST', 'api/plan')).status).toBe(202);
  await until(async () => (await json('GET', 'api/state')).body.plan !== null);
  let state = (await json('GET', 'api/state')).body;
  expect(state.plan.ok).toBe(true);
  expect(state.plan.counts).toMatchObject({ inputRows: 417, reviewRows: 18, filedCases: 271 });
  expect(state.plan.files).toEqual([{ file: 'cases.csv', rows: 417 }]);
  expect(state.plan.filings[0]).toMatchObject({ agencyName: 'Los Angeles County District Attorney', caseType: 'felony', relief: 'dismiss_and_seal', caseCount: 27 });
  expect(state.plan.groups.find((g: { code: string }) => g.code === 'BM301')).toMatchObject({ diagnostics: 5, rows: 5, outcome: 'review' });
  const bm301 = (await json('GET', 'api/codes/BM301')).body;
  expect(bm301.items.map((i: { line: number }) => i.line)).toEqual([42, 121, 123, 302, 411]);

  // Review: filtered by code, a page at a time; line 121's case number is BA999121.
  const page = (await json('GET', 'api/review?code=BM301&limit=2&offset=1')).body;
  expect([page.total, page.all, page.rows.length, page.rows[0].line]).toEqual([5, 18, 2, 121]);
  const row = page.rows[0];
  const answered = await json('PUT', `api/answers/${row.key}`, { caseNumber: 'BA999121' });
  expect(answered.body).toEqual({ ok: true, problems: [] });
  state = (await json('GET', 'api/state')).body;
  expect(state.plan.counts).toMatchObject({ reviewRows: 17, resolvedRows: 1, filedCases: 272 });
  const after = (await json('GET', 'api/review?code=BM301')).body.rows.find((r: { key: string }) => r.key === row.key);
  expect(after).toMatchObject({ status: 'filed', outcome: { filed: { caseNumber: 'BA999121' } }, answer: { caseNumber: 'BA999121' } });
  // The answers file is the one the command line reads: the engine, given it as --resolved, files the row.
  const cli = await validate({ cases: [first!.path], config: served.session.config!.path, asOf: '2026-11-26', resolved: state.answersFile });
  expect(cli.counts).toMatchObject({ reviewRows: 17, resolvedRows: 1 });
  // A bad answer is saved, said, and keeps the plan from using it.
  const bad = await json('PUT', `api/answers/${page.rows[1].key}`, { court: 'Nowhere Court' });
  expect(bad.body.problems.map((d: { code: string }) => d.code)).toEqual(['BM808']);
  expect((await json('POST', 'api/generate', {})).status).toBe(409);
  expect((await json('PUT', `api/answers/${page.rows[1].key}`, {})).body.problems).toEqual([]);

  // Generate, then the run's files.
  expect((await json('POST', 'api/generate', { formats: ['pdf'], packets: true })).status).toBe(202);
  await until(async () => (await json('GET', 'api/state')).body.generated !== null);
  const g = (await json('GET', 'api/state')).body.generated;
  expect(g.ok).toBe(true);
  expect(g.documents.length).toBeGreaterThan(16);
  expect(g.packets.map((p: { path: string }) => p.path)).toContain('packets/da.zip');
  const zip = await http('GET', api('download/run.zip'));
  expect(zip.status).toBe(200);
  const entries = unzipSync(zip.body);
  const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')) as { outputs: Array<{ path: string; sha256: string }> };
  expect(Object.keys(entries)).toEqual([...manifest.outputs.map((o) => o.path), 'manifest.json']);
  for (const o of manifest.outputs) expect([o.path, sha256(entries[o.path]!)]).toEqual([o.path, o.sha256]);
  expect(Object.keys(entries)).toHaveLength(g.files);
  // The same run, the same zip.
  expect((await http('GET', api('download/run.zip'))).body.equals(zip.body)).toBe(true);
  // The run's summary, when the engine writes one, is offered and shown sandboxed (no script).
  if (g.summary.html) {
    const html = await http('GET', api('files/summary.html'));
    expect([html.status, String(html.headers['content-security-policy']).startsWith('sandbox;')]).toEqual([200, true]);
  }
  expect(g.summary).toEqual({ html: existsSync(path.join(dir, 'out', 'summary.html')), pdf: existsSync(path.join(dir, 'out', 'summary.pdf')) });
  // A document opens; a path the manifest does not list does not.
  const pdf = await http('GET', api(`files/${g.documents[0].path}`));
  expect([pdf.status, pdf.headers['content-type'], pdf.body.subarray(0, 5).toString()]).toEqual([200, 'application/pdf', '%PDF-']);
  expect((await http('GET', api('files/..%2F..%2Fwork%2Fanswers.csv'))).status).toBe(404);
  expect((await http('GET', api('files/nothing.pdf'))).status).toBe(404);
}, 180_000);

test('the bundled sample loads as if its files were chosen; an unknown sample is 404', async () => {
  const other = await startServer({ out: path.join(dir, 'out2'), work: path.join(dir, 'work2'), asOf: '2026-11-26' });
  try {
    const post = (name: string) => http('POST', `${other.url}api/sample/${name}`);
    expect((await post('nowhere')).status).toBe(404);
    expect((await post('..%2F..%2Fetc')).status).toBe(404);
    expect((await post('los-angeles')).status).toBe(201);
    expect([other.session.config?.name, other.session.cases.map((c) => [c.name, c.format])]).toEqual(['config.yaml', [['cases.csv', 'CSV, gogen (Clear My Record) results']]]);
  } finally {
    await other.close();
  }
});

test('without --out, the filings go to a new folder under the home folder, the uploads beside them', () => {
  const { defaultFolders } = require('../src/cli/serve') as typeof import('../src/cli/serve');
  const dayjs = require('dayjs') as typeof import('dayjs');
  expect(defaultFolders({}, '/home/clerk', dayjs('2026-11-26T10:11:12'))).toEqual({ out: '/home/clerk/bulk-motions/2026-11-26-101112/filings', work: '/home/clerk/bulk-motions/2026-11-26-101112/work' });
  expect(defaultFolders({ out: '/srv/la' }, '/home/clerk')).toEqual({ out: '/srv/la', work: '/srv/la-work' });
});
