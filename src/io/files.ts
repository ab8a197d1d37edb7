/**
 * The I/O edge: reading inputs, hashing them, and writing outputs so that a
 * crash never leaves a half-written set that looks complete.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { OutputFile } from '../output/manifest';

export interface OpenedInput {
  stream: NodeJS.ReadableStream;
  /** The sha256 of every byte read so far; call after the stream ends. */
  digest(): string;
}

export function openInput(file: string): OpenedInput {
  const hash = createHash('sha256');
  const stream = createReadStream(file);
  stream.on('data', (chunk) => hash.update(chunk));
  let value: string | undefined;
  return { stream, digest: () => (value ??= hash.digest('hex')) };
}

/** The package's own folder (templates/, fonts/, package.json), wherever the code was compiled to. */
export function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'bulk-motions') return dir;
    if (path.dirname(dir) === dir) throw new Error(`bug: no bulk-motions package.json above ${__dirname}`);
  }
}

export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

const MANIFEST = 'manifest.json';

/**
 * Write every file into a temporary folder beside the output, then move
 * them into place, manifest.json last. The old manifest is removed first,
 * so a folder without manifest.json is visibly incomplete. Files the old
 * manifest listed that this run did not write are removed, so nothing stale
 * passes for current.
 */
export async function writeOutputs(outDir: string, files: OutputFile[]): Promise<void> {
  await fs.mkdir(outDir, { recursive: true });
  // A run killed earlier leaves its staging folder behind; it was never part of the output.
  for (const e of await fs.readdir(outDir)) if (e.startsWith('.bulk-motions-tmp-')) await fs.rm(path.join(outDir, e), { recursive: true, force: true });
  const tmp = await fs.mkdtemp(path.join(outDir, '.bulk-motions-tmp-'));
  try {
    for (const f of files) {
      const target = safeJoin(tmp, f.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, f.content);
    }
    const oldOutputs = await readOldOutputs(outDir);
    await fs.rm(path.join(outDir, MANIFEST), { force: true });
    const ordered = [...files.filter((f) => f.path !== MANIFEST), ...files.filter((f) => f.path === MANIFEST)];
    for (const f of ordered) {
      const target = safeJoin(outDir, f.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(safeJoin(tmp, f.path), target);
    }
    const now = new Set(files.map((f) => f.path));
    for (const old of oldOutputs) if (!now.has(old)) await fs.rm(safeJoin(outDir, old), { force: true });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

async function readOldOutputs(outDir: string): Promise<string[]> {
  const p = path.join(outDir, MANIFEST);
  if (!existsSync(p)) return [];
  try {
    const m = JSON.parse(await fs.readFile(p, 'utf8')) as { outputs?: Array<{ path?: unknown }> };
    return (m.outputs ?? []).map((o) => o.path).filter((x): x is string => typeof x === 'string');
  } catch {
    return [];
  }
}

/** Join without letting a relative path climb out of `root`. */
function safeJoin(root: string, rel: string): string {
  const target = path.resolve(root, rel);
  if (!target.startsWith(path.resolve(root) + path.sep)) throw new Error(`refusing to write outside ${root}: ${rel}`);
  return target;
}
