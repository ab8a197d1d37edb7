/**
 * Parse and validate a county config from YAML text. Pure: the caller reads
 * the file. Every problem is a diagnostic that names the key and the line.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { NON_FILEABLE_DETERMINATIONS } from '../domain';
import { configSchema, type Config } from './schema';
import { normaliseCourtKey } from './courts';

export interface ConfigResult {
  config?: Config;
  diagnostics: Diagnostic[];
}

type Path = ReadonlyArray<PropertyKey>;

function keyPath(path: Path): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out ? '.' : '') + String(p);
  }
  return out || '(top level)';
}

/** The line of the node at `path`, or of its nearest existing ancestor. */
function lineOf(doc: Document, lc: LineCounter, path: Path, preferKey = true): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n) as unknown[];
    if (preferKey && n === path.length && n > 0) {
      const parent = sub.length > 1 ? doc.getIn(sub.slice(0, -1), true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === sub[sub.length - 1]);
        const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
        if (range) return lc.linePos(range[0]).line;
      }
    }
    const node = n === 0 ? doc.contents : doc.getIn(sub, true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lc.linePos(range[0]).line;
  }
  return undefined;
}

function valueAt(raw: unknown, path: Path): unknown {
  let v: unknown = raw;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): { path: Path; message: string; hint?: string } {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    return {
      path: [...issue.path, keys[0] ?? ''],
      message: `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')} under ${keyPath(issue.path)}`,
      hint: 'check the spelling against docs/config.md; keys are snake_case',
    };
  }
  if (issue.code !== 'custom' && issue.path.length > 0 && valueAt(raw, issue.path) === undefined) {
    return { path: issue.path, message: `${keyPath(issue.path)} is required but missing`, hint: 'add it; see docs/config.md' };
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const allowed = (issue.values as unknown[]).map((v) => String(v)).join(', ');
    return { path: issue.path, message: `${keyPath(issue.path)}: ${issue.message}`, hint: `use one of: ${allowed}` };
  }
  return { path: issue.path, message: `${keyPath(issue.path)}: ${issue.message}` };
}

export function parseConfig(text: string, file: string): ConfigResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      diagnostics: doc.errors.map((e) =>
        diag('BM601', { file, line: lc.linePos(e.pos[0]).line }, `the YAML cannot be read: ${e.message.split('\n')[0]}`, 'fix the YAML syntax at that line (indentation, a missing colon, an unclosed quote)'),
      ),
    };
  }
  let raw: unknown;
  try {
    // The YAML library's own limits (an alias bomb: "Excessive alias count") throw here.
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { diagnostics: [diag('BM601', { file }, `the YAML cannot be read: ${(e as Error).message.split('\n')[0]}`, 'use plain values instead of many YAML aliases (*name); the config needs none')] };
  }
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    return {
      diagnostics: parsed.error.issues.map((issue) => {
        const d = describeIssue(issue, raw);
        const line = lineOf(doc, lc, d.path);
        return diag('BM602', { file, line, column: keyPath(d.path) }, d.message, d.hint);
      }),
    };
  }
  const config = parsed.data;
  const diagnostics = crossCheck(config, (path) => ({ file, line: lineOf(doc, lc, path), column: keyPath(path) }));
  return diagnostics.length ? { diagnostics } : { config, diagnostics };
}

/** Rules the schema alone cannot say: unique ids and aliases, references that resolve. */
function crossCheck(config: Config, at: (path: Path) => { file: string; line?: number; column: string }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const agencyIds = new Map<string, number>();
  config.agencies.forEach((a, i) => {
    if (agencyIds.has(a.id)) out.push(diag('BM605', at(['agencies', i, 'id']), `agency id "${a.id}" is used twice (also at agencies[${agencyIds.get(a.id)}])`, 'give every agency its own id'));
    else agencyIds.set(a.id, i);
  });
  const courtIds = new Map<string, number>();
  const aliasOwner = new Map<string, { court: number; text: string }>();
  config.courts.forEach((c, i) => {
    if (courtIds.has(c.id)) out.push(diag('BM605', at(['courts', i, 'id']), `court id "${c.id}" is used twice (also at courts[${courtIds.get(c.id)}])`, 'give every court its own id'));
    else courtIds.set(c.id, i);
    const spellings: Array<[string, Path]> = [[c.name, ['courts', i, 'name']], ...c.aliases.map((a, j): [string, Path] => [a, ['courts', i, 'aliases', j]])];
    const seenHere = new Set<string>();
    for (const [text, path] of spellings) {
      const key = normaliseCourtKey(text);
      if (seenHere.has(key)) continue; // the name repeated as an alias of the same court is harmless
      seenHere.add(key);
      const prev = aliasOwner.get(key);
      if (prev && prev.court !== i) {
        out.push(diag('BM603', at(path), `court spelling "${text}" matches courts[${prev.court}] ("${prev.text}") too, so a row could not be placed`, 'keep each spelling under one court only (matching ignores case and spaces)'));
      } else aliasOwner.set(key, { court: i, text });
    }
  });
  config.routing.forEach((r, i) => {
    if (!agencyIds.has(r.agency)) out.push(diag('BM604', at(['routing', i, 'agency']), `routing[${i}] names agency "${r.agency}", which is not under agencies`, `use one of: ${[...agencyIds.keys()].join(', ')}`));
    (r.courts ?? []).forEach((c, j) => {
      if (!courtIds.has(c)) out.push(diag('BM604', at(['routing', i, 'courts', j]), `routing[${i}] names court "${c}", which is not under courts`, 'use a court id from the courts list'));
    });
    const cities = new Set(config.courts.map((c) => c.city?.toLowerCase()).filter(Boolean));
    (r.cities ?? []).forEach((c, j) => {
      if (!cities.has(c.toLowerCase())) out.push(diag('BM604', at(['routing', i, 'cities', j]), `routing[${i}] names city "${c}", but no court has that city`, 'set city: on the courts of that city, or fix the spelling'));
    });
  });
  for (const det of Object.keys(config.determinations)) {
    if ((NON_FILEABLE_DETERMINATIONS as readonly string[]).some((n) => n.toLowerCase() === det.trim().toLowerCase())) {
      out.push(diag('BM606', at(['determinations', det]), `determination "${det}" can never be filed, so it cannot map to relief`, 'remove it; such rows are counted as excluded automatically'));
    }
  }
  return out;
}
