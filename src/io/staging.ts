/**
 * A run's output, built whole in a folder beside the output folder and then
 * switched in by renaming whole folders, so that the output folder never holds
 * a mixture of two runs:
 *
 *   1. every file is written to `.<out>.bulk-motions-new-<run>` (documents as
 *      they are rendered, manifest.json last);
 *   2. files in the output folder that are not the previous run's outputs (a
 *      user's own notes) are linked into the new folder, so they survive;
 *      the litter of file browsers and word processors (.DS_Store, Thumbs.db,
 *      Word's ~$ lock files) is not, and no folder is left empty (a filing
 *      this run no longer has leaves no folder behind);
 *   3. the output folder is renamed to `.<out>.bulk-motions-old-<run>`, the new
 *      folder is renamed to the output folder, and the old one is removed.
 *
 * Until step 3 the output folder holds the previous run, untouched. After it,
 * the new run. A kill between the two renames of step 3 leaves both complete
 * beside it; the next run into the folder finishes the switch first
 * (recoverOutput). The caller holds the folder's lock throughout (lock.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, promises as fs, type ReadStream } from 'node:fs';
import * as path from 'node:path';
import { describe, type OutputFile, type OutputRecord, type StagedFile } from '../output/manifest';

const MANIFEST = 'manifest.json';

/** A binary file made as it is written (a packet zip, from files already staged). */
export interface StreamedFile {
  path: string;
  kind: string;
  format: string;
  stream: () => AsyncIterable<Uint8Array>;
}

/** The folders beside `out` that belong to run `id`. */
export function siblings(out: string, id: string) {
  const parent = path.dirname(out);
  const base = path.basename(out);
  return { fresh: path.join(parent, `.${base}.bulk-motions-new-${id}`), old: path.join(parent, `.${base}.bulk-motions-old-${id}`) };
}

/** For tests: a point of the commit where a test can have the process killed (BULK_MOTIONS_TEST_KILL_AT). */
export type CommitStep = 'staged' | 'linked' | 'moved-aside' | 'switched';

/** The commit-kill test's hook: the process dies at the step BULK_MOTIONS_TEST_KILL_AT names. */
function testKill(step: CommitStep): void {
  if (process.env.BULK_MOTIONS_TEST_KILL_AT === step) process.kill(process.pid, 'SIGKILL');
}

export class Staging {
  private readonly written: string[] = [];

  private constructor(
    private readonly out: string,
    private readonly id: string,
    private readonly tmp: string,
    private readonly hook: (step: CommitStep) => void,
  ) {}

  /** `out` must be absolute; `id` names this run's folders. */
  static async open(out: string, id: string, hook: (step: CommitStep) => void = testKill): Promise<Staging> {
    const { fresh } = siblings(out, id);
    await fs.mkdir(fresh);
    return new Staging(out, id, fresh, hook);
  }

  /** Write one file to the stage; a file in pieces is hashed as it is written, `onBytes` told the bytes so far after each piece. */
  async put(f: StagedFile | StreamedFile, onBytes?: (bytes: number) => void): Promise<OutputRecord> {
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
      for await (const piece of 'stream' in f ? f.stream() : f.chunks()) {
        const b = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
        hash.update(b);
        bytes += b.length;
        await out.write(b);
        onBytes?.(bytes);
      }
    } finally {
      await out.close();
    }
    return { path: f.path, kind: f.kind, format: f.format, bytes, sha256: hash.digest('hex') };
  }

  /** Read a file already staged (a packet holds the run's documents). */
  read(rel: string): ReadStream {
    return createReadStream(safeJoin(this.tmp, rel));
  }

  /** Take staged files back out (a filing rendered again): they will not be part of the run. */
  async discard(paths: readonly string[]): Promise<void> {
    const gone = new Set(paths);
    for (const p of gone) await fs.rm(safeJoin(this.tmp, p), { force: true });
    for (let i = this.written.length - 1; i >= 0; i--) if (gone.has(this.written[i]!)) this.written.splice(i, 1);
  }

  /**
   * Stage the last files and switch the whole run in. `previousOutputs` are the
   * files the output folder's manifest lists (undefined when it has none or it
   * cannot be read): every other file there is the user's, and is kept.
   * `onSwitch` is told when every file is staged and the switch begins.
   */
  async commit(last: OutputFile[], previousOutputs: readonly string[] | undefined, onSwitch?: () => void): Promise<void> {
    try {
      for (const f of last) await this.put(f);
      this.hook('staged');
      onSwitch?.();
      const ours = new Set([...this.written, ...(previousOutputs ?? []), MANIFEST]);
      // (.bulk-motions-tmp-* is where earlier versions staged inside the folder: never the user's.)
      const theirs = (rel: string) => !ours.has(rel) && !rel.startsWith('.bulk-motions-tmp-') && !litter(path.posix.basename(rel));
      if (existsSync(this.out)) for (const rel of await filesUnder(this.out)) if (theirs(rel)) await keep(path.join(this.out, rel), safeJoin(this.tmp, rel));
      await removeEmptyFolders(this.tmp);
      this.hook('linked');
      const { old } = siblings(this.out, this.id);
      const had = existsSync(this.out);
      if (had) await fs.rename(this.out, old);
      this.hook('moved-aside');
      try {
        await fs.rename(this.tmp, this.out);
      } catch (e) {
        // The switch failed half-way (a folder held open, say): put the previous run back at once.
        if (had) await fs.rename(old, this.out).catch(() => undefined);
        throw e;
      }
      this.hook('switched');
      if (had) await fs.rm(old, { recursive: true, force: true });
    } finally {
      await this.abort();
    }
  }

  /** Throw the stage away (a failed run writes nothing). */
  async abort(): Promise<void> {
    await fs.rm(this.tmp, { recursive: true, force: true });
  }
}

