/**
 * What a run writes, as data: a list of files with their bytes, ending in
 * manifest.json, which records every other file's sha256. The I/O edge
 * writes them atomically.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/catalog';
import type { PipelineResult } from '../pipeline';
import type { Filing, Plan } from '../plan';
import type { Counts } from '../plan/reconcile';
import type { RunSnapshot } from '../changes/report';
import { confidentialCsv, indexCsv, listingCsv, struckCsv } from './tables';

export interface OutputFile {
  /** Relative to --out, with forward slashes. */
  path: string;
  kind: string;
  format: string;
  /** Exhibit volume number, for volumes after the first. */
  volume?: number;
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
}

/**
 * What a filing's documents depend on. Equal fingerprints mean byte-identical
 * documents, so a rerun can keep the previous files of an unchanged filing.
 */
export function filingFingerprint(f: Filing, meta: RunMeta): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ v: meta.toolVersion, asOf: meta.asOf, config: meta.config.sha256, templates: meta.templates ?? [], formats: meta.formats ?? [], id: f.id, agency: f.agency }));
  for (const c of f.cases) h.update(JSON.stringify([c.caseNumber, c.court, c.caseType, c.relief, c.codeSections, c.convictionDate, c.defendantName ?? '', c.dob ?? '', c.cii ?? '']));
  return h.digest('hex');
}

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

export function filingSummary(f: Filing) {
  const s: { id: string; agency: string; caseType: string; relief: string; court?: string; caseCount: number; rowCount: number } = {
    id: f.id,
    agency: f.agency,
    caseType: f.caseType,
    relief: f.relief,
    caseCount: f.caseCount,
    rowCount: f.rowCount,
  };
  if (f.court !== undefined) s.court = f.court;
  return s;
}

/** plan.json: the filings and their cases, without personal data. */
export function planJson(plan: Plan): string {
  return (
    JSON.stringify(
      {
        grouping: plan.grouping,
        filings: plan.filings.map((f) => ({
          ...filingSummary(f),
          cases: f.cases.map((c) => ({
            caseNumber: c.caseNumber,
            court: c.court,
            codeSections: c.codeSections,
            convictionDate: c.convictionDate,
            sources: c.sources.map((s) => `${s.file}:${s.line}`),
          })),
        })),
      },
      null,
      2,
    ) + '\n'
  );
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
  bytes: number;
  sha256: string;
}

/**
 * Every file of a run but the documents already staged (`written`), ending
 * with manifest.json, which records them all.
 */
export function buildOutputs(r: PipelineResult, meta: RunMeta, extra: OutputFile[] = [], written: OutputRecord[] = []): OutputFile[] {
  const plan = r.plan!;
  const ingest = r.ingest!;
  const text = (path: string, kind: string, format: string, s: string): OutputFile => ({ path, kind, format, content: Buffer.from(s, 'utf8') });
  const files: OutputFile[] = [
    text('plan.json', 'plan', 'json', planJson(plan)),
    text('index.csv', 'index', 'csv', indexCsv(plan, r.config!)),
    text('review.csv', 'review', 'csv', listingCsv(ingest.review)),
    text('rejects.csv', 'rejects', 'csv', listingCsv(ingest.rejected)),
    text('excluded.csv', 'excluded', 'csv', listingCsv(ingest.excluded, true)),
    text('struck.csv', 'struck', 'csv', struckCsv(r.struck ?? [], r.config!)),
    ...(r.config!.exhibit.confidential ? plan.filings.map((f) => text(`${f.id}/CONFIDENTIAL-identifiers.csv`, 'confidential', 'csv', confidentialCsv(f))) : []),
    ...extra,
  ];
  const rowsByFile = new Map(ingest.files.map((f) => [f.file, f.rows]));
  const all = [...written, ...files.map(describe)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest = {
    tool: { name: 'bulk-motions', version: meta.toolVersion },
    asOf: meta.asOf,
    preset: r.preset,
    config: meta.config,
    inputs: meta.inputs.map((i) => ({ ...i, rows: rowsByFile.get(i.file) ?? 0 })),
    ...(meta.templates ? { templates: meta.templates } : {}),
    ...(meta.edits ? { editsFile: meta.edits } : {}),
    edits: (r.edits ?? []).map((e) => ({ line: e.line, caseNumber: e.caseNumber, ...(e.court ? { court: e.court } : {}), action: e.action, value: e.value, reason: e.reason })),
    counts: r.reconciliation!.counts satisfies Counts,
    reconciliation: r.reconciliation!.lines,
    filings: plan.filings.map((f) => ({ ...filingSummary(f), fingerprint: filingFingerprint(f, meta), documents: all.filter((o) => o.path.startsWith(`${f.id}/`)) })),
    outputs: all,
  };
  return [...files, text('manifest.json', 'manifest', 'json', JSON.stringify(manifest, null, 2) + '\n')];
}

export function describe(o: OutputFile): OutputRecord {
  return { path: o.path, kind: o.kind, format: o.format, ...(o.volume ? { volume: o.volume } : {}), bytes: o.content.length, sha256: sha256(o.content) };
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
