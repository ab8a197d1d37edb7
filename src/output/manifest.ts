/**
 * What a run writes, as data: a list of files with their bytes, ending in
 * manifest.json, which records every other file's sha256. The I/O edge
 * writes them atomically.
 */
import { createHash } from 'node:crypto';
import type { TemplateSet } from '../compose/handlebars';
import type { Diagnostic } from '../diagnostics/catalog';
import type { PipelineResult } from '../pipeline';
import type { Filing, Plan } from '../plan';
import type { Counts } from '../plan/reconcile';
import type { RunSnapshot } from '../changes/report';
import { confidentialCsv, indexCsvChunks, listingCsv, struckCsv } from './tables';

export interface OutputFile {
  /** Relative to --out, with forward slashes. */
  path: string;
  kind: string;
  format: string;
  /** Exhibit volume number, for volumes after the first. */
  volume?: number;
  /** A PDF's page count (the renderer's). */
  pages?: number;
  /** The cases the document's exhibit lists (this volume's, for a split exhibit). */
  cases?: number;
  content: Buffer;
}

export interface RunMeta {
  toolVersion: string;
  asOf: string;
  config: { file: string; sha256: string };
  inputs: Array<{ file: string; sha256: string }>;
  /** The templates used, each with its sha256 (generate only). */
  templates?: Array<{ name: string; origin: string; sha256: string }>;
  edits?: { file: string; sha256: string };
  /** Document formats written (generate only). */
  formats?: readonly string[];
  /** Documents rendered as drafts, stamped DRAFT - NOT FOR FILING (generate --draft only). */
  draft?: boolean;
}

/**
 * What a filing's documents depend on. Equal fingerprints mean byte-identical
 * documents, so a rerun can keep the previous files of an unchanged filing.
 */