/**
 * Finish or clear what a killed run left beside `out`: if it was killed between
 * the two renames of its switch (the output folder gone, its old and new
 * folders both there and complete), the new run is put in place; every other
 * leftover folder is removed. Call with the folder's lock held.
 */
export async function recoverOutput(out: string): Promise<'switched' | 'cleared' | 'none'> {
  const parent = path.dirname(out);
  if (!existsSync(parent)) return 'none';
  const prefix = `.${path.basename(out)}.bulk-motions-`;
  const left = (await fs.readdir(parent)).filter((e) => e.startsWith(prefix));
  if (!left.length) return 'none';
  let result: 'switched' | 'cleared' = 'cleared';
  if (!existsSync(out)) {
    // Only a switch in progress has moved the output aside: its new folder is complete.
    const aside = left.find((e) => e.startsWith(`${prefix}old-`));
    const id = aside?.slice(`${prefix}old-`.length);
    const fresh = id !== undefined ? path.join(parent, `${prefix}new-${id}`) : undefined;
    if (fresh && existsSync(fresh)) {
      await fs.rename(fresh, out);
      result = 'switched';
    } else if (aside) {
      await fs.rename(path.join(parent, aside), out);
      result = 'switched';
    }
  }
  for (const e of await fs.readdir(parent)) if (e.startsWith(prefix) && !e.endsWith('.lock')) await fs.rm(path.join(parent, e), { recursive: true, force: true });
  return result;
}

/** A user's file in the output folder, carried into the new run: linked, or copied where links are not possible. */
async function keep(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  try {
    await fs.link(from, to);
  } catch {
    await fs.copyFile(from, to);
  }
}

/**
 * Files nobody wrote on purpose: file browsers' (.DS_Store, AppleDouble ._ files, Thumbs.db,
 * desktop.ini) and word processors' locks (Word's ~$motion.docx, LibreOffice's .~lock.motion.docx#),
 * made by opening a folder or a document. Carried over, they would keep a removed filing's folder alive.
 */
export function litter(name: string): boolean {
  return /^(?:\.DS_Store|\._.+|Thumbs\.db|ehthumbs\.db|desktop\.ini|~\$.+|\.~lock\..+#)$/i.test(name);
}

/** Remove every folder under `dir` (not `dir` itself) that holds no file, deepest first. */
async function removeEmptyFolders(dir: string): Promise<void> {
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const sub = path.join(dir, e.name);
    await removeEmptyFolders(sub);
    if ((await fs.readdir(sub)).length === 0) await fs.rmdir(sub);
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'));
}

/** Join without letting a relative path climb out of `root`. */
function safeJoin(root: string, rel: string): string {
  const target = path.resolve(root, rel);
  if (!target.startsWith(path.resolve(root) + path.sep)) throw new Error(`refusing to write outside ${root}: ${rel}`);
  return target;
}
