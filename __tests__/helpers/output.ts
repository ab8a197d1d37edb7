/**
 * An output folder checked against its manifest.json: what the manifest lists
 * is there, whole (its sha256), and every file there is one the manifest lists
 * (every folder one its outputs are in), so nothing stale or half-written
 * passes for part of the run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

export const STAGE_PREFIX = '.bulk-motions-tmp-';

export interface ManifestOnDisk {
  inputs: Array<{ file: string; sha256: string }>;
  outputs: Array<{ path: string; sha256: string }>;
}

const sha256 = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** Every file under `dir`, as paths relative to it. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)));
}

/** Every folder under `dir`, as paths relative to it. */
export function foldersUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)));
}

/**
 * Asserts that `out` holds exactly its manifest's outputs, each with its
 * sha256, and no staging folder. A run killed before it finished leaves its
 * stage behind (the next run clears it): with `stageAllowed` the stage's
 * contents are left out of the comparison instead.
 */
export function expectOutputMatchesManifest(out: string, { stageAllowed = false } = {}): ManifestOnDisk {
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as ManifestOnDisk;
  for (const o of manifest.outputs) {
    expect(existsSync(path.join(out, o.path))).toBe(true);
    expect(`${o.path} ${sha256(path.join(out, o.path))}`).toBe(`${o.path} ${o.sha256}`);
  }
  const listed = new Set(manifest.outputs.map((o) => o.path));
  const unlisted = filesUnder(out).filter((p) => p !== 'manifest.json' && !listed.has(p) && !(stageAllowed && p.startsWith(STAGE_PREFIX)));
  expect(unlisted).toEqual([]);
  // No folder but those the outputs are in: none left empty, none of a filing the run no longer has.
  const folders = new Set([...listed].flatMap((p) => p.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join(path.sep))));
  const stray = foldersUnder(out).filter((d) => !folders.has(d) && !(stageAllowed && d.startsWith(STAGE_PREFIX)));
  expect(stray).toEqual([]);
  if (!stageAllowed) expect(readdirSync(out).filter((f) => f.startsWith(STAGE_PREFIX))).toEqual([]);
  return manifest;
}