export function filingFingerprint(f: Filing, meta: RunMeta): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ v: meta.toolVersion, asOf: meta.asOf, config: meta.config.sha256, templates: meta.templates ?? [], formats: meta.formats ?? [], ...(meta.draft ? { draft: true } : {}), id: f.id, agency: f.agency }));
  for (const c of f.cases) h.update(JSON.stringify([c.caseNumber, c.court, c.caseType, c.relief, c.codeSections, c.convictionDate, c.defendantName ?? '', c.dob ?? '', c.cii ?? '']));
  return h.digest('hex');
}

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Every template the documents came from, by name, with its sha256: the manifest's record of them. */
export function templateHashes(set: TemplateSet): NonNullable<RunMeta['templates']> {
  return [...set.documents.values(), ...[...set.partials.values()].map((p) => ({ ...p, name: `partials/${p.name}` })), { ...set.law, name: 'law.yaml' }]
    .map((t) => ({ name: t.name, origin: t.origin, sha256: sha256(t.text) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

export function filingSummary(f: Filing) {
  const s: { id: string; agency: string; caseType: string; relief: string; court?: string; beyondStatute?: boolean; caseCount: number; rowCount: number } = {
    id: f.id,
    agency: f.agency,
    caseType: f.caseType,
    relief: f.relief,
    caseCount: f.caseCount,
    rowCount: f.rowCount,
  };
  if (f.court !== undefined) s.court = f.court;
  if (f.beyondStatute) s.beyondStatute = true;
  return s;
}

/** plan.json: the filings and their cases, without personal data. */
export function planJson(plan: Plan): string {
  return [...planJsonChunks(plan)].join('');
}

const planCase = (c: Plan['filings'][number]['cases'][number]) => ({
  caseNumber: c.caseNumber,
  court: c.court,
  codeSections: c.codeSections,
  convictionDate: c.convictionDate,
  sources: c.sources.map((s) => `${s.file}:${s.line}`),
});

/**
 * plan.json in pieces, byte for byte what JSON.stringify(plan, null, 2) gives,
 * so a statewide plan (hundreds of megabytes) is never one string.
 */
export function* planJsonChunks(plan: Plan, casesPerChunk = 2000): Generator<string> {
  const mark = (i: number) => `\u0000${i}`;
  const skeleton = JSON.stringify({ grouping: plan.grouping, filings: plan.filings.map((f, i) => ({ ...filingSummary(f), cases: [mark(i)] })) }, null, 2) + '\n';
  let at = 0;
  for (let i = 0; i < plan.filings.length; i++) {
    const token = JSON.stringify(mark(i));
    const pos = skeleton.indexOf(token, at);
    const lineStart = skeleton.lastIndexOf('\n', pos) + 1;
    const indent = skeleton.slice(lineStart, pos);
    yield skeleton.slice(at, lineStart);
    const cases = plan.filings[i]!.cases;
    for (let c = 0; c < cases.length; c += casesPerChunk) {
      yield cases
        .slice(c, c + casesPerChunk)
        .map((x, k) => indent + JSON.stringify(planCase(x), null, 2).replace(/\n/g, `\n${indent}`) + (c + k < cases.length - 1 ? ',\n' : '\n'))
        .join('');
    }
    at = skeleton.indexOf('\n', pos) + 1;
  }
  yield skeleton.slice(at);
}

/** The --json report on stdout. */
export function report(r: PipelineResult, diagnostics: Diagnostic[] = r.diagnostics) {
  return {
    ok: !r.fatal,
    counts: r.reconciliation?.counts ?? null,
    reconciliation: r.reconciliation?.lines ?? [],
    filings: r.plan?.filings.map(filingSummary) ?? [],
    diagnostics,
  };
}

/** A file already written (a document staged as it was rendered): what the manifest records of it. */
export interface OutputRecord {
  path: string;
  kind: string;
  format: string;
  volume?: number;
  pages?: number;
  cases?: number;
  bytes: number;
  sha256: string;
}

/** A file written in pieces (plan.json, index.csv): at statewide scale they run to hundreds of megabytes. */
export interface LazyFile {
  path: string;
  kind: string;
  format: string;
  chunks: () => Iterable<string>;
}

export type StagedFile = OutputFile | LazyFile;

/** Every file of a run except the documents (staged as rendered) and manifest.json. */
export function outputFiles(r: PipelineResult, extra: OutputFile[] = []): StagedFile[] {
  const plan = r.plan!;
  const ingest = r.ingest!;
  const text = (path: string, kind: string, format: string, s: string): OutputFile => ({ path, kind, format, content: Buffer.from(s, 'utf8') });
  return [
    { path: 'plan.json', kind: 'plan', format: 'json', chunks: () => planJsonChunks(plan) },
    { path: 'index.csv', kind: 'index', format: 'csv', chunks: () => indexCsvChunks(plan, r.config!) },
    text('review.csv', 'review', 'csv', listingCsv(ingest.review)),
    text('rejects.csv', 'rejects', 'csv', listingCsv(ingest.rejected)),
    text('excluded.csv', 'excluded', 'csv', listingCsv(ingest.excluded, true)),
    text('struck.csv', 'struck', 'csv', struckCsv(r.struck ?? [], r.config!)),
    ...(r.config!.exhibit.confidential ? plan.filings.map((f) => text(`${f.id}/CONFIDENTIAL-identifiers.csv`, 'confidential', 'csv', confidentialCsv(f))) : []),
    ...extra,
  ];
}

/** manifest.json: what was written (every record, documents included), and from what. */
export function manifestFile(r: PipelineResult, meta: RunMeta, records: OutputRecord[]): OutputFile {
  const plan = r.plan!;
  const rowsByFile = new Map(r.ingest!.files.map((f) => [f.file, f.rows]));
  const all = [...records].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest = {
    tool: { name: 'bulk-motions', version: meta.toolVersion },
    asOf: meta.asOf,
    preset: r.preset,
    config: meta.config,
    inputs: meta.inputs.map((i) => ({ ...i, rows: rowsByFile.get(i.file) ?? 0 })),
    ...(meta.templates ? { templates: meta.templates } : {}),
    ...(meta.draft ? { draft: true } : {}),
    ...(meta.edits ? { editsFile: meta.edits } : {}),
    edits: (r.edits ?? []).map((e) => ({ line: e.line, caseNumber: e.caseNumber, ...(e.court ? { court: e.court } : {}), action: e.action, value: e.value, reason: e.reason })),
    counts: r.reconciliation!.counts satisfies Counts,
    reconciliation: r.reconciliation!.lines,
    filings: plan.filings.map((f) => ({ ...filingSummary(f), fingerprint: filingFingerprint(f, meta), documents: all.filter((o) => o.path.startsWith(`${f.id}/`)) })),
    outputs: all,
  };
  return { path: 'manifest.json', kind: 'manifest', format: 'json', content: Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8') };
}

export function materialise(f: StagedFile): OutputFile {
  return 'content' in f ? f : { path: f.path, kind: f.kind, format: f.format, content: Buffer.from([...f.chunks()].join(''), 'utf8') };
}

/**
 * Every file of a run in memory, ending with manifest.json: for tests and
 * small runs. The CLI stages them one by one instead.
 */
export function buildOutputs(r: PipelineResult, meta: RunMeta, extra: OutputFile[] = [], written: OutputRecord[] = []): OutputFile[] {
  const files = outputFiles(r, extra).map(materialise);
  return [...files, manifestFile(r, meta, [...written, ...files.map(describe)])];
}

export function describe(o: OutputFile): OutputRecord {
  return { path: o.path, kind: o.kind, format: o.format, ...(o.volume ? { volume: o.volume } : {}), ...(o.pages ? { pages: o.pages } : {}), ...(o.cases !== undefined ? { cases: o.cases } : {}), bytes: o.content.length, sha256: sha256(o.content) };
}

/** This run as the change report sees it, straight from the plan (no files to re-read). */
export function runSnapshot(r: PipelineResult, meta: RunMeta, records: OutputRecord[], label: string): RunSnapshot {
  const plan = r.plan!;
  return {
    label,
    manifest: {
      asOf: meta.asOf,
      config: meta.config,
      ...(meta.templates ? { templates: meta.templates } : {}),
      edits: (r.edits ?? []).map((e) => ({ line: e.line, caseNumber: e.caseNumber, action: e.action, value: e.value, reason: e.reason })),
      filings: plan.filings.map((f) => ({ id: f.id, caseCount: f.caseCount, documents: records.filter((d) => d.path.startsWith(`${f.id}/`)) })),
    },
    index: plan.filings.flatMap((f) => f.cases.map((c) => ({ caseNumber: c.caseNumber, filingId: f.id, courtId: c.court, relief: c.relief }))),
    struck: (r.struck ?? []).map((s) => ({ caseNumber: s.record.caseNumber, courtId: s.record.court, reason: s.reason })),
  };
}
