/**
 * Who a row is about, for one question only: do two count rows of one case
 * number and court belong to the same person? Personal data is held only when
 * a document prints it (IngestContext.personal); for this comparison a row
 * keeps just 53-bit hashes of its CII number, SUBJECT_ID, name and date of
 * birth, in memory, never written or printed. Messages say "2 different CII
 * numbers" and name the lines, never a value.
 */
import { parseDate } from './fields';

/** Hashes of what identifies the person of a row; a part is absent when the row has none. */
export interface Identity {
  cii?: number;
  subject?: number;
  name?: number;
  dob?: number;
}

export type IdentityPart = keyof Identity;

/** How each part is named in a message, in the plural ("2 different CII numbers"). */
export const PART_WORDS: Record<IdentityPart, string> = {
  cii: 'CII numbers',
  subject: 'SUBJECT_IDs',
  name: 'names',
  dob: 'dates of birth',
};

const BLANK = /^(|null|none|unknown|n\/a|-+)$/i;

/** Two independent 32-bit FNV-1a style hashes folded into 53 bits. */
export function hash53(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0) * 2 ** 21 + ((b >>> 0) & 0x1fffff);
}

/** An identifier (CII, SUBJECT_ID): only letters and digits count, upper-cased ("A-1234 567" = "a1234567"). */
function idKey(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  if (BLANK.test(t)) return undefined;
  const k = t.replace(/[^A-Za-z0-9]+/g, '').toUpperCase();
  return k === '' ? undefined : hash53(k);
}

/** A name: letters and digits only, case folded ("DOE, JANE" = "Doe,Jane"). */
function nameKey(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const k = v.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return k === '' || BLANK.test(k) ? undefined : hash53(k);
}

/** A date of birth, read in the file's formats when it can be (so 1965-07-21 = 07/21/1965), else its digits. */
function dobKey(v: string | undefined, formats: readonly string[], asOf: string): number | undefined {
  if (v === undefined || BLANK.test(v.trim())) return undefined;
  const d = parseDate(v, formats, asOf);
  const k = d.ok ? d.iso.replace(/-/g, '') : v.replace(/\D+/g, '');
  return k === '' ? undefined : hash53(k);
}

export interface IdentityInput {
  cii?: string;
  subjectId?: string;
  name?: string;
  dob?: { value: string; formats: readonly string[] };
}

/** A function of one string, remembering its last answer: a person's counts come one after another. */
function lastOne<T>(fn: (v: string) => T): (v: string | undefined) => T | undefined {
  let last: string | undefined;
  let answer: T | undefined;
  return (v) => {
    if (v === undefined) return undefined;
    if (v !== last) (answer = fn(v)), (last = v);
    return answer;
  };
}

const ciiKey = lastOne(idKey);
const subjectKey = lastOne(idKey);
const personName = lastOne(nameKey);

let lastDob: { v: string; formats: readonly string[]; asOf: string; key: number | undefined } | undefined;
function dobOnce(v: string, formats: readonly string[], asOf: string): number | undefined {
  const l = lastDob;
  if (l && l.v === v && l.formats === formats && l.asOf === asOf) return l.key;
  const key = dobKey(v, formats, asOf);
  lastDob = { v, formats, asOf, key };
  return key;
}

/** The row's identity, or undefined when it names no one (nothing to compare). */
export function identityOf(x: IdentityInput, asOf: string): Identity | undefined {
  const id: Identity = {};
  const cii = ciiKey(x.cii);
  const subject = subjectKey(x.subjectId);
  const name = personName(x.name);
  const dob = x.dob ? dobOnce(x.dob.value, x.dob.formats, asOf) : undefined;
  if (cii !== undefined) id.cii = cii;
  if (subject !== undefined) id.subject = subject;
  if (name !== undefined) id.name = name;
  if (dob !== undefined) id.dob = dob;
  return cii === undefined && subject === undefined && name === undefined && dob === undefined ? undefined : id;
}

/**
 * One number for the person a row is about, for counting people (src/summary): the CII number when the row
 * has one, else the name and date of birth together, else the DOJ's SUBJECT_ID; undefined when none of these
 * is there. A hash of hashes: never a value, never written.
 */
export function personKey(id: Identity | undefined): number | undefined {
  if (!id) return undefined;
  if (id.cii !== undefined) return hash53(`c${id.cii}`);
  if (id.name !== undefined && id.dob !== undefined) return hash53(`n${id.name}:${id.dob}`);
  if (id.subject !== undefined) return hash53(`s${id.subject}`);
  return undefined;
}

export function sameIdentity(a: Identity | undefined, b: Identity | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.cii === b.cii && a.subject === b.subject && a.name === b.name && a.dob === b.dob);
}

/**
 * The parts on which two rows say they are different people, or [] when nothing shows it. The DOJ's own
 * person numbers decide when both rows have one: a CII number (or SUBJECT_ID) that differs is two people,
 * whatever the names say, and a CII number that matches is one person under two spellings. Only when
 * neither number can be compared do the name and the date of birth decide, each compared when both rows
 * have it.
 */
export function differences(a: Identity | undefined, b: Identity | undefined): IdentityPart[] {
  if (!a || !b) return [];
  const out: IdentityPart[] = [];
  const both = (k: IdentityPart) => a[k] !== undefined && b[k] !== undefined;
  if (both('cii') && a.cii !== b.cii) out.push('cii');
  if (both('subject') && a.subject !== b.subject) out.push('subject');
  if (both('cii') || both('subject')) return out;
  if (both('name') && a.name !== b.name) out.push('name');
  if (both('dob') && a.dob !== b.dob) out.push('dob');
  return out;
}
