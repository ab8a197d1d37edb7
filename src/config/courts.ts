/**
 * Court matching: DOJ spellings vary in case and spacing ("CASCLos Angeles
 * Central", " casc los angeles central "), so we compare keys with all
 * whitespace removed and case folded. An unknown court is never a new group.
 */
import { distance } from 'fastest-levenshtein';
import type { Config, Court } from './schema';

/** A key that ignores case and all whitespace: how court, county and agency names are compared. */
export function looseKey(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/gu, '');
}

export const normaliseCourtKey = looseKey;

export interface CourtMatcher {
  match(raw: string): Court | undefined;
  /** Up to three known spellings nearest to `raw`, for the error message. */
  suggest(raw: string): string[];
}

export function courtMatcher(config: Config): CourtMatcher {
  const byKey = new Map<string, Court>();
  const spellings: Array<{ key: string; text: string }> = [];
  for (const court of config.courts) {
    for (const text of [court.name, ...court.aliases]) {
      const key = normaliseCourtKey(text);
      if (!byKey.has(key)) {
        byKey.set(key, court);
        spellings.push({ key, text });
      }
    }
  }
  // A county list repeats a few dozen spellings hundreds of thousands of times.
  const seen = new Map<string, Court | undefined>();
  return {
    match(raw) {
      if (seen.has(raw)) return seen.get(raw);
      const court = byKey.get(normaliseCourtKey(raw));
      if (seen.size < 10_000) seen.set(raw, court);
      return court;
    },
    suggest(raw) {
      const key = normaliseCourtKey(raw);
      return spellings
        .map((s) => ({ text: s.text, d: distance(key, s.key) }))
        .sort((a, b) => a.d - b.d || (a.text < b.text ? -1 : 1))
        .slice(0, 3)
        .map((s) => s.text);
    },
  };
}
