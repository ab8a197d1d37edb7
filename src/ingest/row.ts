/**
 * The checks every preset shares. A preset pulls strings out of its own
 * columns (an `Extracted`); `buildCountRow` validates them the same way for
 * every input shape, so a code means the same thing whatever the source.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';
import type { CaseType, Demographics, Relief } from '../domain';
import type { Config, Court } from '../config/schema';
import { looseKey, type CourtMatcher } from '../config/courts';
import { normaliseCaseNumber, parseDate, MAX_FIELD_CHARS } from './fields';
import { PROP_64_EFFECTIVE, isYes } from '../law/prop64';
import { isCannabisSection, isQuotableSection } from '../law/cannabis';
import { packRow, type CountRow, type Exclusion, type FlagMask, type RawRow } from './types';
import { identityOf } from './identity';
import { flagBit } from './flags';
import { num } from '../words';

export interface IngestContext {
  config: Config;
  courts: CourtMatcher;
  /** YYYY-MM-DD: dates after it are rejected. */
  asOf: string;
  /** Personal data to keep: only what a document will print. The rest is never held. */
  personal: ReadonlySet<'defendant_name' | 'dob' | 'cii'>;
  /** The config's county, normalised for comparison. */
  countyKey: string;
  /** Keep race, gender and age at conviction for the summary (`summary.demographics`); otherwise never held. */
  demographics?: boolean;
}

/** A flat copy, so a short value doesn't keep the whole parsed text alive. */
const own = (s: string) => (' ' + s).slice(1);

export interface Cell {
  value: string;
  column: string;
}

export type CaseNumberPick = { kind: 'one'; cell: Cell } | { kind: 'missing'; cell: Cell } | { kind: 'ambiguous'; cell: Cell; values: string[] };

export interface Extracted {
  caseNumber: CaseNumberPick;
  court: Cell;
  county?: Cell;
  caseType: { value: CaseType | 'missing' | 'invalid'; cell: Cell };
  /** A relief, a reason to reject, or a reason for review. */
  relief: { value: Relief } | { reject: Diagnostic } | { review: Diagnostic } | { none: true };
  exclusion?: Exclusion & { undetermined: boolean };
  agency?: Cell;
  codeSections: string[];
  /** The column the code sections come from (for BM313). */
  sectionsColumn?: string;
  date: { cell: Cell; formats: readonly string[] };
  dob?: { cell: Cell; formats: readonly string[] };
  defendantName?: string;
  cii?: string;
  /** The DOJ's SUBJECT_ID, when the file has it: compared (as a hash), never kept. */
  subjectId?: string;
  notes?: string;
  /** Flags the preset read from its own columns; `bad` is a cell naming something that is not a flag (BM213). */
  flags?: { mask: FlagMask; cell: Cell; bad?: number };
  /** gogen's "Occurred after 11/9/2016". */
  afterProp64?: Cell;
  /** Set, saying where, when the screening says the sentence is not complete. */
  sentenceNotCompleted?: string;
  /** Race and gender as the row gives them; read only for the summary's demographics. */
  race?: string;
  gender?: string;
}

/**
 * A preset's strings checked and turned into a CountRow, or the reason the row
 * is rejected. An excluded row is never rejected and raises no warnings: it is
 * listed as excluded whatever else is wrong with it.
 */
