/**
 * `bulk-motions serve`: starts the local web page (src/server) and prints its
 * address. The I/O edge: it reads the clock (the default run date and the
 * default folder's name) and the home folder, and opens the browser when asked.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import dayjs from 'dayjs';
import { startServer } from '../server';

export interface ServeArgs {
  out?: string;
  work?: string;
  port: number;
  open: boolean;
  asOf: string;
  threads?: number;
}

/** The folders used when --out is not given: a new one under the home folder, named by the time. */
export function defaultFolders(args: Pick<ServeArgs, 'out' | 'work'>, home = homedir(), now = dayjs()): { out: string; work: string } {
  if (args.out !== undefined) {
    const out = path.resolve(args.out);
    return { out, work: path.resolve(args.work ?? `${out}-work`) };
  }
  const base = path.join(home, 'bulk-motions', now.format('YYYY-MM-DD-HHmmss'));
  return { out: path.join(base, 'filings'), work: path.resolve(args.work ?? path.join(base, 'work')) };
}

/** Opens the address in the user's browser; a failure only means they open it themselves. */
function openBrowser(url: string): void {
  const [cmd, argv] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, argv, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The address is printed; the user opens it.
  }
}

export async function serveCommand(args: ServeArgs): Promise<number> {
  const { out, work } = defaultFolders(args);
  mkdirSync(work, { recursive: true });
  const served = await startServer({ out, work, asOf: args.asOf, port: args.port, ...(args.threads ? { threads: args.threads } : {}) });
  process.stdout.write(
    [
      'bulk-motions is running on this computer only.',
      `Open this address in your browser (it carries the key to your data; do not share it):`,
      '',
      `  ${served.url}`,
      '',
      `Filings go to:   ${out}`,
      `Uploaded files and answers.csv: ${work}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  if (args.open) openBrowser(served.url);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void served.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
