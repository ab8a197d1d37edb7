/**
 * What a run writes, as data: a list of files with their bytes, ending in
 * manifest.json, which records every other file's sha256. The I/O edge
 * writes them atomically.
 */
import { createHash } from 'node:crypto';
import type { TemplateSet } from '../compose/handlebars';
import type { Diagnostic } from '../diagnostics/catalog';
import type { PipelineResult } from '../pipeline';
import { countFlags, type Plan } from '../plan';
import { FLAGS, type Flag } from '../domain';
import type { Counts } from '../plan/reconcile';
import { CHALLENGE_RELIEF, type RunSnapshot } from '../changes/report';
import type { RunNames } from '../changes/names';
import * as path from 'node:path';
import { writeChallengedCsv, writeConfidentialCsv, writeIndexCsv, writeListingCsv, writeStruckCsv } from './tables';
import { chunksBuffer, written, type Utf8Chunks } from './chunks';
import { filingSummary, writePlanJson } from './plan-json';
import { filingFingerprint } from './fingerprint';

export { filingFingerprint } from './fingerprint';
export { filingSummary, planCase, planJson } from './plan-json';
import { personalColumns } from './personal';

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
  /** The resolved file (--resolved): a review.csv with a person's answers. */
  resolved?: { file: string; sha256: string };
  /** Document formats written (generate only). */
  formats?: readonly string[];
  /** Documents rendered as drafts, stamped DRAFT - NOT FOR FILING (generate --draft only). */
  draft?: boolean;
  /** The documents' words for the ids the run's records use (changes/names.ts). */
  names?: RunNames;
}

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Every template the documents came from, by name, with its sha256: the manifest's record of them. */
export function templateHashes(set: TemplateSet): NonNullable<RunMeta['templates']> {
  return [...set.documents.values(), ...[...set.partials.values()].map((p) => ({ ...p, name: `partials/${p.name}` })), { ...set.law, name: 'law.yaml' }]
    .map((t) => ({ name: t.name, origin: t.origin, sha256: sha256(t.text) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Cases per screening flag: filed (in the plan), in review, excluded by the flags policy. */
export function flagSummary(r: PipelineResult): Record<Flag, { filed: number; review: number; excluded: number }> {
  const filed = r.plan ? (r.plan.flags ?? countFlags(r.plan.filings.flatMap((f) => f.cases))) : undefined;
  return Object.fromEntries(FLAGS.map((f) => [f, { filed: filed?.[f] ?? 0, review: r.ingest?.flags[f].review ?? 0, excluded: r.ingest?.flags[f].excluded ?? 0 }])) as Record<Flag, { filed: number; review: number; excluded: number }>;
}

/** The --json report on stdout. */
export function report(r: PipelineResult, diagnostics: Diagnostic[] = r.diagnostics) {
  return {
    ok: !r.fatal,
    counts: r.reconciliation?.counts ?? null,
    reconciliation: r.reconciliation?.lines ?? [],
    filings: r.plan?.filings.map(filingSummary) ?? [],
    flags: flagSummary(r),
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
  chunks: () => Iterable<string | Uint8Array>;
}

export type StagedFile = OutputFile | LazyFile;

/** Where the full working files go: they carry names, dates of birth, CII numbers and race. */
export const CONFIDENTIAL_DIR = 'confidential';

const CONFIDENTIAL_README = [
  'CONFIDENTIAL: this folder holds personal data (names, dates of birth, CII numbers, race) of the people in the case lists.',
  'Do not file, post, e-mail or share it. It holds the full review.csv, rejects.csv and excluded.csv; the copies at the top of the output folder have the personal cells emptied.',
  'Either review.csv can be answered and passed back with --resolved (copy it out of the output folder first). See docs/review.md.',
  '',
].join('\r\n');

/** Every file of a run except the documents (staged as rendered) and manifest.json. */
export function outputFiles(r: PipelineResult, extra: OutputFile[] = []): StagedFile[] {
  const plan = r.plan!;
  const ingest = r.ingest!;
  const text = (path: string, kind: string, format: string, s: string): OutputFile => ({ path, kind, format, content: Buffer.from(s, 'utf8') });
  // Every listing is written straight into 1 MB buffers (chunks.ts): at statewide scale they run to hundreds of megabytes.
  const lines = (path: string, kind: string, format: string, fill: (out: Utf8Chunks) => Iterable<unknown>): LazyFile => ({ path, kind, format, chunks: () => written(fill) });
  const personal = personalColumns(r.config);
  const agency = r.excludedAgency ?? new Map<string, string>();
  // The working files carry every original column: in full under confidential/, and at their usual paths with
  // the personal cells emptied (docs/review.md).
  const listings = (redact: boolean) =>
    [
      ['review.csv', 'review', (out: Utf8Chunks) => writeListingCsv(out, ingest.review, false, { flags: true, answers: personal, ...(redact ? { redact: personal } : {}) })],
      ['rejects.csv', 'rejects', (out: Utf8Chunks) => writeListingCsv(out, ingest.rejected, false, redact ? { redact: personal } : {})],
      ['excluded.csv', 'excluded', (out: Utf8Chunks) => writeListingCsv(out, ingest.excluded, true, { agency, ...(redact ? { redact: personal } : {}) })],
    ] as const;
  return [
    lines('plan.json', 'plan', 'json', (out) => writePlanJson(out, plan)),
    lines('index.csv', 'index', 'csv', (out) => writeIndexCsv(out, plan, r.config!)),
    ...listings(true).map(([p, kind, fill]) => lines(p, kind, 'csv', fill)),
    ...listings(false).map(([p, kind, fill]) => lines(`${CONFIDENTIAL_DIR}/${p}`, `confidential-${kind}`, 'csv', fill)),
    text(`${CONFIDENTIAL_DIR}/README.txt`, 'confidential-readme', 'txt', CONFIDENTIAL_README),
    lines('struck.csv', 'struck', 'csv', (out) => writeStruckCsv(out, r.struck ?? [], r.config!)),
    lines('challenged.csv', 'challenged', 'csv', (out) => writeChallengedCsv(out, plan, r.config!)),
    ...(r.config!.exhibit.confidential ? plan.filings.map((f) => lines(`${f.id}/CONFIDENTIAL-identifiers.csv`, 'confidential', 'csv', (out) => writeConfidentialCsv(out, f))) : []),
    ...extra,
  ];
}

/** manifest.json: what was written (every record, documents included), and from what. */
export function manifestFile(r: PipelineResult, meta: RunMeta, records: OutputRecord[]): OutputFile {
  const plan = r.plan!;
  const rowsByFile = new Map(r.ingest!.files.map((f) => [f.file, f.rows]));
  const sheetOf = new Map(r.ingest!.files.map((f) => [f.file, f.sheet]));
  const all = [...records].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest = {
    tool: { name: 'bulk-motions', version: meta.toolVersion },
    asOf: meta.asOf,
    preset: r.preset,
    county: r.config!.county,
    ...(meta.names ? { names: meta.names } : {}),
    config: meta.config,
    inputs: meta.inputs.map((i) => ({ ...i, rows: rowsByFile.get(i.file) ?? 0, ...(sheetOf.get(i.file) !== undefined ? { sheet: sheetOf.get(i.file) } : {}) })),
    ...(meta.templates ? { templates: meta.templates } : {}),
    ...(meta.draft ? { draft: true } : {}),
    ...(meta.edits ? { editsFile: meta.edits } : {}),
    ...(meta.resolved ? { resolvedFile: meta.resolved, resolutions: (r.resolved ?? []).map(resolutionRecord) } : {}),
    edits: (r.edits ?? []).map((e) => ({ line: e.line, caseNumber: e.caseNumber, ...(e.court ? { court: e.court } : {}), action: e.action, value: e.value, reason: e.reason })),
    counts: r.reconciliation!.counts satisfies Counts,
    reconciliation: r.reconciliation!.lines,
    filings: plan.filings.map((f) => ({ ...filingSummary(f), fingerprint: filingFingerprint(f, meta), documents: all.filter((o) => o.path.startsWith(`${f.id}/`)) })),
    outputs: all,
  };
  return { path: 'manifest.json', kind: 'manifest', format: 'json', content: Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8') };
}

/** What the manifest records of an answered review row: no personal data, only where it came from and went. */
function resolutionRecord(x: NonNullable<PipelineResult['resolved']>[number]) {
  const res = x.resolution;
  return {
    line: res.line,
    rowKey: res.rowKey,
    source: `${x.row.raw.ref.file}:${x.row.raw.ref.line}`,
    code: x.row.diagnostic.code,
    decision: res.decision,
    ...(res.caseNumber ? { caseNumber: res.caseNumber } : {}),
    ...(res.caseType ? { caseType: res.caseType } : {}),
    ...(res.relief ? { relief: res.relief } : {}),
    ...(res.court ? { court: res.court } : {}),
    ...(res.note ? { note: res.note } : {}),
    ...('filed' in x.outcome ? { filed: x.outcome.filed } : {}),
  };
}

export function materialise(f: StagedFile): OutputFile {
  return 'content' in f ? f : { path: f.path, kind: f.kind, format: f.format, content: chunksBuffer(f.chunks()) };
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
    folder: path.dirname(label),
    manifest: {
      asOf: meta.asOf,
      county: r.config!.county,
      ...(meta.names ? { names: meta.names } : {}),
      counts: r.reconciliation!.counts,
      config: meta.config,
      ...(meta.templates ? { templates: meta.templates } : {}),
      edits: (r.edits ?? []).map((e) => ({ line: e.line, caseNumber: e.caseNumber, action: e.action, value: e.value, reason: e.reason })),
      filings: plan.filings.map((f) => ({ ...filingSummary(f), documents: records.filter((d) => d.path.startsWith(`${f.id}/`)) })),
    },
    // The notices' cases too (challenged.csv when read back), so the change report sees challenges come and go.
    index: plan.filings.flatMap((f) => f.cases.map((c, i) => ({ caseNumber: c.caseNumber, filingId: f.id, courtId: c.court, relief: f.challenge ? CHALLENGE_RELIEF : c.relief, row: i + 1 }))),
    struck: (r.struck ?? []).map((s) => ({ caseNumber: s.record.caseNumber, courtId: s.record.court, reason: s.reason, ...(s.record.challenge ? { challenge: true } : {}) })),
  };
}