export function buildCountRow(raw: RawRow, x: Extracted, ctx: IngestContext): { row?: CountRow; reject?: Diagnostic } {
  const excluded = x.exclusion !== undefined;
  // An unknown court is never a new group.
  const court = x.court.value.trim() === '' ? undefined : ctx.courts.match(x.court.value);
  const reject = excluded ? undefined : rejection(raw, x, ctx, court);
  if (reject) return { reject };
  const warnings: Diagnostic[] = [];
  const convictionDate = convictionDateOf(raw, x.date, ctx.asOf, excluded, warnings);
  if (isDiagnostic(convictionDate)) return { reject: convictionDate };
  const dob = dobOf(raw, x.dob, ctx, excluded, warnings);
  const agency = agencyOf(raw, x.agency, ctx.config, excluded);
  if (isDiagnostic(agency)) return { reject: agency };
  const caseNumber = caseNumberOf(raw, x.caseNumber, excluded, warnings);
  const review = isDiagnostic(caseNumber) ? caseNumber : excluded ? undefined : (needsPerson(raw, x) ?? notCannabis(raw, x));

  const row: CountRow = {
    raw: packRow(raw, review !== undefined || excluded),
    caseNumber: isDiagnostic(caseNumber) ? '' : caseNumber,
    court: court?.id ?? '',
    codeSections: x.codeSections,
    convictionDate,
    flags: x.flags?.mask ?? 0,
    caseNumberColumn: x.caseNumber.cell.column,
  };
  // Who the row is about, as hashes only: two people under one case number are never merged (BM314).
  const identity = identityOf({ cii: x.cii, subjectId: x.subjectId, name: x.defendantName, dob: x.dob ? { value: x.dob.cell.value, formats: datesOf(raw, x.dob.formats) } : undefined }, ctx.asOf);
  if (identity) row.identity = identity;
  if (warnings.length) row.warnings = warnings;
  if (x.caseType.value !== 'missing' && x.caseType.value !== 'invalid') row.caseType = x.caseType.value;
  if ('value' in x.relief) row.relief = x.relief.value;
  if (agency) row.agency = agency;
  if (ctx.personal.has('defendant_name') && x.defendantName?.trim()) row.defendantName = own(x.defendantName.trim());
  if (dob) row.dob = dob;
  if (ctx.personal.has('cii') && x.cii?.trim()) row.cii = own(x.cii.trim());
  if (x.notes?.trim()) row.notes = own(x.notes.trim());
  if (ctx.demographics) {
    const d = demographicsOf(raw, x, convictionDate, ctx.asOf);
    if (d) row.demographics = d;
  }
  if (review) row.review = review;
  if (!excluded) {
    if (convictionDate !== '' && convictionDate >= PROP_64_EFFECTIVE) row.afterProp64 = `its conviction is dated ${convictionDate} (line ${raw.ref.line})`;
    else if (x.afterProp64 && isYes(x.afterProp64.value)) row.afterProp64 = `"${x.afterProp64.column}" is ${x.afterProp64.value.trim()} (line ${raw.ref.line})`;
    else if (x.flags && row.flags & flagBit('after_prop64')) row.afterProp64 = `"${x.flags.cell.column}" names after_prop64 (line ${raw.ref.line})`;
    if (x.sentenceNotCompleted) row.sentenceNotCompleted = x.sentenceNotCompleted;
    if (row.afterProp64) row.flags |= flagBit('after_prop64');
    if (row.sentenceNotCompleted) row.flags |= flagBit('sentence_not_completed');
  }
  if (x.exclusion) {
    row.exclusion = { code: x.exclusion.code, determination: x.exclusion.determination };
    row.undetermined = x.exclusion.undetermined;
  }
  return { row };
}

/**
 * The date formats a row's dates are read in. A workbook's date cells arrive as ISO dates
 * (src/ingest/xlsx-cells.ts), whatever format they are shown in, so on a sheet YYYY-MM-DD is read too.
 * One array per list of formats: parseDate memoises by the array.
 */
const withIso = new WeakMap<readonly string[], readonly string[]>();
function datesOf(raw: RawRow, formats: readonly string[]): readonly string[] {
  if (raw.ref.sheet === undefined || formats.includes('YYYY-MM-DD')) return formats;
  let f = withIso.get(formats);
  if (!f) withIso.set(formats, (f = [...formats, 'YYYY-MM-DD']));
  return f;
}

/** Race and gender values, interned: a list repeats a handful of them. */
const words = new Map<string, string>();
const word = (v: string | undefined): string | undefined => {
  const k = v?.trim().replace(/\s+/g, ' ').toUpperCase();
  if (!k || /^(NULL|NONE|UNKNOWN|N\/A|-+)$/.test(k)) return undefined;
  let w = words.get(k);
  if (w === undefined && words.size < 1000) words.set(k, (w = own(k)));
  return w ?? own(k);
};

/** Race, gender and age at conviction for the summary; the date of birth itself is not kept. */
function demographicsOf(raw: RawRow, x: Extracted, convictionDate: string, asOf: string): Demographics | undefined {
  const d: Demographics = {};
  const race = word(x.race);
  const gender = word(x.gender);
  if (race) d.race = race;
  if (gender) d.gender = gender;
  if (x.dob && convictionDate !== '' && x.dob.cell.value.trim() !== '') {
    const dob = parseDate(x.dob.cell.value, datesOf(raw, x.dob.formats), asOf);
    if (dob.ok && dob.iso <= convictionDate) d.age = yearsBetween(dob.iso, convictionDate);
  }
  return d.race || d.gender || d.age !== undefined ? d : undefined;
}

