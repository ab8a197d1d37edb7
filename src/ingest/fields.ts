/**
 * Value parsers shared by the presets. Each returns data, never throws.
 */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { isCaseType, isRelief, type CaseType, type Relief } from '../domain';

dayjs.extend(customParseFormat);

export const MAX_FIELD_CHARS = 10_000;
export const EARLIEST_YEAR = 1900;

export type DateResult = { ok: true; iso: string } | { ok: false; why: 'invalid' | 'too-early' | 'future' };

/**
 * Strict parse against each format in turn; '' for an empty value is the
 * caller's business. Results are memoised: a county list repeats the same
 * few thousand dates, and a strict dayjs parse costs far more than a lookup.
 */
const dateCaches = new WeakMap<readonly string[], Map<string, Map<string, DateResult>>>();
/** The two caches used last (a row reads its conviction date and its date of birth): no WeakMap lookup per date. */
const recent: Array<{ formats: readonly string[]; asOf: string; cache: Map<string, DateResult> }> = [];
function cacheFor(formats: readonly string[], asOf: string): Map<string, DateResult> {
  for (const r of recent) if (r.formats === formats && r.asOf === asOf) return r.cache;
  let byAsOf = dateCaches.get(formats);
  if (!byAsOf) dateCaches.set(formats, (byAsOf = new Map()));
  let cache = byAsOf.get(asOf);
  if (!cache) byAsOf.set(asOf, (cache = new Map()));
  recent.unshift({ formats, asOf, cache });
  if (recent.length > 2) recent.pop();
  return cache;
}

export function parseDate(value: string, formats: readonly string[], asOf: string): DateResult {
  const cache = cacheFor(formats, asOf);
  const hit = cache.get(value);
  if (hit) return hit;
  if (cache.size > 100_000) cache.clear();
  const r = parseDateUncached(value, formats, asOf);
  cache.set(value, r);
  return r;
}

function parseDateUncached(value: string, formats: readonly string[], asOf: string): DateResult {
  const v = value.trim();
  for (const f of formats) {
    const quick = strictDigits(v, f);
    if (quick === false) continue;
    if (quick !== undefined) return quick > asOf ? { ok: false, why: 'future' } : { ok: true, iso: quick };
    const d = dayjs(v, f, true);
    if (d.isValid()) {
      const iso = d.format('YYYY-MM-DD');
      if (d.year() < EARLIEST_YEAR) return { ok: false, why: 'too-early' };
      if (iso > asOf) return { ok: false, why: 'future' };
      return { ok: true, iso };
    }
  }
  return { ok: false, why: 'invalid' };
}

/**
 * The all-digit formats the presets use, answered without dayjs (a strict dayjs parse is ~10 us, and a
 * county list has tens of thousands of distinct dates of birth). A strict parse accepts exactly the text
 * the format would print for the date it reads, so: text not of the printed shape is not that format
 * (false); a real calendar date from 1900 on is its ISO date; anything else (an earlier year) is left to
 * dayjs (undefined). Tested against dayjs itself.
 */
const DIGIT_FORMATS: Record<string, { re: RegExp; y: number; m: number; d: number }> = {
  YYYYMMDD: { re: /^(\d{4})(\d{2})(\d{2})$/, y: 1, m: 2, d: 3 },
  'YYYY-MM-DD': { re: /^(\d{4})-(\d{2})-(\d{2})$/, y: 1, m: 2, d: 3 },
  'MM/DD/YYYY': { re: /^(\d{2})\/(\d{2})\/(\d{4})$/, y: 3, m: 1, d: 2 },
  'M/D/YYYY': { re: /^([1-9]\d?)\/([1-9]\d?)\/(\d{4})$/, y: 3, m: 1, d: 2 },
};

