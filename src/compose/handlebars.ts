/**
 * Templates are compiled in an isolated Handlebars environment: strict (a
 * missing field is an error), noEscape (this is not HTML), knownHelpersOnly
 * (only our helpers exist). Prototype access stays off (Handlebars' default
 * since 4.6), and templates have no way to read files or run code.
 */
import Handlebars from 'handlebars';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import type { ChallengeGround, Relief } from '../domain';
import { parseLaw, setAt } from './law';

dayjs.extend(customParseFormat);

export interface TemplateSource {
  /** "motion", "order", or a partial's name. */
  name: string;
  /** Where it came from, for messages: "templates/motion.hbs" or the user's path. */
  origin: string;
  text: string;
}

export interface TemplateSet {
  documents: Map<string, TemplateSource>;
  partials: Map<string, TemplateSource>;
  /** law.yaml: every citation and statement of law. */
  law: TemplateSource;
}

export const HELPERS = {
  /** "2027-02-11" -> "February 11, 2027"; '' stays ''. */
  date(value: unknown, format?: unknown): string {
    if (value === '' || value === undefined || value === null) return '';
    const d = dayjs(String(value), 'YYYY-MM-DD', true);
    if (!d.isValid()) throw new TemplateValueError(`date: "${String(value)}" is not a date written YYYY-MM-DD`);
    return d.format(typeof format === 'string' ? format : 'MMMM D, YYYY');
  },
  /** 62014 -> "62,014" */
  count(n: unknown): string {
    return Number(n).toLocaleString('en-US');
  },
  plural(n: unknown, one: unknown, many: unknown): string {
    return Number(n) === 1 ? String(one) : String(many);
  },
  /** ["a","b","c"] -> "a, b and c" */
  list(items: unknown): string {
    const xs = Array.isArray(items) ? items.map(String) : [];
    if (xs.length <= 2) return xs.join(' and ');
    return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
  },
  upper(s: unknown): string {
    return String(s ?? '').toUpperCase();
  },
  eq(a: unknown, b: unknown): boolean {
    return a === b;
  },
  /** A page reference, resolved at layout. */
  pageref(letter: unknown): string {
    return `[[page:${String(letter)}]]`;
  },
} as const;

/** A helper refusing a value; reported like a template error. */
export class TemplateValueError extends Error {}

type Compiled = (context: unknown) => string;

export interface CompiledSet {
  render(document: string, context: unknown): { text?: string; diagnostics: Diagnostic[] };
  /**
   * The law table's values rendered against a filing's facts, as the tree law.yaml has. A value marked
   * `confirm: true` is '' unless its key is in `asked`.
   */
  law(context: unknown, asked: ReadonlySet<string>): { law?: Record<string, unknown>; diagnostics: Diagnostic[] };
  /** The exhibit's Relief column, from the law table. */
  reliefLabels: Record<Relief, string>;
  /** The Ground column's words in a notice of challenge (law.yaml challenge.grounds.<ground>.label). */
  groundLabels: Record<ChallengeGround, string>;
  /** After this date (YYYY-MM-DD) a motion says the court's duty continues. */
  lateAfter: string;
}

const OPTIONS: CompileOptions = {
  strict: true,
  noEscape: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true])),
};

interface TaggedError extends Error {
  templateOrigin?: string;
  lineNumber?: number;
  column?: number;
}

/** Tag an error with the innermost template it passed through. */
function tagged(fn: HandlebarsTemplateDelegate, origin: string): HandlebarsTemplateDelegate {
  return (ctx, opts) => {
    try {
      return fn(ctx, opts);
    } catch (e) {
      const err = e as TaggedError;
      err.templateOrigin ??= origin;
      throw err;
    }
  };
}

