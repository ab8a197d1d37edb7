/**
 * The output folder, made safe to write before a run starts: it never holds
 * an input (a run would replace or remove it), it is a folder, no other run is
 * writing to it (the lock), and whatever a killed run left beside it is
 * finished or cleared.
 */
import { existsSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { acquireLock } from '../io/lock';
import { recoverOutput } from '../io/staging';

export interface OutputFolder {
  /** Absolute. */
  dir: string;
  release(): Promise<void>;
}

/** `inputs` are the paths the run reads (case lists, config, edits). */
export async function openOutputFolder(out: string, inputs: readonly string[]): Promise<{ folder?: OutputFolder; diagnostics: Diagnostic[] }> {
  const dir = path.resolve(out);
  const problem = replacesInput(out, dir, inputs);
  if (problem) return { diagnostics: [problem] };
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    return { diagnostics: [diag('BM111', { file: out }, '--out names a file, not a folder', 'choose a folder for --out (it is made if it does not exist)')] };
  }
  mkdirSync(path.dirname(dir), { recursive: true });
  const { lock, diagnostics } = await acquireLock(dir);
  if (!lock) return { diagnostics };
  try {
    await recoverOutput(dir);
  } catch (e) {
    await lock.release();
    throw e;
  }
  return { folder: { dir, release: () => lock.release() }, diagnostics };
}

/** BM109 when the output folder is, or holds, one of the inputs or the templates folder. */
export function replacesInput(out: string, dir: string, inputs: readonly string[], what = 'an input'): Diagnostic | undefined {
  const real = realish(dir);
  for (const input of inputs) {
    const r = realish(path.resolve(input));
    if (r === real || r.startsWith(real + path.sep)) {
      return diag('BM109', { file: input }, `${what} is inside the output folder ${out}: this run would replace or remove it`, 'move it out of the output folder, or choose another --out');
    }
    if (what === 'the templates folder' && real.startsWith(r + path.sep)) {
      return diag('BM109', { file: input }, `the output folder ${out} is inside the templates folder: a run would write among the templates`, 'choose an --out outside the templates folder');
    }
  }
  return undefined;
}

/** The real path, through every symlink, of a path that may not exist yet. */
function realish(p: string): string {
  if (existsSync(p)) return realpathSync(p);
  const parent = path.dirname(p);
  return parent === p ? p : path.join(realish(parent), path.basename(p));
}
