/**
 * Colour on the terminal, decided here and nowhere else: each stream is
 * coloured only when it is a terminal, unless NO_COLOR or FORCE_COLOR says
 * otherwise. What is piped or redirected (a file, another program, --json)
 * is never coloured. The rest of the CLI gets a Style and does not ask.
 */
import { createColors } from 'picocolors';
import type { Label, Paint } from '../diagnostics/catalog';

/**
 * Whether to colour what is written to a stream. FORCE_COLOR (any value but
 * 0 or false) turns colour on even when piped, and wins over NO_COLOR, as in
 * Node itself; NO_COLOR (any non-empty value) turns it off; TERM=dumb too;
 * otherwise colour exactly when the stream is a terminal.
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** What the CLI marks: diagnostics by their label, and its own lines by what they say. */
export interface Style extends Paint {
  /** A stop: fatal errors, "Stopped: ...". */
  fatal(text: string): string;
  /** Needs a person: "Attention: ...". */
  warn(text: string): string;
  bold(text: string): string;
}

export function style(enabled: boolean): Style {
  const c = createColors(enabled);
  const byLabel: Record<Label, (s: string) => string> = {
    fatal: (s) => c.bold(c.red(s)),
    error: c.red,
    review: c.yellow,
    warning: c.yellow,
    info: c.cyan,
  };
  return {
    label: (l, text) => byLabel[l](text),
    dim: c.dim,
    fatal: (s) => c.bold(c.red(s)),
    warn: c.yellow,
    bold: c.bold,
  };
}

/** The styles for standard output and standard error, each decided for its own stream. */
export interface Terminal {
  out: Style;
  err: Style;
}

export function terminal(env: NodeJS.ProcessEnv = process.env, streams: { stdout: { isTTY?: boolean }; stderr: { isTTY?: boolean } } = process): Terminal {
  return { out: style(colorEnabled(streams.stdout, env)), err: style(colorEnabled(streams.stderr, env)) };
}
