/**
 * The checks every preset shares. A preset pulls strings out of its own
 * columns (an `Extracted`); `buildCountRow` validates them the same way for
 * every input shape, so a code means the same thing whatever the source.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';
import type { CaseType, Relief } from '../domain';
import type { Config } from '../config/schema';
import { looseKey, type CourtMatcher } from '../config/courts';
import { normaliseCaseNumber, parseDate, MAX_FIELD_CHARS } from './fields';
import { packRow, type CountRow, type Exclusion, type RawRow } from './types';

export interface IngestContext {
  config: Config;
  courts: CourtMatcher;
  /** YYYY-MM-DD: dates after it are rejected. */
  asOf: string;
  /** Personal data to keep: only what a document will print. The rest is never held. */
  personal: ReadonlySet<'defendant_name' | 'dob' | 'cii'>;
  /** The config's county, normalised for comparison. */
  countyKey: string;
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
  date: { cell: Cell; formats: readonly string[] };
  dob?: { cell: Cell; formats: readonly string[] };
  defendantName?: string;
  cii?: string;
  notes?: string;
}


export function buildCountRow(raw: RawRow, x: Extracted, ctx: IngestContext): { row?: CountRow; reject?: Diagnostic } {
  const at = (cell: Cell) => ({ file: raw.ref.file, line: raw.ref.line, column: cell.column });
  const excluded = x.exclusion !== undefined;
  const warnings: Diagnostic[] = [];

  const long = raw.fields.findIndex((f) => f.length > MAX_FIELD_CHARS);
  if (long >= 0 && !excluded) {
    const column = raw.header[long] ?? `#${long + 1}`;
    return { reject: diag('BM212', { file: raw.ref.file, line: raw.ref.line, column }, `a value of ${raw.fields[long]!.length.toLocaleString('en-US')} characters is far longer than any real field`, `check column "${column}" on that line: a quote may be missing, or data was pasted into one cell`) };
  }

  // Court: an unknown court is never a new group.
  const court = x.court.value.trim() === '' ? undefined : ctx.courts.match(x.court.value);
  if (!court && !excluded) {
    if (x.court.value.trim() === '') return { reject: diag('BM208', at(x.court), 'the court is blank', 'fill in the court as it appears in the config') };
    const near = ctx.courts.suggest(x.court.value);
    return { reject: diag('BM203', at(x.court), `unknown court "${x.court.value.trim()}"`, `add it as an alias under courts: in the config, or correct it; nearest known: ${near.map((n) => `"${n}"`).join(', ')}`) };
  }
  if (x.county && x.county.value.trim() !== '' && looseKey(x.county.value) !== ctx.countyKey && !excluded) {
    return { reject: diag('BM210', at(x.county), `the row is from county "${x.county.value.trim()}", but this config is for ${ctx.config.county}`, 'screen this county with its own config, or remove the row') };
  }

  if ('reject' in x.relief && !excluded) return { reject: x.relief.reject };
  if (x.caseType.value === 'invalid' && !excluded) {
    return { reject: diag('BM206', at(x.caseType.cell), `case type "${x.caseType.cell.value.trim()}" is not felony, misdemeanor or infraction`, 'use felony, misdemeanor or infraction (or map your codes under input.values.case_type)') };
  }

  let convictionDate = '';
  if (x.date.cell.value.trim() === '') {
    if (!excluded) warnings.push(diag('BM504', at(x.date.cell), 'no conviction date; the exhibit will show it blank', 'add the date if the court needs it to find the file'));
  } else {
    const d = parseDate(x.date.cell.value, x.date.formats, ctx.asOf);
    if (d.ok) convictionDate = d.iso;
    else if (!excluded) {
      if (d.why === 'invalid') return { reject: diag('BM204', at(x.date.cell), `"${x.date.cell.value.trim()}" is not a real date in the form ${x.date.formats.join(' or ')}`, 'correct the date (check day and month, e.g. 02/30 does not exist)') };
      return { reject: diag('BM205', at(x.date.cell), `conviction date "${x.date.cell.value.trim()}" is ${d.why === 'future' ? `after the as-of date ${ctx.asOf}` : `before ${1900}`}`, 'correct the date; conviction dates lie between 1900 and today') };
    }
  }

  let dob: string | undefined;
  if (x.dob && ctx.personal.has('dob') && x.dob.cell.value.trim() !== '') {
    const d = parseDate(x.dob.cell.value, x.dob.formats, ctx.asOf);
    if (d.ok) dob = d.iso;
    // Never echo a date of birth in a diagnostic.
    else if (!excluded) warnings.push(diag('BM506', at(x.dob.cell), 'the date of birth is not a valid date; it is left out', 'correct it in the source if a confidential list needs it'));
  }

  let agency: string | undefined;
  if (x.agency && x.agency.value.trim() !== '') {
    const a = ctx.config.agencies.find((g) => g.id === x.agency!.value.trim().toLowerCase() || looseKey(g.name) === looseKey(x.agency!.value));
    if (!a && !excluded) return { reject: diag('BM209', at(x.agency), `unknown agency "${x.agency.value.trim()}"`, `use an agency id from the config: ${ctx.config.agencies.map((g) => g.id).join(', ')}`) };
    agency = a?.id;
  }

  // Case number: problems here need a person, they are not malformed rows.
  let caseNumber = '';
  let review: Diagnostic | undefined;
  const cn = x.caseNumber;
  if (cn.kind === 'ambiguous') {
    review = diag('BM302', at(cn.cell), `the row names ${cn.values.length} case numbers (${cn.values.join(', ')}) and no OFN says which one this count belongs to`, 'look the case up and put the right number in OFN or the case number column');
  } else {
    const r = normaliseCaseNumber(cn.cell.value);
    if (cn.kind === 'missing' || (!r.ok && r.why === 'missing')) {
      review = diag('BM301', at(cn.cell), `the case number is ${cn.cell.value.trim() === '' ? 'blank' : `"${cn.cell.value.trim()}"`}`, 'find the case number in the court index and add it');
    } else if (!r.ok) {
      review = diag('BM307', at(cn.cell), `case number "${cn.cell.value}" has spaces or characters case numbers do not have`, 'correct it to the number exactly as the court writes it');
    } else {
      caseNumber = r.value;
      if (r.changed && !excluded) warnings.push(diag('BM501', at(cn.cell), `case number "${cn.cell.value.trim()}" was read as "${r.value}"`, 'no action needed if that is the same case'));
    }
  }
  if (!review && x.caseType.value === 'missing' && !excluded) {
    review = diag('BM303', at(x.caseType.cell), 'the felony/misdemeanor status is blank', 'look up whether the conviction was a felony or a misdemeanor and fill it in');
  }
  if (!review && 'review' in x.relief && !excluded) review = x.relief.review;

  const row: CountRow = {
    raw: packRow(raw, review !== undefined || excluded),
    caseNumber,
    courtId: court?.id ?? '',
    codeSections: x.codeSections,
    convictionDate,
  };
  if (warnings.length) row.warnings = warnings;
  if (x.caseType.value !== 'missing' && x.caseType.value !== 'invalid') row.caseType = x.caseType.value;
  if ('value' in x.relief) row.relief = x.relief.value;
  if (agency) row.agency = agency;
  if (ctx.personal.has('defendant_name') && x.defendantName?.trim()) row.defendantName = own(x.defendantName.trim());
  if (dob) row.dob = dob;
  if (ctx.personal.has('cii') && x.cii?.trim()) row.cii = own(x.cii.trim());
  if (x.notes?.trim()) row.notes = own(x.notes.trim());
  if (review) row.review = review;
  if (x.exclusion) {
    row.exclusion = { code: x.exclusion.code, determination: x.exclusion.determination };
    row.undetermined = x.exclusion.undetermined;
  }
  return { row };
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
