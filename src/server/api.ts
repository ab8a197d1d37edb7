/**
 * The page's API, under the token: files in, plan, review rows and answers,
 * generate, and the run's files out (only those its manifest lists).
 */
import { createReadStream, existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CASE_TYPES, RELIEFS } from '../domain';
import { readRunManifest, runZip } from '../engine/run-zip';
import { FORMATS, type Format } from '../documents';
import { toolVersion } from '../io/files';
import type { Events } from './events';
import { contentType, HttpError, readJson, sendJson } from './http';
import { Router, type Context } from './router';
import type { Session } from './session';
import { codeRows, diagnosticView, planView, reviewPage, toAnswer, type ReviewQuery } from './views';

/** The package's samples folder (beside dist/ and src/). */
const SAMPLES = path.resolve(__dirname, '..', '..', 'samples');

const int = (v: string | null, d: number, max = Number.MAX_SAFE_INTEGER) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? Math.min(n, max) : d;
};

function state(s: Session) {
  const r = s.result;
  const config = (s.good ?? r)?.pipeline?.config;
  return {
    version: toolVersion(),
    asOf: s.options.asOf,
    out: s.options.out,
    work: s.options.work,
    answersFile: s.answersFile,
    config: s.config ? { id: s.config.id, name: s.config.name, bytes: s.config.bytes, format: s.config.format } : null,
    cases: s.cases.map((c) => ({ id: c.id, name: c.name, bytes: c.bytes, format: c.format })),
    job: s.job ? { kind: s.job.kind } : null,
    failure: s.failure ?? null,
    plan: r ? planView(s, r) : null,
    // The plan shown while the answers have a problem: the last one that read them all.
    good: s.good && s.good !== r ? planView(s, s.good) : null,
    answers: s.answers.size,
    answerProblems: [...s.answerIssues.values()].flat().map((d) => diagnosticView(d, (f) => s.nameOf(f))),
    choices: {
      decisions: ['file', 'exclude'],
      caseTypes: CASE_TYPES,
      reliefs: RELIEFS,
      courts: (config?.courts ?? []).map((c) => ({ id: c.id, name: c.name })),
      formats: FORMATS,
    },
    generated: s.generated ?? null,
  };
}

async function serveOutput(s: Session, { res, params, query }: Context): Promise<void> {
  const want = params['*'] ?? '';
  const out = s.options.out;
  if (!existsSync(path.join(out, 'manifest.json'))) throw new HttpError(404, 'nothing has been generated yet');
  const m = await readRunManifest(out);
  // Only what the run wrote: a path the manifest lists, or the manifest itself.
  if (want !== 'manifest.json' && !m.outputs.some((o) => o.path === want)) throw new HttpError(404, 'the run has no such file');
  const file = path.join(out, ...want.split('/'));
  const { size } = await fs.stat(file);
  const ext = path.extname(file);
  const inline = ['.pdf', '.html', '.txt', '.md', '.json'].includes(ext) && query.get('download') === null;
  const headers: Record<string, string | number> = {
    'Content-Type': contentType(ext),
    'Content-Length': size,
    'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${path.basename(file).replace(/"/g, '')}"`,
  };
  // The run's summary page is shown in a frame: it may not run a script or reach anything.
  if (ext === '.html') headers['Content-Security-Policy'] = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'";
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
}

