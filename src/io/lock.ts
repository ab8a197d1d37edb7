/**
 * One run per output folder: a lock file beside the folder, created
 * atomically (O_EXCL), holding the process id and host of the run that holds
 * it. A second run fails at once and names the holder; a lock left by a
 * process that is gone (killed) is taken over, with a notice.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diag, type Diagnostic } from '../diagnostics/catalog';

export interface Lock {
  release(): Promise<void>;
}

interface Holder {
  pid: number;
  host: string;
}

export const lockPath = (out: string) => path.join(path.dirname(out), `.${path.basename(out)}.bulk-motions.lock`);

/** A lock file younger than this with no holder written yet belongs to a run that is still starting. */
const STARTING_MS = 10_000;

export async function acquireLock(out: string): Promise<{ lock?: Lock; diagnostics: Diagnostic[] }> {
  const file = lockPath(out);
  const me: Holder = { pid: process.pid, host: os.hostname() };
  const diagnostics: Diagnostic[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const h = await fs.open(file, 'wx');
      try {
        await h.writeFile(JSON.stringify(me));
      } finally {
        await h.close();
      }
      return { lock: { release: () => fs.rm(file, { force: true }) }, diagnostics };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = await readHolder(file);
    if (holder === 'starting' || (holder && (holder.host !== me.host || alive(holder.pid)))) {
      const who = holder === 'starting' ? 'a run that is starting' : `process ${holder.pid} on ${holder.host}`;
      return { diagnostics: [diag('BM110', { file: out }, `another run is writing to this folder (${who}; lock file ${file})`, 'wait for it to finish, or choose another --out; if no run is going, delete the lock file')] };
    }
    diagnostics.push(diag('BM112', { file: out }, `a run that ended without finishing${holder ? ` (process ${holder.pid})` : ''} left its lock on this folder; this run takes it over`));
    await fs.rm(file, { force: true });
  }
  return { diagnostics: [diag('BM110', { file: out }, `the folder's lock (${file}) could not be taken`, 'run again; if no other run is going, delete the lock file')] };
}

async function readHolder(file: string): Promise<Holder | 'starting' | undefined> {
  try {
    const h = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<Holder>;
    if (typeof h.pid === 'number' && typeof h.host === 'string') return { pid: h.pid, host: h.host };
  } catch {
    // Empty or half-written: a run creating it now, or one killed while it did.
  }
  try {
    return Date.now() - (await fs.stat(file)).mtimeMs < STARTING_MS ? 'starting' : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
