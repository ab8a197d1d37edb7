/**
 * Mistakes on the command line: printed with a pointer to --help, exit code 2
 * (and with --json, as a BM124 diagnostic in the report). The values the
 * options parser cannot check itself are checked here.
 */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { closest, distance } from 'fastest-levenshtein';

dayjs.extend(customParseFormat);

export class UsageError extends Error {
  /** What to do instead, when we can tell: "Did you mean --out?". */
  readonly suggestion: string | undefined;
  constructor(message: string, suggestion?: string) {
    super(message);
    this.suggestion = suggestion;
  }
}

/** Today, YYYY-MM-DD, in local time: the clock, read at the edge. */
export const today = (): string => dayjs().format('YYYY-MM-DD');

/**
 * --as-of, or today. Only a real date written YYYY-MM-DD, and not after
 * today unless the user says so (--allow-future-date): a run dated ahead
 * would let through convictions that have not happened yet.
 */
export function asOfDate(value: string | undefined, now: string, allowFuture = false): string {
  if (value === undefined) return now;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !dayjs(value, 'YYYY-MM-DD', true).isValid()) throw new UsageError(`--as-of "${value}" is not a date written YYYY-MM-DD`, `For example --as-of ${now}`);
  if (value > now && !allowFuture) throw new UsageError(`--as-of ${value} is after today (${now})`, 'Give today or an earlier date, or add --allow-future-date to date the run ahead on purpose');
  return value;
}

export const THREADS = [1, 2] as const;

/** --threads: 1 or 2, nothing else. */
export function threadsOf(value: unknown): 1 | 2 {
  if (value === 1 || value === 2) return value;
  const given = typeof value === 'number' && Number.isNaN(value) ? 'not a number' : `"${String(value)}"`;
  throw new UsageError(`--threads is ${given}: use ${THREADS.join(' or ')}`, '1, the default, renders everything on one thread; 2 renders Word files on a second');
}

/** The nearest of `choices` to a mistyped `word`, if one is near enough to be what was meant. */
export function nearest(word: string, choices: readonly string[]): string | undefined {
  if (!choices.length) return undefined;
  // The start of an option ("--allow" for --allow-future-date) is as good as a typo of it.
  const started = word.length >= 3 ? choices.filter((c) => c.startsWith(word)).sort((a, b) => a.length - b.length)[0] : undefined;
  if (started !== undefined) return started;
  const best = closest(word, [...choices]);
  return distance(word, best) <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/**
 * The options on a command line that the command does not know (`known`
 * holds its option names, kebab-case or camelCase). Values and everything
 * after `--` are skipped; `--no-x` is the negation of `x`.
 */
export function unknownOptions(argv: readonly string[], known: ReadonlySet<string>): string[] {
  const end = argv.indexOf('--');
  const names: string[] = [];
  for (const token of end < 0 ? argv : argv.slice(0, end)) {
    if (token.startsWith('--')) names.push(token.slice(2).split('=')[0]!);
    else if (/^-[^-\d]/.test(token)) names.push(...token.slice(1).split('=')[0]!.split(''));
  }
  const isKnown = (n: string) => known.has(n) || (n.startsWith('no-') && known.has(n.slice(3)));
  return [...new Set(names.filter((n) => n !== '' && !isKnown(n)))];
}

/** "Unknown option --ouput" with "Did you mean --out?", for each option not known. */
export function unknownOptionError(unknown: readonly string[], known: ReadonlySet<string>): UsageError {
  const kebab = [...known].filter((k) => k.length > 1 && !/[A-Z]/.test(k) && k !== '$0' && k !== '_');
  const dash = (n: string) => (n.length === 1 ? `-${n}` : `--${n}`);
  const guesses = unknown.map((u) => nearest(u, kebab)).filter((g): g is string => g !== undefined);
  const message = `Unknown option${unknown.length === 1 ? '' : 's'} ${unknown.map(dash).join(', ')}`;
  return new UsageError(message, guesses.length ? `Did you mean ${[...new Set(guesses)].map(dash).join(', ')}?` : undefined);
}