export function apiRoutes(s: Session, events: Events): Router {
  const r = new Router();
  r.add('GET', 'api/state', ({ res }) => sendJson(res, 200, state(s)));
  r.add('GET', 'api/events', ({ res }) => events.attach(res));
  r.add('PUT', 'api/files/:role', async ({ req, res, params, query }) => {
    const role = params.role;
    if (role !== 'config' && role !== 'cases') throw new HttpError(404, 'files are a config or case lists');
    const name = query.get('name') ?? '';
    if (!name) throw new HttpError(400, 'the file has no name');
    const f = await s.addFile(role, name, req);
    sendJson(res, 201, { id: f.id, name: f.name, bytes: f.bytes, format: f.format });
  });
  // The samples that come with the package, loaded as if the user had chosen their files.
  r.add('POST', 'api/sample/:name', async ({ res, params }) => {
    const dir = path.join(SAMPLES, params.name!);
    if (!/^[a-z-]+$/.test(params.name!) || !existsSync(path.join(dir, 'config.yaml'))) throw new HttpError(404, 'no such sample');
    await s.addFile('config', 'config.yaml', createReadStream(path.join(dir, 'config.yaml')));
    await s.addFile('cases', 'cases.csv', createReadStream(path.join(dir, 'cases.csv')));
    sendJson(res, 201, { ok: true });
  });
  r.add('DELETE', 'api/files/cases/:id', ({ res, params }) => {
    s.removeCases(params.id!);
    sendJson(res, 200, { ok: true });
  });
  r.add('POST', 'api/plan', ({ res }) => {
    void s.requestPlan();
    sendJson(res, 202, { ok: true });
  });
  r.add('GET', 'api/review', ({ res, query }) => {
    const q: ReviewQuery = {
      offset: int(query.get('offset'), 0),
      limit: int(query.get('limit'), 50, 500) || 50,
      ...(query.get('code') ? { code: query.get('code')! } : {}),
      status: (['open', 'answered', 'all'] as const).find((x) => x === query.get('status')) ?? 'all',
      sort: (['source', 'code', 'status', 'case'] as const).find((x) => x === query.get('sort')) ?? 'source',
      dir: query.get('dir') === 'desc' ? 'desc' : 'asc',
      q: query.get('q') ?? '',
    };
    sendJson(res, 200, reviewPage(s, q));
  });
  r.add('GET', 'api/codes/:code', ({ res, params, query }) => {
    if (!s.result) throw new HttpError(409, 'there is no plan yet');
    sendJson(res, 200, codeRows(s, s.result, params.code!, int(query.get('offset'), 0), int(query.get('limit'), 50, 500) || 50));
  });
  r.add('PUT', 'api/answers/:key', async ({ req, res, params }) => {
    if (s.job?.kind === 'generate') throw new HttpError(409, 'documents are being generated: answer when they are done');
    await s.setAnswer(params.key!, toAnswer(await readJson(req)));
    sendJson(res, 200, { ok: true, problems: (s.answerIssues.get(params.key!) ?? []).map((d) => diagnosticView(d, (f) => s.nameOf(f))) });
  });
  r.add('POST', 'api/generate', async ({ req, res }) => {
    const b = ((await readJson(req)) ?? {}) as { formats?: unknown; packets?: unknown; draft?: unknown };
    const formats = (Array.isArray(b.formats) ? b.formats : FORMATS).filter((f): f is Format => (FORMATS as readonly unknown[]).includes(f));
    if (formats.length === 0) throw new HttpError(400, 'choose at least one format: DOCX or PDF');
    void s.requestGenerate({ formats, packets: b.packets === true, draft: b.draft === true });
    sendJson(res, 202, { ok: true });
  });
  r.add('POST', 'api/cancel', ({ res }) => sendJson(res, 200, { cancelled: s.cancel() }));
  r.add('GET', 'download/answers.csv', async ({ res }) => {
    if (!existsSync(s.answersFile)) throw new HttpError(404, 'no answers yet');
    const body = await fs.readFile(s.answersFile);
    res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Length': body.length, 'Content-Disposition': 'attachment; filename="answers.csv"' });
    res.end(body);
  });
  r.add('GET', 'download/run.zip', async ({ res }) => {
    if (!existsSync(path.join(s.options.out, 'manifest.json'))) throw new HttpError(404, 'nothing has been generated yet');
    const m = await readRunManifest(s.options.out);
    const zip = await runZip(s.options.out);
    res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="bulk-motions-${m.asOf}.zip"` });
    zip.on('error', () => res.destroy());
    zip.pipe(res);
  });
  r.add('GET', 'files/*', (ctx) => serveOutput(s, ctx));
  return r;
}