/** Whole years from one ISO date to a later one. */
export function yearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

const at = (raw: RawRow, cell: Cell) => ({ file: raw.ref.file, line: raw.ref.line, column: cell.column });
const isDiagnostic = (v: unknown): v is Diagnostic => typeof v === 'object' && v !== null;
const isTooLong = (f: string) => f.length > MAX_FIELD_CHARS;

/** Why a row can't be used at all: a runaway value, an unknown court or county, a relief or case type we can't file. */
function rejection(raw: RawRow, x: Extracted, ctx: IngestContext, court: Court | undefined): Diagnostic | undefined {
  const long = raw.fields.findIndex(isTooLong);
  if (long >= 0) {
    const column = raw.header[long] ?? `#${long + 1}`;
    return diag('BM212', { file: raw.ref.file, line: raw.ref.line, column }, `a value of ${num(raw.fields[long]!.length)} characters is far longer than any real field`, `check column "${column}" on that line: a quote may be missing, or data was pasted into one cell`);
  }
  if (!court) {
    if (x.court.value.trim() === '') return diag('BM208', at(raw, x.court), 'the court is blank', 'fill in the court as it appears in the config');
    const near = ctx.courts.suggest(x.court.value);
    return diag('BM203', at(raw, x.court), `unknown court "${x.court.value.trim()}"`, `add it as an alias under courts: in the config, or correct it; nearest known: ${near.map((n) => `"${n}"`).join(', ')}`);
  }
  if (x.county && x.county.value.trim() !== '' && !sameCounty(x.county.value, ctx.countyKey)) {
    return diag('BM210', at(raw, x.county), `the row's county (column "${x.county.column}") is not ${ctx.config.county}, the county of this config`, 'screen that county with its own config, or remove the row');
  }
  if ('reject' in x.relief) return x.relief.reject;
  if (x.flags?.bad) {
    // The cell is not quoted: it is free text of a data row.
    return diag('BM213', at(raw, x.flags.cell), `the flags (column "${x.flags.cell.column}") name ${x.flags.bad === 1 ? 'something that is not a flag' : `${x.flags.bad} things that are not flags`}`, 'use only deceased, after_prop64, superstrike and pc290, separated by semicolons (or leave it blank)');
  }
  if (x.caseType.value === 'invalid') {
    return diag('BM206', at(raw, x.caseType.cell), `the case type (column "${x.caseType.cell.column}") is not felony, misdemeanor or infraction`, 'use felony, misdemeanor or infraction (or map your codes under input.values.case_type)');
  }
  return undefined;
}

/** Is the row's county the config's? The last answer is kept: a county list names its county on every row. */
let lastCounty = { value: '', key: '', same: false };
function sameCounty(value: string, countyKey: string): boolean {
  if (value !== lastCounty.value || countyKey !== lastCounty.key) lastCounty = { value, key: countyKey, same: looseKey(value) === countyKey };
  return lastCounty.same;
}

/** ISO date; '' when blank (a warning) or, on an excluded row, unusable. A diagnostic rejects the row. */
function convictionDateOf(raw: RawRow, date: Extracted['date'], asOf: string, excluded: boolean, warnings: Diagnostic[]): string | Diagnostic {
  const value = date.cell.value.trim();
  if (value === '') {
    if (!excluded) warnings.push(diag('BM504', at(raw, date.cell), 'no conviction date; the exhibit will show it blank', 'add the date if the court needs it to find the file'));
    return '';
  }
  const d = parseDate(date.cell.value, datesOf(raw, date.formats), asOf);
  if (d.ok) return d.iso;
  if (excluded) return '';
  if (d.why === 'invalid') return diag('BM204', at(raw, date.cell), `the conviction date (column "${date.cell.column}") is not a real date in the form ${date.formats.join(' or ')}`, 'correct the date (check day and month, e.g. 02/30 does not exist)');
  return diag('BM205', at(raw, date.cell), `the conviction date (column "${date.cell.column}") is ${d.why === 'future' ? `after the as-of date ${asOf}` : `before ${1900}`}`, 'correct the date; conviction dates lie between 1900 and today');
}

