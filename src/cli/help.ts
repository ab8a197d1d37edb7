/** The top-level --help's closing lines and width. */
import { packageRoot } from '../io/files';

/** As wide as the terminal, up to 120 columns, so example commands stay on one line; 80 when not known. */
export function helpWidth(columns: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const cols = columns ?? (Number(env.COLUMNS) || 80);
  return Math.max(40, Math.min(cols, 120));
}

export function epilog(): string {
  return [
    'Exit codes:',
    '  0  every row was filed or excluded cleanly',
    '  3  the run finished, but rows went to review or were rejected: see review.csv and rejects.csv',
    '  1  fatal: the run stopped and nothing was written; the diagnostics say why and how to fix it',
    '  2  usage error: a command, option or value on the command line is wrong',
    '',
    `Documentation: README.md and docs/ in ${packageRoot()} (docs/diagnostics.md explains every BMnnn code).`,
    'Colour: only on a terminal; NO_COLOR=1 turns it off, FORCE_COLOR=1 on.',
  ].join('\n');
}