export function toDiagnostic(e: unknown, fallbackOrigin: string): Diagnostic {
  const err = e as TaggedError;
  const file = err.templateOrigin ?? fallbackOrigin;
  const msg = String(err.message ?? e);
  const parse = /^(?:Parse|Lexical) error on line (\d+)/.exec(msg);
  if (parse) {
    const detail = msg.split('\n').slice(1).join(' ').replace(/\s+/g, ' ');
    return diag('BM701', { file, line: Number(parse[1]) }, `Handlebars syntax error: ${detail}`, 'check that every {{#if}}, {{#each}} and {{#with}} has its closing tag and every {{ has its }}');
  }
  const missing = /^"([^"]+)" not defined in/.exec(msg);
  if (missing) {
    return diag('BM702', { file, line: err.lineNumber, column: missing[1] }, `the field "${missing[1]}" does not exist`, 'use a field listed in docs/templates.md (names are case-sensitive)');
  }
  const helper = /unknown helper (\S+)/.exec(msg);
  if (helper) {
    return diag('BM703', { file, line: err.lineNumber, column: helper[1] }, `"${helper[1]}" is not a helper`, 'use date, count, plural, list, upper, eq or pageref');
  }
  const partial = /The partial (\S+) could not be found/.exec(msg);
  if (partial) return diag('BM703', { file }, `there is no partial "${partial[1]}"`, 'use a partial that exists in templates/partials (its file name without .hbs)');
  if (e instanceof TemplateValueError) return diag('BM702', { file, line: err.lineNumber }, msg, 'check the value in the config');
  // Handlebars refused the template as written: the template's problem.
  if (e instanceof Handlebars.Exception) return diag('BM701', { file, line: err.lineNumber }, `the template failed: ${msg.split('\n')[0]}`);
  // Anything else (a TypeError in a helper, say) is a bug of ours, whatever template was running.
  throw e;
}

export function compileSet(set: TemplateSet): { compiled?: CompiledSet; diagnostics: Diagnostic[] } {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  const diagnostics: Diagnostic[] = [];
  const compile = (src: TemplateSource): HandlebarsTemplateDelegate | undefined => {
    try {
      // Precompile once so syntax and unknown-helper errors surface before any rendering.
      hb.precompile(src.text, OPTIONS);
      return tagged(hb.compile(src.text, OPTIONS), src.origin);
    } catch (e) {
      diagnostics.push(toDiagnostic(e, src.origin));
      return undefined;
    }
  };
  const parsedLaw = parseLaw(set.law.text, set.law.origin);
  diagnostics.push(...parsedLaw.diagnostics);
  const lawFns: Array<{ key: string; confirm: boolean; line?: number; fn: HandlebarsTemplateDelegate }> = [];
  for (const e of parsedLaw.law?.entries ?? []) {
    try {
      hb.precompile(e.text, OPTIONS);
      lawFns.push({ key: e.key, confirm: e.confirm, ...(e.line !== undefined ? { line: e.line } : {}), fn: hb.compile(e.text, OPTIONS) });
    } catch (err) {
      const d = toDiagnostic(err, set.law.origin);
      diagnostics.push({ ...d, line: e.line, column: e.key });
    }
  }
  for (const src of set.partials.values()) {
    const fn = compile(src);
    if (fn) hb.registerPartial(src.name, fn);
  }
  const docs = new Map<string, Compiled>();
  for (const src of set.documents.values()) {
    const fn = compile(src);
    if (fn) docs.set(src.name, fn);
  }
  if (diagnostics.length) return { diagnostics };
  return {
    diagnostics,
    compiled: {
      render(document, context) {
        const fn = docs.get(document);
        const origin = set.documents.get(document)?.origin ?? document;
        if (!fn) return { diagnostics: [diag('BM705', { file: origin }, `there is no template for the ${document}`)] };
        try {
          return { text: fn(context), diagnostics: [] };
        } catch (e) {
          return { diagnostics: [toDiagnostic(e, origin)] };
        }
      },
      law(context, asked) {
        const out: Record<string, unknown> = {};
        for (const e of lawFns) {
          if (e.confirm && !asked.has(e.key)) {
            setAt(out, e.key, '');
            continue;
          }
          try {
            setAt(out, e.key, e.fn(context).trim());
          } catch (err) {
            const d = toDiagnostic(err, set.law.origin);
            return { diagnostics: [{ ...d, line: e.line, column: e.key }] };
          }
        }
        return { law: out, diagnostics: [] };
      },
      reliefLabels: parsedLaw.law!.labels,
      groundLabels: parsedLaw.law!.groundLabels,
      lateAfter: parsedLaw.law!.lateAfter,
    },
  };
}
