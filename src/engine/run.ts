/**
 * validate() and generate(): read the inputs, run the pipeline, render the
 * documents, stage everything and move it into place, report changes against
 * the previous run. The library's one engine; the CLI and the web page only
 * print what it reports. It reads and writes files, but never the clock or
 * the process: the date comes in the options, and progress and diagnostics go
 * out as events.
 */
import { promises as fs, readFileSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { changeReport, changesMarkdown } from '../changes/report';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { renderDocuments, type Format } from '../documents';
import { DocxThread } from '../render/docx/thread';
import { loadFonts } from '../io/fonts';
import { openInput, toolVersion } from '../io/files';
import { fsDiagnostic } from '../io/fs-errors';
import { checkInputs, inputDiagnostic, ROLES, type NamedInput } from '../io/inputs';
import { Staging } from '../io/staging';
import { memoryPolicy } from '../io/memory';
import { loadTemplates } from '../io/templates';
import { planPackets, writePackets } from '../packets';
import { filingFingerprint, filingSummary, manifestFile, outputFiles, runSnapshot, sha256, templateHashes, type OutputFile, type OutputRecord, type RunMeta } from '../output/manifest';
import { exitCodeFor, runPipeline, type CaseInput, type PipelineProgress, type PipelineResult } from '../pipeline';
import { openOutputFolder, replacesInput, type OutputFolder } from './output-folder';
import { runNamesFor, writingProgress } from './progress';
import { findPrevious, type PreviousRun } from './previous';
import { summaryFiles } from '../summary';
import type { GenerateOptions, RunEvent, RunResult, RunSink, StoppedAt, ValidateOptions } from './types';
import { plural } from '../words';

/** Read the lists, plan the filings and reconcile; with `out`, write the listings, plan and manifest. */
export function validate(options: ValidateOptions, sink: RunSink = {}): Promise<RunResult> {
  return run(options, sink);
}

/** Everything validate does, then every filing's motion and proposed order. */
export function generate(options: GenerateOptions, sink: RunSink = {}): Promise<RunResult> {
  return run(options, sink, { formats: options.format ?? ['docx', 'pdf'], threads: options.threads ?? 1, draft: options.draft ?? false, packets: options.packets ?? false });
}

function stopped(at: StoppedAt, diagnostics: Diagnostic[], pipeline?: PipelineResult): RunResult {
  return { ...summary(pipeline, diagnostics), exitCode: 1, ok: false, stoppedAt: at, written: 0, kept: 0, ...(pipeline ? { pipeline } : {}) };
}

function summary(p: PipelineResult | undefined, diagnostics: Diagnostic[]) {
  return {
    counts: p?.reconciliation?.counts ?? null,
    reconciliation: p?.reconciliation?.lines ?? [],
    filings: p?.plan?.filings.map(filingSummary) ?? [],
    diagnostics,
  };
}

/** The case lists and edits, opened as the pipeline asks, each hashed as it is read. */
function inputs(options: ValidateOptions, emit: (e: RunEvent) => void) {
  const total = options.cases.reduce((n, f) => n + statSync(f).size, 0);
  let done = 0;
  let rows = 0;
  const reading = () => emit({ type: 'progress', stage: 'reading', done, total, rows });
  const opened = new Map<string, ReturnType<typeof openInput>>();
  const input = (file: string): CaseInput => ({
    name: file,
    open() {
      const o = openInput(file);
      if (!opened.has(file)) {
        opened.set(file, o);
        if (options.cases.includes(file)) o.stream.on('data', (c: Buffer | string) => ((done += c.length), reading()));
      }
      return o.stream;
    },
  });
  /** The pipeline's progress: rows read, then the steps of the plan. */
  const progress = (p: PipelineProgress) => {
    if (p.stage === 'reading') (rows = p.rows), reading();
    else emit({ type: 'progress', stage: 'planning', done: p.done, total: p.total, step: p.step, ...(p.part ? { part: p.part } : {}) });
  };
  return { total, input, progress, start: reading, digest: (file: string) => opened.get(file)?.digest() ?? '' };
}

/** Every path the options name, with what it is, for the checks before reading. */
function namedInputs(options: ValidateOptions): NamedInput[] {
  return [
    ...options.cases.map((p) => ({ path: p, role: ROLES.cases, kind: 'file' as const })),
    { path: options.config, role: ROLES.config, kind: 'file' },
    ...(options.edits !== undefined ? [{ path: options.edits, role: ROLES.edits, kind: 'file' as const }] : []),
    ...(options.resolved !== undefined ? [{ path: options.resolved, role: ROLES.resolved, kind: 'file' as const }] : []),
    ...(options.previous !== undefined ? [{ path: options.previous, role: ROLES.previous, kind: 'folder' as const }] : []),
  ];
}

/** A file system error while reading the inputs, as the diagnostic of the input it names; anything else is a bug, thrown on. */
function readFailure(e: unknown, named: readonly NamedInput[]): Diagnostic {
  const at = (e as NodeJS.ErrnoException).path;
  const input = named.find((i) => i.path === at) ?? { path: at ?? '', role: 'an input', kind: 'file' as const };
  const d = inputDiagnostic(e, input);
  if (!d) throw e;
  return d;
}

async function run(options: ValidateOptions, sink: RunSink, generating?: Generating): Promise<RunResult> {
  // Every input there, of the right kind and readable, before any is read: all the problems at once.
  const named = namedInputs(options);
  const problems = checkInputs(named);
  if (problems.length) return stopped('inputs', problems);
  let configText: string;
  try {
    configText = await fs.readFile(options.config, 'utf8');
  } catch (e) {
    return stopped('inputs', [readFailure(e, named)]);
  }
  const inputPaths = [...options.cases, options.config, ...(options.edits !== undefined ? [options.edits] : []), ...(options.resolved !== undefined ? [options.resolved] : [])];
  let folder: OutputFolder | undefined;
  const warnings: Diagnostic[] = [];
  if (options.out !== undefined) {
    const opened = await openOutputFolder(options.out, inputPaths).catch((e: unknown) => ({ folder: undefined, diagnostics: [failure(e, 'write')] }));
    if (!opened.folder) return stopped('output', opened.diagnostics);
    folder = opened.folder;
    warnings.push(...opened.diagnostics);
  }
  try {
    return await locked(options, configText, folder, warnings, sink, named, generating);
  } catch (e) {
    const d = fsDiagnostic(e, 'write');
    if (!d) throw e;
    return stopped('output', [d]);
  } finally {
    await folder?.release();
  }
}

interface Generating {
  formats: readonly Format[];
  threads: number;
  draft: boolean;
  packets: boolean;
}

/** Names this run's folders beside the output. */
const runId = () => randomBytes(6).toString('hex');

/** A file system error as a diagnostic; anything else is a bug, thrown on. */
function failure(e: unknown, what: 'read' | 'write'): Diagnostic {
  const d = fsDiagnostic(e, what);
  if (!d) throw e;
  return d;
}

async function locked(options: ValidateOptions, configText: string, folder: OutputFolder | undefined, warnings: Diagnostic[], sink: RunSink, named: readonly NamedInput[], generating?: Generating): Promise<RunResult> {
  const emit = (e: RunEvent) => sink.event?.(e);
  const signal = options.signal;
  // The previous run, read before anything is written.
  const found = findPrevious(options, (done, total) => emit({ type: 'progress', stage: 'previous', done, total }));
  if (found.diagnostics.some((d) => d.severity === 'fatal')) return stopped('inputs', found.diagnostics);

  const files = inputs(options, emit);
  const memory = memoryPolicy(files.total);
  files.start();
  let piped: PipelineResult;
  try {
    piped = await runPipeline({ configText, configFile: options.config, cases: options.cases.map(files.input), preset: options.preset, ...(options.sheet !== undefined ? { sheet: options.sheet } : {}), asOf: options.asOf, progress: files.progress, ...(options.edits !== undefined ? { edits: files.input(options.edits) } : {}), ...(options.resolved !== undefined ? { resolved: files.input(options.resolved) } : {}) });
  } catch (e) {
    // The pipeline only reads: a file system error here is an input's (one that changed after the checks above).
    return stopped('inputs', [readFailure(e, named)]);
  }
  memory.collect();
  const notes = [...warnings, ...found.diagnostics];
  const pipeline: PipelineResult = notes.length ? { ...piped, diagnostics: [...notes, ...piped.diagnostics] } : piped;
  emit({ type: 'planned', pipeline });
  if (pipeline.fatal) return stopped('pipeline', pipeline.diagnostics, pipeline);
  signal?.throwIfAborted();
  const templatesDir = pipeline.config!.templates !== undefined ? path.resolve(path.dirname(options.config), pipeline.config!.templates) : undefined;
  const inTemplates = folder && templatesDir !== undefined && replacesInput(options.out!, folder.dir, [templatesDir], 'the templates folder');
  if (inTemplates) return stopped('output', [...pipeline.diagnostics, inTemplates], pipeline);
  // Ready to file, or a draft: documents never carry a placeholder unless stamped as a draft.
  const placeholders = pipeline.diagnostics.filter((d) => d.code === 'BM511').length;
  if (generating && placeholders && !generating.draft) {
    const d = diag('BM607', { file: options.config }, `the config still holds ${plural(placeholders, 'placeholder')} (listed above as BM511): documents would print ${placeholders === 1 ? 'it' : 'them'}`, 'fill them in and run again, or pass --draft for documents stamped DRAFT - NOT FOR FILING');
    emit({ type: 'diagnostics', diagnostics: [d] });
    return stopped('pipeline', [...pipeline.diagnostics, d], pipeline);
  }

  const meta: RunMeta = {
    toolVersion: toolVersion(),
    asOf: options.asOf,
    config: { file: options.config, sha256: sha256(configText) },
    inputs: options.cases.map((f) => ({ file: f, sha256: files.digest(f) })),
    ...(options.edits !== undefined ? { edits: { file: options.edits, sha256: sha256(readFileSync(options.edits)) } } : {}),
    ...(options.resolved !== undefined ? { resolved: { file: options.resolved, sha256: sha256(readFileSync(options.resolved)) } } : {}),
  };
  return write(options, folder, pipeline, meta, found, emit, generating);
}

async function write(options: ValidateOptions, folder: OutputFolder | undefined, pipeline: PipelineResult, meta: RunMeta, found: { previous?: PreviousRun; outputs?: string[] }, emit: (e: RunEvent) => void, generating?: Generating): Promise<RunResult> {
  const out = options.out;
  const previous = found.previous;
  // The stage opens with the first document, so a run that fails before any (a template error) creates
  // nothing; one stage per run, even when documents arrive together.
  let opening: Promise<Staging> | undefined;
  const staged = () => (opening ??= Staging.open(folder!.dir, runId()));
  const abortStage = () => opening?.then((st) => st.abort(), () => undefined);
  let records: OutputRecord[] = [];
  let packets: OutputRecord[] = [];
  let kept = 0;
  let written = 0;
  let changes: RunResult['changes'];
  const writing = writingProgress(emit);
  try {
    if (generating) {
      const t = await loadTemplates(options.config, pipeline.config!.templates);
      if (!t.set) {
        emit({ type: 'diagnostics', diagnostics: t.diagnostics });
        return stopped('templates', [...pipeline.diagnostics, ...t.diagnostics], pipeline);
      }
      meta.templates = templateHashes(t.set);
      meta.names = await runNamesFor(options, pipeline, t.set);
      meta.formats = generating.formats;
      if (generating.draft) meta.draft = true;
      const total = pipeline.plan!.filings.length;
      let done = 0;
      let rendering: Extract<RunEvent, { stage: 'rendering' }> | undefined;
      const { formats, threads } = generating;
      // Word files on a second thread while the PDFs render on this one, when both are wanted.
      const fonts = loadFonts();
      const docxThread = threads > 1 && formats.includes('docx') && formats.includes('pdf') ? DocxThread.start(fonts.metrics) : undefined;
      const r = await renderDocuments({
        plan: pipeline.plan!,
        config: pipeline.config!,
        templates: t.set,
        asOf: options.asOf,
        formats,
        fonts,
        producer: `bulk-motions ${toolVersion()}`,
        ...(generating.draft ? { draft: true } : {}),
        ...(previous ? { reuse: (f) => previous.reuse(f.id, filingFingerprint(f, meta)) } : {}),
        ...(out !== undefined ? { emit: async (f) => (await staged()).put(f), discard: async (paths) => (await staged()).discard(paths) } : {}),
        onReuse: () => kept++,
        onFiling: () => {
          emit({ type: 'progress', stage: 'filings', done: ++done, total });
          if (rendering) emit((rendering = { ...rendering, filings: done }));
        },
        onProgress: (p) => {
          if (p.step === 'composing') emit({ type: 'progress', stage: 'composing', done: p.done, total: p.total });
          else emit((rendering = { type: 'progress', stage: 'rendering', done: p.done, total: p.total, pages: p.pages, documents: p.documents, filings: done, filingsTotal: total }));
        },
        ...(docxThread ? { docx: docxThread } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      }).finally(() => docxThread?.close());
      if (r.diagnostics.length) {
        emit({ type: 'diagnostics', diagnostics: r.diagnostics });
        await abortStage();
        return stopped('templates', [...pipeline.diagnostics, ...r.diagnostics], pipeline);
      }
      records = r.records;
      // A packet per office, from the documents as staged (generate --packets).
      if (generating.packets && out !== undefined) {
        const stage = await staged();
        const put: Staging['put'] = (f) => (writing.step(f.path), stage.put(f, writing.bytes));
        writing.begin(planPackets(pipeline.plan!, pipeline.config!, records).length);
        packets = await writePackets({ plan: pipeline.plan!, config: pipeline.config!, records, asOf: options.asOf, producer: `bulk-motions ${toolVersion()}`, fonts: loadFonts().bytes, draft: generating.draft, stage: { put, read: (p) => stage.read(p) }, ...(options.signal ? { signal: options.signal } : {}) });
      }
    }
    if (out !== undefined) {
      meta.names ??= await runNamesFor(options, pipeline);
      const extra: OutputFile[] = [];
      // Steps: the change report (its two files among the listings), the impact summary (its two files too),
      // every listing, the manifest, the switch.
      writing.begin((previous ? 3 : 0) + 3 + outputFiles(pipeline).length + 2);
      if (previous) {
        writing.step('comparing with the previous run');
        changes = changeReport(previous.snapshot, runSnapshot(pipeline, meta, records, path.join(out, 'manifest.json')));
        emit({ type: 'changes', report: changes });
        extra.push(
          { path: 'changes.md', kind: 'changes', format: 'md', content: Buffer.from(changesMarkdown(changes)) },
          { path: 'changes.json', kind: 'changes', format: 'json', content: Buffer.from(JSON.stringify(changes, null, 2) + '\n') },
        );
      }
      // The impact summary (docs/summary.md), from the plan as filed.
      writing.step('summarising the run');
      extra.push(...(await summaryFiles(pipeline, meta, { fonts: loadFonts(), producer: `bulk-motions ${toolVersion()}` })));
      options.signal?.throwIfAborted();
      // The listings and plan go to the stage piece by piece; the manifest, written last, records them all.
      const stage = await staged();
      const all = [...records, ...packets];
      for (const f of outputFiles(pipeline, extra)) {
        writing.step(f.path);
        all.push(await stage.put(f, writing.bytes));
      }
      written = all.length + 1;
      writing.step('manifest.json');
      await stage.commit([manifestFile(pipeline, meta, all)], found.outputs, () => writing.step('switching to the new folder'));
      writing.end();
    }
  } catch (e) {
    await abortStage();
    throw e;
  }
  return {
    ...summary(pipeline, pipeline.diagnostics),
    exitCode: exitCodeFor(pipeline),
    ok: true,
    ...(generating ? { documents: records.map((d) => ({ path: d.path, kind: d.kind, format: d.format, bytes: d.bytes })) } : {}),
    ...(packets.length ? { packets: packets.map((d) => ({ path: d.path, kind: d.kind, format: d.format, bytes: d.bytes })) } : {}),
    written,
    kept,
    ...(changes ? { changes } : {}),
    pipeline,
  };
}