export function strictDigits(v: string, format: string): string | false | undefined {
  const f = Object.hasOwn(DIGIT_FORMATS, format) ? DIGIT_FORMATS[format] : undefined;
  if (!f) return undefined;
  const m = f.re.exec(v);
  if (!m) return false;
  const y = Number(m[f.y]);
  if (y < EARLIEST_YEAR) return undefined;
  const month = Number(m[f.m]);
  const day = Number(m[f.d]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(y, month)) return false;
  return `${m[f.y]}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function daysIn(y: number, month: number): number {
  if (month === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export type CaseNumberResult =
  | { ok: true; value: string; changed: boolean }
  | { ok: false; why: 'missing' | 'malformed' };

const CASE_NUMBER = /^[A-Z0-9][A-Z0-9\-./]*$/;

/**
 * Case numbers are copied, never guessed. Two documented, reversible rules
 * only: the ends are trimmed, and the ASCII letters a-z are upper-cased
 * (reported as BM501). Nothing else is folded: String#toUpperCase would turn
 * a long s (U+017F) into S and a dotless i (U+0131) into I, merging a
 * look-alike with a real case, so anything but ASCII letters, digits and the
 * separators - . / goes to a person (BM307).
 */
export function normaliseCaseNumber(value: string): CaseNumberResult {
  const trimmed = value.trim();
  if (trimmed === '' || upperAscii(trimmed) === 'NULL') return { ok: false, why: 'missing' };
  const upper = upperAscii(trimmed);
  if (!CASE_NUMBER.test(upper)) return { ok: false, why: 'malformed' };
  return { ok: true, value: upper, changed: upper !== trimmed };
}

/** Upper-case a-z only; every other character is left as it is. */
export function upperAscii(s: string): string {
  return s.replace(/[a-z]+/g, (m) => m.toUpperCase());
}

/** "11357(C)HS" -> "HS 11357(c)"; anything we don't recognise is kept as written. */
export function formatCodeSection(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  const m = /^(\d{3,5}(?:\.\d+)?)\s*((?:\([A-Za-z0-9]+\))*)\s*(HS|H&S|PC|VC|BP|WI)\.?$/i.exec(t);
  if (!m) return t;
  const code = m[3]!.toUpperCase() === 'H&S' ? 'HS' : m[3]!.toUpperCase();
  return `${code} ${m[1]}${m[2]!.toLowerCase()}`;
}

/** Split a list cell ("HS 11359; HS 11360(a)") into sections. */
export function splitCodeSections(cell: string): string[] {
  return cell
    .split(/[;|\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(formatCodeSection);
}

/** "  Dismiss And-Seal " -> "dismiss_and_seal" */
export function normaliseWord(value: string): string {
  return value.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

const EXACT_TYPES: Record<string, CaseType> = { FELONY: 'felony', MISDEMEANOR: 'misdemeanor', INFRACTION: 'infraction', felony: 'felony', misdemeanor: 'misdemeanor', infraction: 'infraction' };

export function parseCaseType(value: string, map: Record<string, string> = {}): CaseType | 'missing' | 'invalid' {
  const exact = Object.hasOwn(EXACT_TYPES, value) ? EXACT_TYPES[value] : undefined;
  if (exact && Object.keys(map).length === 0) return exact;
  const mapped = lookup(map, value);
  const w = normaliseWord(mapped ?? value);
  if (w === '') return 'missing';
  if (w === 'f') return 'felony';
  if (w === 'm') return 'misdemeanor';
  if (w === 'i') return 'infraction';
  return isCaseType(w) ? w : 'invalid';
}

export function parseRelief(value: string, map: Record<string, string> = {}): Relief | 'missing' | 'invalid' {
  const mapped = lookup(map, value);
  const w = normaliseWord(mapped ?? value);
  if (w === '') return 'missing';
  return isRelief(w) ? w : 'invalid';
}

function lookup(map: Record<string, string>, value: string): string | undefined {
  const key = value.trim().toLowerCase();
  for (const [k, v] of Object.entries(map)) if (k.trim().toLowerCase() === key) return v;
  return undefined;
}

/** Insertion-ordered unique list. */
export function uniq<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}
