/**
 * The I/O edge: reading inputs, hashing them, and writing outputs so that a
 * crash never leaves a half-written set that looks complete.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, type OutputFile, type OutputRecord, type StagedFile } from '../output/manifest';

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
 * A run's output, staged in a temporary folder beside the output and moved
 * into place only when the whole run succeeds, manifest.json last. Documents
 * are written to the stage as they are rendered, so a county's documents are
 * never all in memory at once. The old manifest is removed first, so a folder
 * without manifest.json is visibly incomplete; files the old manifest listed
 * that this run did not write are removed, so nothing stale passes for current.
 */
export class Staging {
  private readonly written: string[] = [];

  private constructor(
    private readonly outDir: string,
    private readonly tmp: string,
  ) {}

  static async open(outDir: string): Promise<Staging> {
    await fs.mkdir(outDir, { recursive: true });
    // A run killed earlier leaves its staging folder behind; it was never part of the output.
    for (const e of await fs.readdir(outDir)) if (e.startsWith('.bulk-motions-tmp-')) await fs.rm(path.join(outDir, e), { recursive: true, force: true });
    return new Staging(outDir, await fs.mkdtemp(path.join(outDir, '.bulk-motions-tmp-')));
  }

  /** Write one file to the stage; a file in pieces is hashed as it is written. */
  async put(f: StagedFile): Promise<OutputRecord> {
    const target = safeJoin(this.tmp, f.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    this.written.push(f.path);
    if ('content' in f) {
      await fs.writeFile(target, f.content);
      return describe(f);
    }
    const hash = createHash('sha256');
    let bytes = 0;
    const out = await fs.open(target, 'w');
    try {
      for (const piece of f.chunks()) {
        const b = Buffer.from(piece, 'utf8');
        hash.update(b);
        bytes += b.length;
        await out.write(b);
      }
    } finally {
      await out.close();
    }
    return { path: f.path, kind: f.kind, format: f.format, bytes, sha256: hash.digest('hex') };
  }

  /** Take staged files back out (a filing rendered again): they will not be moved into place. */
  async discard(paths: readonly string[]): Promise<void> {
    const gone = new Set(paths);
    for (const p of gone) await fs.rm(safeJoin(this.tmp, p), { force: true });
    for (let i = this.written.length - 1; i >= 0; i--) if (gone.has(this.written[i]!)) this.written.splice(i, 1);
  }

  /** Stage the last files and move everything into place. */
  async commit(last: OutputFile[]): Promise<void> {
    try {
      for (const f of last) await this.put(f);
      const oldOutputs = await readOldOutputs(this.outDir);
      await fs.rm(path.join(this.outDir, MANIFEST), { force: true });
      const ordered = [...this.written.filter((p) => p !== MANIFEST), ...this.written.filter((p) => p === MANIFEST)];
      for (const p of ordered) {
        const target = safeJoin(this.outDir, p);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.rename(safeJoin(this.tmp, p), target);
      }
      const now = new Set(this.written);
      for (const old of oldOutputs) if (!now.has(old)) await fs.rm(safeJoin(this.outDir, old), { force: true });
    } finally {
      await this.abort();
    }
  }

  /** Throw the stage away (a failed run writes nothing). */
  async abort(): Promise<void> {
    await fs.rm(this.tmp, { recursive: true, force: true });
  }
}

export async function writeOutputs(outDir: string, files: OutputFile[]): Promise<void> {
  const stage = await Staging.open(outDir);
  await stage.commit(files);
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
