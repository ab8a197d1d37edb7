/**
 * One server's work: the files the user loaded (saved into the working
 * folder, never over an input), their answers to review rows (the answers
 * file `--resolved` reads), the last plan and the last generate. Jobs run one
 * at a time through the library's engine, exactly as the CLI runs them.
 */
import { createWriteStream, existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline as pipe } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Diagnostic } from '../diagnostics/catalog';
import type { Format } from '../documents';
import { answerProblems, answered, answersCsv, reviewRows, type Answer, type ReviewRow } from '../engine/review';
import { readRunManifest } from '../engine/run-zip';
import { generate, validate } from '../engine/run';
import type { ProgressEvent, RunEvent, RunResult } from '../engine/types';
import { detectFormat } from './formats';
import type { Events } from './events';
import { HttpError } from './http';

export interface SessionOptions {
  /** The output folder generate writes (a run's whole folder, switched in at the end). */
  out: string;
  /** The working folder: uploaded inputs and answers.csv. */
  work: string;
  /** The run date, YYYY-MM-DD (the caller reads the clock). */
  asOf: string;
  threads?: number;
}

export interface InputFile {
  id: string;
  /** The name the user's file had. */
  name: string;
  /** Where it was saved in the working folder. */
  path: string;
  bytes: number;
  format: string;
}

export interface GenerateRequest {
  formats: Format[];
  packets: boolean;
  draft: boolean;
}

export interface Generated {
  ok: boolean;
  exitCode: number;
  diagnostics: Diagnostic[];
  documents: Array<{ path: string; kind: string; format: string; bytes: number; pages?: number; cases?: number }>;
  packets: Array<{ path: string; bytes: number }>;
  /** The run's other files: listings, plan, changes, summary (manifest.json last). */
  others: Array<{ path: string; bytes: number }>;
  /** Every file of the run (the manifest's outputs) and manifest.json. */
  files: number;
  draft: boolean;
  summary: { html: boolean; pdf: boolean };
}

type Kind = 'plan' | 'generate';

export class Session {
  config?: InputFile;
  cases: InputFile[] = [];
  readonly answers = new Map<string, Answer>();
  /** The last plan run: its result, review rows, and problems with the answers by row key. */
  result?: RunResult;
  review: ReviewRow[] = [];
  answerIssues = new Map<string, Diagnostic[]>();
  /** The last plan that read every answer without a problem. */
  good?: RunResult;
  generated?: Generated;
  job?: { kind: Kind; controller: AbortController };
  private queue: Promise<void> = Promise.resolve();
  private planWaiting = false;
  private seq = 0;

  constructor(
    readonly options: SessionOptions,
    private readonly events: Events,
  ) {}

  get answersFile(): string {
    return path.join(this.options.work, 'answers.csv');
  }

  /** Saves an uploaded file under a name of its own (never over another file), and takes it as the config or a case list. */
  async addFile(role: 'config' | 'cases', name: string, body: Readable): Promise<InputFile> {
    const dir = path.join(this.options.work, 'inputs');
    await fs.mkdir(dir, { recursive: true });
    const safe = path.basename(name).replace(/[^A-Za-z0-9._ -]+/g, '_').replace(/^\.+/, '') || 'file';
    const id = String(++this.seq);
    const file = path.join(dir, `${id.padStart(3, '0')}-${safe}`);
    await pipe(body, createWriteStream(file, { flags: 'wx' }));
    const { size } = await fs.stat(file);
    const input: InputFile = { id, name: path.basename(name), path: file, bytes: size, format: await detectFormat(file, role) };
    if (role === 'config') this.config = input;
    else this.cases.push(input);
    this.changed();
    return input;
  }

  removeCases(id: string): void {
    const before = this.cases.length;
    this.cases = this.cases.filter((c) => c.id !== id);
    if (this.cases.length === before) throw new HttpError(404, 'no such case list');
    this.changed();
  }

  private changed(): void {
    this.result = undefined;
    this.good = undefined;
    this.review = [];
    this.events.send({ type: 'state' });
  }

  /** The user's name for a file the engine names by its path. */
  nameOf(file: string | undefined): string | undefined {
    if (file === undefined) return undefined;
    if (file === this.answersFile) return 'answers.csv';
    return [this.config, ...this.cases].find((f) => f?.path === file)?.name ?? path.basename(file);
  }

  /** Plans again once the running job is done (several requests while one waits are one plan). */
  requestPlan(): Promise<void> {
    if (!this.config || this.cases.length === 0) throw new HttpError(409, 'load a config and at least one case list first');
    if (this.planWaiting) return this.queue;
    this.planWaiting = true;
    return this.enqueue('plan', async (signal) => {
      this.planWaiting = false;
      await this.plan(signal);
    });
  }

  /** Saves one row's answer (or clears it), rewrites the answers file, and plans again. */
  async setAnswer(key: string, answer: Answer): Promise<void> {
    if (!this.review.some((r) => r.key === key)) throw new HttpError(404, 'no review row has this key in the current plan');
    if (answered(answer)) this.answers.set(key, answer);
    else this.answers.delete(key);
    await this.writeAnswers();
    await this.requestPlan();
  }

