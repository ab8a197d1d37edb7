/**
 * validate and generate: read the inputs, run the pipeline, render, write
 * atomically, report changes against the previous run. The I/O edge.
 */
import { existsSync, promises as fs, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { changeReport, changesMarkdown, type ManifestLike } from '../changes/report';
import type { TemplateSet } from '../compose/handlebars';
import { renderDocuments, type Format, type KeptFile } from '../documents';
import { DocxThread } from '../io/docx-thread';
import { memoryPolicy } from '../io/memory';
import type { Preset } from '../ingest';
import { loadFonts } from '../io/fonts';
import { openInput, Staging, toolVersion } from '../io/files';
import { readSnapshot } from '../io/snapshot';
import { loadTemplates } from '../io/templates';
import { filingFingerprint, manifestFile, outputFiles, report, runSnapshot, sha256, type OutputFile, type OutputRecord, type RunMeta } from '../output/manifest';
import { exitCodeFor, runPipeline, type CaseInput } from '../pipeline';
import { printDiagnostics, printPlan, printReconciliation } from './print';
import { Progress } from './progress';

export const EXIT = { ok: 0, fatal: 1, usage: 2, attention: 3 } as const;

export interface RunArgs {
  cases: string[];
  config: string;
  preset?: Preset;
  out?: string;
  json: boolean;
  asOf: string;
  quiet: boolean;
  edits?: string;
  previous?: string;
}

function templateHashes(set: TemplateSet): NonNullable<RunMeta['templates']> {
  return [...set.documents.values(), ...[...set.partials.values()].map((p) => ({ ...p, name: `partials/${p.name}` }))]
    .map((t) => ({ name: t.name, origin: t.origin, sha256: sha256(t.text) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The previous run's files for a filing whose inputs are unchanged, if they are all still there and intact. */
function reusable(prevDir: string, prev: ManifestLike) {
  return (filingId: string, fingerprint: string): KeptFile[] | undefined => {
    const f = prev.filings.find((x) => x.id === filingId);
    if (!f || f.fingerprint !== fingerprint || !f.documents?.length) return undefined;
    const out: KeptFile[] = [];
    for (const d of f.documents) {
      if (d.format !== 'docx' && d.format !== 'pdf') continue; // other per-filing files are rebuilt every run
      const p = path.join(prevDir, d.path);
      // Checked now, one file at a time; read again when it is staged.
      if (!existsSync(p) || sha256(readFileSync(p)) !== d.sha256) return undefined;
      out.push({
        path: d.path,
        kind: d.kind,
        format: d.format,
        ...(d.volume ? { volume: d.volume } : {}),
        load: () => {
          const content = readFileSync(p);
          if (sha256(content) !== d.sha256) throw new Error(`${p} changed while this run was reading it`);
          return content;
        },
      });
    }
    return out;
  };
}

export async function runCommand(args: RunArgs, generate?: { formats: Format[]; threads?: number }): Promise<number> {
  const log = (s: string) => (args.json || args.quiet ? undefined : process.stdout.write(s + '\n'));
  const err = (s: string) => process.stderr.write(s + '\n');
  let configText: string;
  try {
    configText = await fs.readFile(args.config, 'utf8');
  } catch (e) {
    err(`${args.config}: fatal BM601 config-unreadable: ${(e as Error).message}`);
    return EXIT.fatal;
  }
  for (const file of [...args.cases, ...(args.edits ? [args.edits] : [])]) {
    if (!existsSync(file)) {
      err(`${file}: fatal BM101 file-unreadable: the file cannot be opened (check the path)`);
      return EXIT.fatal;
    }
  }
  const progress = new Progress(!args.quiet && !args.json && Boolean(process.stderr.isTTY));
  const totalBytes = args.cases.reduce((n, f) => n + statSync(f).size, 0);
  const memory = memoryPolicy(totalBytes);
  const readBar = progress.bar('reading', totalBytes);
  const opened = new Map<string, ReturnType<typeof openInput>>();
  const input = (file: string): CaseInput => ({
    name: file,
    open() {
      const o = openInput(file);
      if (!opened.has(file)) {
        opened.set(file, o);
        if (args.cases.includes(file)) o.stream.on('data', (c: Buffer | string) => readBar.increment(c.length));
      }
      return o.stream;
    },
  });
  const started = Date.now(); // the clock, read at the edge, for the summary line only
  // The previous run, read before anything is written: --previous, or the manifest already in --out.
  const prevManifest = args.previous ? path.join(args.previous, 'manifest.json') : args.out && existsSync(path.join(args.out, 'manifest.json')) ? path.join(args.out, 'manifest.json') : undefined;
  if (prevManifest && !existsSync(prevManifest)) {
    err(`${prevManifest}: fatal BM101 file-unreadable: --previous names no finished run (no manifest.json there)`);
    return EXIT.fatal;
  }
  const previous = prevManifest ? { ...readSnapshot(prevManifest), label: args.previous ? prevManifest : `${prevManifest} (before this run)` } : undefined;

  const result = await runPipeline({ configText, configFile: args.config, cases: args.cases.map(input), preset: args.preset, asOf: args.asOf, ...(args.edits ? { edits: input(args.edits) } : {}) });
  readBar.stop();
  memory.collect();
  const code = exitCodeFor(result);
  if (!args.json) {
    printDiagnostics(result.diagnostics, err);
    printPlan(result, log);
    printReconciliation(result, log);
  }
  if (result.fatal) {
    if (args.json) process.stdout.write(JSON.stringify(report(result), null, 2) + '\n');
    else err('Stopped: nothing was written. Fix the errors above and run again.');
    return EXIT.fatal;
  }
  const meta: RunMeta = {
    toolVersion: toolVersion(),
    asOf: args.asOf,
    config: { file: args.config, sha256: sha256(configText) },
    inputs: args.cases.map((f) => ({ file: f, sha256: opened.get(f)?.digest() ?? '' })),
    ...(args.edits ? { edits: { file: args.edits, sha256: sha256(readFileSync(args.edits)) } } : {}),
  };
  let records: OutputRecord[] = [];
  let reused = 0;
  let written = 0;
  // Documents go straight to the stage as they are rendered; nothing moves into --out until all is done.
  // The stage opens with the first document, so a run that fails before any (a template error) creates nothing.
  // One stage per run, even when documents arrive together (their writes overlap): open it once.
  let opening: Promise<Staging> | undefined;
  const staged = () => (opening ??= Staging.open(args.out!));
  // Throw the stage away, if one was opened (it may still be opening).
  const abortStage = () => opening?.then((st) => st.abort(), () => undefined);
  try {
    if (generate) {
      const t = await loadTemplates(args.config, result.config!.templates);
      if (!t.set) {
        printDiagnostics(t.diagnostics, err);
        await abortStage();
        return EXIT.fatal;
      }
      meta.templates = templateHashes(t.set);
      meta.formats = generate.formats;
      const reuse = previous ? reusable(path.dirname(prevManifest!), previous.manifest) : undefined;
      const docBar = progress.bar('filings', result.plan!.filings.length);
      // Word files on a second thread while the PDFs render on this one, when both are wanted.
      const docxThread = (generate.threads ?? 2) > 1 && generate.formats.includes('docx') && generate.formats.includes('pdf') ? DocxThread.start() : undefined;
      const r = await renderDocuments({
        plan: result.plan!,
        config: result.config!,
        templates: t.set,
        asOf: args.asOf,
        formats: generate.formats,
        fonts: loadFonts(),
        producer: `bulk-motions ${toolVersion()}`,
        ...(reuse ? { reuse: (f) => reuse(f.id, filingFingerprint(f, meta)) } : {}),
        ...(args.out ? { emit: async (f) => (await staged()).put(f), discard: async (paths) => (await staged()).discard(paths) } : {}),
        onReuse: () => reused++,
        onFiling: () => docBar.increment(1),
        ...(docxThread ? { docx: docxThread } : {}),
      }).finally(() => docxThread?.close());
      docBar.stop();
      if (r.diagnostics.length) {
        if (args.json) process.stdout.write(JSON.stringify(report(result, [...result.diagnostics, ...r.diagnostics]), null, 2) + '\n');
        printDiagnostics(r.diagnostics, err);
        err('Stopped: no documents were written. Fix the template errors above and run again.');
        await abortStage();
        return EXIT.fatal;
      }
      records = r.records;
    }
    if (args.out) {
      const extra: OutputFile[] = [];
      if (previous) {
        const changes = changeReport(previous, runSnapshot(result, meta, records, path.join(args.out, 'manifest.json')));
        extra.push(
          { path: 'changes.md', kind: 'changes', format: 'md', content: Buffer.from(changesMarkdown(changes)) },
          { path: 'changes.json', kind: 'changes', format: 'json', content: Buffer.from(JSON.stringify(changes, null, 2) + '\n') },
        );
        log(changes.identical ? 'Changes: none since the previous run.' : `Changes: ${changes.filings.filter((f) => f.status !== 'unchanged').length} filing(s) changed; see changes.md`);
      }
      // The listings and plan go to the stage piece by piece; the manifest, written last, records them all.
      const stage = await staged();
      const all = [...records];
      for (const f of outputFiles(result, extra)) all.push(await stage.put(f));
      written = all.length + 1;
      await stage.commit([manifestFile(result, meta, all)]);
      log(`Wrote ${written} files to ${args.out}${reused ? ` (${reused} unchanged filing(s) kept from the previous run)` : ''}`);
    }
  } catch (e) {
    await abortStage();
    throw e;
  }
  if (args.json) process.stdout.write(JSON.stringify({ ...report(result), ...(generate ? { documents: records.map((d) => ({ path: d.path, kind: d.kind, format: d.format, bytes: d.bytes })) } : {}) }, null, 2) + '\n');
  if (!args.json && !args.quiet) {
    const c = result.reconciliation!.counts;
    log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${c.inputRows.toLocaleString('en-US')} rows, ${c.filedCases.toLocaleString('en-US')} cases filed in ${c.filings} filings${generate ? `, ${records.length} documents` : ''}; ${c.excludedRows} excluded, ${c.reviewRows} to review, ${c.rejectedRows} rejected${c.struckCases ? `, ${c.struckCases} struck` : ''}.`);
  }
  if (code === EXIT.attention && !args.json) {
    const c = result.reconciliation!.counts;
    err(`Attention: ${c.reviewRows} row(s) need review and ${c.rejectedRows} row(s) were rejected; see review.csv and rejects.csv${args.out ? ` in ${args.out}` : ' (use --out to write them)'}.`);
  }
  return code;
}