/** ISO date of birth, kept only when a document will print it; a bad one is left out with a warning. */
function dobOf(raw: RawRow, dob: Extracted['dob'], ctx: IngestContext, excluded: boolean, warnings: Diagnostic[]): string | undefined {
  if (!dob || !ctx.personal.has('dob') || dob.cell.value.trim() === '') return undefined;
  const d = parseDate(dob.cell.value, datesOf(raw, dob.formats), ctx.asOf);
  if (d.ok) return d.iso;
  // Never echo a date of birth in a diagnostic.
  if (!excluded) warnings.push(diag('BM506', at(raw, dob.cell), 'the date of birth is not a valid date; it is left out', 'correct it in the source if a confidential list needs it'));
  return undefined;
}

/** Config id of the named agency; undefined when none is named. An unknown one rejects the row (unless it is excluded). */
function agencyOf(raw: RawRow, cell: Cell | undefined, config: Config, excluded: boolean): string | Diagnostic | undefined {
  if (!cell || cell.value.trim() === '') return undefined;
  const a = config.agencies.find((g) => g.id === cell.value.trim().toLowerCase() || looseKey(g.name) === looseKey(cell.value));
  if (a) return a.id;
  if (excluded) return undefined;
  return diag('BM209', at(raw, cell), `the agency (column "${cell.column}") is not an agency of the config`, `use an agency id from the config: ${config.agencies.map((g) => g.id).join(', ')}`);
}

/** Normalised case number, or why a person must find it: problems here need a person, they are not malformed rows. */
function caseNumberOf(raw: RawRow, cn: CaseNumberPick, excluded: boolean, warnings: Diagnostic[]): string | Diagnostic {
  if (cn.kind === 'ambiguous') {
    return diag('BM302', at(raw, cn.cell), `the row names ${cn.values.length} case numbers (${cn.values.join(', ')}) and no OFN says which one this count belongs to`, 'look the case up and put the right number in OFN or the case number column');
  }
  const r = normaliseCaseNumber(cn.cell.value);
  if (cn.kind === 'missing' || (!r.ok && r.why === 'missing')) {
    return diag('BM301', at(raw, cn.cell), `the case number is ${cn.cell.value.trim() === '' ? 'blank' : `"${cn.cell.value.trim()}"`}`, 'find the case number in the court index and add it');
  }
  if (!r.ok) return diag('BM307', at(raw, cn.cell), `case number "${cn.cell.value}" has spaces or characters case numbers do not have`, 'correct it to the number exactly as the court writes it');
  if (r.changed && !excluded) warnings.push(diag('BM501', at(raw, cn.cell), `case number "${cn.cell.value.trim()}" was read as "${r.value}"`, 'no action needed if that is the same case'));
  return r.value;
}

/** Why a row with a usable case number still needs a person: no felony/misdemeanor status, or a screening left open. */
function needsPerson(raw: RawRow, x: Extracted): Diagnostic | undefined {
  if (x.caseType.value === 'missing') return diag('BM303', at(raw, x.caseType.cell), 'the felony/misdemeanor status is blank', 'look up whether the conviction was a felony or a misdemeanor and fill it in');
  if ('review' in x.relief) return x.relief.review;
  return undefined;
}

/** BM313: a code section outside the cannabis sections is never filed without a person's look. */
function notCannabis(raw: RawRow, x: Extracted): Diagnostic | undefined {
  const outside = x.codeSections.filter((s) => !isCannabisSection(s));
  if (outside.length === 0) return undefined;
  // Sections are quoted only when they read as code sections: free text (a comment) may hold anything.
  const named = outside.filter(isQuotableSection);
  const what = named.length === outside.length ? named.join(', ') : named.length ? `${named.join(', ')} and text that is not a code section` : 'text that is not a code section';
  return diag('BM313', { file: raw.ref.file, line: raw.ref.line, column: x.sectionsColumn ?? 'code_sections' }, `the code section (${what}) is not a cannabis section (HS 11357-11362.4 or a former section such as HS 11530-11533)`, 'check the section on the record: correct it if it was misread, or decide the case by hand');
}

/** Header lookup ignoring case and surrounding spaces. */
export function headerIndex(header: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  header.forEach((h, i) => {
    const k = h.trim().toLowerCase();
    if (!m.has(k)) m.set(k, i);
  });
  return m;
}