  private async writeAnswers(): Promise<void> {
    const p = this.result?.pipeline;
    if (!p) return;
    const tmp = `${this.answersFile}.${process.pid}.tmp`;
    await fs.writeFile(tmp, answersCsv(p, this.answers));
    await fs.rename(tmp, this.answersFile);
  }

  private inputs() {
    return {
      cases: this.cases.map((c) => c.path),
      config: this.config!.path,
      asOf: this.options.asOf,
      ...(this.answers.size && existsSync(this.answersFile) ? { resolved: this.answersFile } : {}),
    };
  }

  private sink(kind: Kind) {
    return {
      event: (e: RunEvent) => {
        if (e.type === 'progress') this.progress(kind, e);
      },
    };
  }

  private progress(kind: Kind, e: ProgressEvent): void {
    const { type: _type, ...fields } = e;
    this.events.send({ type: 'progress', kind, ...fields });
    const { stage, done } = e;
    // Cases, from the filings done (they finish in plan order).
    if (stage === 'filings' && this.result?.filings) {
      const f = this.result.filings;
      const cases = (n: number) => f.slice(0, n).reduce((s, x) => s + x.caseCount, 0);
      this.events.send({ type: 'progress', kind, stage: 'cases', done: cases(done), total: cases(f.length) });
    }
  }

  private async plan(signal: AbortSignal): Promise<void> {
    const result = await validate({ ...this.inputs(), signal }, this.sink('plan'));
    this.result = result;
    this.review = result.pipeline ? reviewRows(result.pipeline) : [];
    this.answerIssues = new Map();
    const bad = result.diagnostics.filter((d) => d.file === this.answersFile);
    if (bad.length) this.answerIssues = answerProblems(await fs.readFile(this.answersFile, 'utf8'), bad, this.answersFile);
    else if (result.ok) this.good = result;
  }

  /** Runs generate into the output folder; the documents then list what the manifest says. */
  requestGenerate(req: GenerateRequest): Promise<void> {
    if (!this.good) throw new HttpError(409, 'there is no plan to generate from: load the files and fix any problem first');
    if (this.answerIssues.size) throw new HttpError(409, 'some answers have problems: fix them in the review step first');
    return this.enqueue('generate', async (signal) => {
      this.generated = undefined;
      const result = await generate({ ...this.inputs(), out: this.options.out, format: req.formats, packets: req.packets, draft: req.draft, signal, ...(this.options.threads ? { threads: this.options.threads } : {}) }, this.sink('generate'));
      this.generated = await this.describe(result, req);
    });
  }

  private async describe(r: RunResult, req: GenerateRequest): Promise<Generated> {
    const base = { ok: r.ok, exitCode: r.exitCode, diagnostics: r.ok ? [] : r.diagnostics, draft: req.draft };
    if (!r.ok) return { ...base, documents: [], packets: [], others: [], files: 0, summary: { html: false, pdf: false } };
    const m = await readRunManifest(this.options.out);
    const byPath = new Map(m.outputs.map((o) => [o.path, o]));
    const documents = new Set((r.documents ?? []).map((d) => d.path));
    const has = (p: string) => byPath.has(p) && existsSync(path.join(this.options.out, p));
    return {
      ...base,
      documents: (r.documents ?? []).map((d) => ({ ...d, ...(byPath.get(d.path)?.pages ? { pages: byPath.get(d.path)!.pages! } : {}), ...(byPath.get(d.path)?.cases !== undefined ? { cases: byPath.get(d.path)!.cases! } : {}) })),
      packets: (r.packets ?? []).map((p) => ({ path: p.path, bytes: p.bytes })),
      others: [...m.outputs.filter((o) => !documents.has(o.path) && o.kind !== 'packet').map((o) => ({ path: o.path, bytes: o.bytes ?? 0 })), { path: 'manifest.json', bytes: (await fs.stat(path.join(this.options.out, 'manifest.json'))).size }],
      files: m.outputs.length + 1,
      summary: { html: has('summary.html'), pdf: has('summary.pdf') },
    };
  }

  cancel(): boolean {
    if (!this.job) return false;
    this.job.controller.abort();
    return true;
  }

  private enqueue(kind: Kind, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const run = async () => {
      const controller = new AbortController();
      this.job = { kind, controller };
      this.events.send({ type: 'job', kind, status: 'started' });
      let status: 'done' | 'failed' | 'cancelled' = 'done';
      try {
        await work(controller.signal);
      } catch (e) {
        status = controller.signal.aborted ? 'cancelled' : 'failed';
        if (status === 'failed') this.failure = e instanceof Error ? e.message : String(e);
      } finally {
        this.job = undefined;
        this.events.send({ type: 'job', kind, status });
        this.events.send({ type: 'state' });
      }
    };
    this.queue = this.queue.then(run);
    return this.queue;
  }

  /** The last job's internal failure (a bug, not a problem with the files), said on the page. */
  failure?: string;
}
