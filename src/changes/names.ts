/**
 * The words the documents use for what a run's records name by id: the
 * courts and offices as the config names them, and the reliefs as the law
 * table (templates/law.yaml) titles them. The manifest records them (`names`),
 * so a change report between two finished runs speaks in them too; a run
 * recorded before they were falls back to its ids, made readable.
 */
import type { Config } from '../config/schema';
import { RELIEFS } from '../domain';

/** The relief a challenged case carries in a snapshot (and in struck.csv): notices ask for no relief. */
export const CHALLENGE_RELIEF = 'challenge';

export interface RunNames {
  /** Court id -> the court's name (config courts[].name). */
  courts: Record<string, string>;
  /** Agency id -> the office's name (config agencies[].name). */
  agencies: Record<string, string>;
  /** Relief id (and "challenge", a notice of challenge's) -> the documents' title for it. */
  reliefs: Record<string, string>;
}

const SMALL = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'under']);

/** "DISMISS AND SEAL CANNABIS CONVICTIONS" -> "Dismiss and Seal Cannabis Convictions". */
export function titleCase(s: string): string {
  return s
    .toLowerCase()
    .split(/(\s+)/)
    .map((w, i) => (i > 0 && SMALL.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
}

/** An id as words, when no name was recorded: "dismiss_and_seal" -> "Dismiss and seal". */
export function humanize(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An object with its keys in order: the manifest's bytes must not depend on the order things were met. */
const sorted = (entries: Iterable<[string, string]>): Record<string, string> => Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * This run's names: the courts and agencies it refers to (`used`), and every relief. `law` is the law
 * table's text by key (reliefs.<relief>.title, challenge.short_title); a title the table leaves to a
 * template expression, or a table that could not be read, gives the relief's id as words.
 */
export function runNames(config: Config, used: { courts: Iterable<string>; agencies: Iterable<string> }, law: ReadonlyMap<string, string> | undefined): RunNames {
  const courtName = new Map(config.courts.map((c) => [c.id, c.name]));
  const agencyName = new Map(config.agencies.map((a) => [a.id, a.name]));
  const title = (key: string, id: string) => {
    const t = law?.get(key);
    return t && !t.includes('{{') ? titleCase(t.trim()) : humanize(id);
  };
  const reliefs: Array<[string, string]> = RELIEFS.map((r) => [r, title(`reliefs.${r}.title`, r)]);
  reliefs.push([CHALLENGE_RELIEF, title('challenge.short_title', 'notice of challenge')]);
  return {
    courts: sorted([...new Set(used.courts)].map((id) => [id, courtName.get(id) ?? id])),
    agencies: sorted([...new Set(used.agencies)].map((id) => [id, agencyName.get(id) ?? id])),
    reliefs: sorted(reliefs),
  };
}

/** The names of two runs together, the newer's winning. */
export function mergeNames(older: Partial<RunNames> | undefined, newer: Partial<RunNames> | undefined): RunNames {
  return {
    courts: { ...older?.courts, ...newer?.courts },
    agencies: { ...older?.agencies, ...newer?.agencies },
    reliefs: { ...older?.reliefs, ...newer?.reliefs },
  };
}

/** How a report names things: the recorded name, or the id as words. */
export function namer(names: RunNames) {
  return {
    court: (id: string) => names.courts[id] ?? id,
    agency: (id: string) => names.agencies[id] ?? humanize(id),
    relief: (id: string) => names.reliefs[id] ?? humanize(id),
  };
}
