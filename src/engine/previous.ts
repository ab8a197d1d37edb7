/**
 * The previous run: the one a rerun reports its changes against and keeps
 * unchanged filings' documents from. `--previous DIR`, or the finished run
 * already in the output folder, read before anything is written.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ManifestLike, RunSnapshot } from '../changes/report';
import type { KeptFile } from '../documents';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { readSnapshot } from '../io/snapshot';
import { sha256 } from '../output/manifest';

export interface PreviousRun {
  snapshot: RunSnapshot;
  /** The previous files of a filing whose fingerprint is unchanged, if they are all still there and intact. */
  reuse(filingId: string, fingerprint: string): KeptFile[] | undefined;
}

const MANIFEST = 'manifest.json';

/**
 * The previous run, and the files the output folder's own manifest lists
 * (undefined when it has none or it cannot be read): this run replaces those,
 * and keeps every other file there as the user's.
 */
export function findPrevious(opts: { out?: string; previous?: string }, onProgress?: (done: number, total: number) => void): { previous?: PreviousRun; outputs?: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const outManifest = opts.out ? path.join(opts.out, MANIFEST) : undefined;
  let chosen: { file: string; label: string; before: boolean } | undefined;
  if (opts.previous !== undefined) {
    const file = path.join(opts.previous, MANIFEST);
    if (!existsSync(file)) return { diagnostics: [diag('BM101', { file }, '--previous names no finished run (no manifest.json there)', 'name the output folder of a run that finished, or leave --previous out')] };
    chosen = { file, label: file, before: path.resolve(file) === path.resolve(outManifest ?? '') };
  } else if (outManifest && existsSync(outManifest)) {
    chosen = { file: outManifest, label: `${outManifest} (before this run)`, before: true };
  }
  // The output folder's own manifest says which old files to clear; say so when it cannot be read.
  const outputs = outManifest && existsSync(outManifest) ? listed(outManifest) : undefined;
  if (outManifest && existsSync(outManifest) && chosen?.file !== outManifest && !outputs) diagnostics.push(unreadable(outManifest));
  const also = outputs ? { outputs } : {};
  if (!chosen) return { ...also, diagnostics };
  let snapshot: RunSnapshot;
  try {
    snapshot = { ...readSnapshot(chosen.file, onProgress), label: chosen.label, ...(chosen.before ? { beforeThisRun: true } : {}) };
  } catch {
    diagnostics.push(unreadable(chosen.file));
    return { ...also, diagnostics };
  }
  return { previous: { snapshot, reuse: reusable(path.dirname(chosen.file), snapshot.manifest) }, ...also, diagnostics };
}

/** The paths a manifest lists as its run's outputs; undefined when it cannot be read. */
function listed(file: string): string[] | undefined {
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as { outputs?: Array<{ path?: unknown }> };
    if (!Array.isArray(m.outputs)) return undefined;
    return m.outputs.map((o) => o.path).filter((x): x is string => typeof x === 'string');
  } catch {
    return undefined;
  }
}

function unreadable(file: string): Diagnostic {
  return diag(
    'BM508',
    { file },
    'the previous run cannot be read (its manifest.json or index.csv is damaged or missing): this run is treated as the first, so no changes are reported, no documents are kept, and files of that run which this run does not write are left in place',
    'check the folder; the new manifest.json lists exactly the files of this run',
  );
}

function reusable(prevDir: string, prev: ManifestLike) {
  const byId = new Map(prev.filings.map((f) => [f.id, f]));
  return (filingId: string, fingerprint: string): KeptFile[] | undefined => {
    const f = byId.get(filingId);
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
        ...(d.pages ? { pages: d.pages } : {}),
        ...(d.cases !== undefined ? { cases: d.cases } : {}),
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
