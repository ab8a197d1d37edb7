/**
 * The CSV listings a person works from: index.csv (every filed case),
 * review.csv, rejects.csv and excluded.csv (every row not filed, with every
 * original column so it can be fixed and resubmitted).
 */
import type { Config } from '../config/schema';
import { rowFields, type ListedRow } from '../ingest/types';
import { distinctSections } from '../law/sections';
import { motionFilings, type Plan } from '../plan';
import { CHALLENGE_RELIEF } from '../changes/report';
import type { StruckCase } from '../edits/apply';
import { rowKey } from '../resolve/key';
import { ANSWER_COLUMNS } from '../resolve/parse';
import type { PersonalTest } from './personal';
import { csvPlain, writeCsv, writeCsvLine } from './csv';
import { writtenText, type Utf8Chunks } from './chunks';

/** Cells starting with = + - @ (or tab/CR) get a leading quote so no spreadsheet runs them. */
export function toCsv(fields: string[], rows: string[][]): string {
  return writtenText((out) => writeCsv(out, fields, rows));
}

export function indexCsv(plan: Plan, config: Config): string {
  return writtenText((out) => writeIndexCsv(out, plan, config));
}

const INDEX_FIELDS = ['case_number', 'filing_id', 'exhibit_row', 'court_id', 'court', 'case_type', 'relief', 'code_sections', 'conviction_date', 'source_rows', 'flags'];

/** "file:line; file:line": where a case's rows were. */
const sourceRows = (c: Plan['filings'][number]['cases'][number]) => (c.sources.length === 1 ? `${c.sources[0]!.file}:${c.sources[0]!.line}` : c.sources.map((s) => `${s.file}:${s.line}`).join('; '));

/**
 * index.csv, every filed case, written field by field into `out` (a
 * statewide index is a million lines: nothing is made per line that can be
 * written as it is). The same bytes as writeCsv with the cells as strings.
 */
export function* writeIndexCsv(out: Utf8Chunks, plan: Plan, config: Config): Generator<void> {
  const courtName = new Map(config.courts.map((c) => [c.id, c.name]));
  // A source's file name that needs no quoting is written as it is, its line number after it.
  const plainFile = new Map<string, boolean>();
  const plain = (file: string) => {
    let p = plainFile.get(file);
    if (p === undefined) plainFile.set(file, (p = csvPlain(file)));
    return p;
  };
  writeCsvLine(out, INDEX_FIELDS);
  let none = true;
  for (const f of motionFilings(plan)) {
    for (let i = 0; i < f.cases.length; i++) {
      const c = f.cases[i]!;
      none = false;
      out.csv(c.caseNumber);
      out.text(',');
      out.csv(f.id);
      out.text(`,${i + 1},`);
      out.csv(c.court);
      out.text(',');
      out.csv(courtName.get(c.court) ?? c.court);
      out.text(',');
      out.csv(c.caseType);
      out.text(',');
      out.csv(c.relief);
      out.text(',');
      const sections = distinctSections(c.codeSections);
      if (sections.length) out.csv(sections.length === 1 ? sections[0]! : sections.join('; '));
      out.text(',');
      const dates = c.convictionDates ? c.convictionDates.join('; ') : c.convictionDate;
      if (dates) out.csv(dates);
      out.text(',');
      if (c.sources.length === 1 && plain(c.sources[0]!.file)) {
        out.text(c.sources[0]!.file);
        out.text(`:${c.sources[0]!.line}`);
      } else if (c.sources.length) out.csv(sourceRows(c));
      out.text(',');
      if (c.flags?.length) out.csv(c.flags.join('; '));
      out.text('\r\n');
      yield;
    }
  }
  if (none) out.text('\r\n');
}

/** What a listing adds to the columns every listing has (all appended after them: columns are a contract). */
export interface ListingOptions {
  /** The public copy: these columns keep their place with their cells emptied; a ragged row keeps no original cell. */
  redact?: PersonalTest;
  /** excluded.csv: the filing_agency column, by "file:line". */
  agency?: ReadonlyMap<string, string>;
  /** review.csv: row_key (computed leaving these columns out) and the blank answer columns of docs/review.md. */
  answers?: PersonalTest;
  /** review.csv: the screening's flags of the row's case. */
  flags?: boolean;
}

/** excluded.csv's fix, where the exclusion itself gives none. */
function exclusionFix(r: ListedRow): string {
  if (r.diagnostic.hint) return r.diagnostic.hint;
  if (r.diagnostic.code === 'BM402') return 'none needed: the screening did not evaluate this count; to file it, have it screened and run again';
  if (r.determination === 'Not eligible') return 'none needed if the screening is right; if not, correct its determination in the screening and run again';
  return 'decide it by hand: record the decision in the screening (its determination) and run again';
}

/**
 * One row per listed input row: where it was, why it is listed, how to fix
 * it, then its original columns (the union over all input files, in order),
 * then what ListingOptions adds.
 */
export function listingCsv(rows: readonly ListedRow[], withDetermination = false, opts: ListingOptions = {}): string {
  return writtenText((out) => writeListingCsv(out, rows, withDetermination, opts));
}

/** listingCsv, written into `out` line by line. */
export function writeListingCsv(out: Utf8Chunks, rows: readonly ListedRow[], withDetermination = false, opts: ListingOptions = {}): Generator<void> {
  const { columns, cells } = listingRows(rows, withDetermination, opts);
  return writeCsv(out, columns, cells);
}

function listingRows(rows: readonly ListedRow[], withDetermination: boolean, opts: ListingOptions): { columns: string[]; cells: Iterable<string[]> } {
  const originals: string[] = [];
  const seen = new Set<string>();
  const headers = new Set<readonly string[]>();
  for (const r of rows) {
    if (headers.has(r.raw.header)) continue;
    headers.add(r.raw.header);
    for (const h of r.raw.header) if (!seen.has(h)) (seen.add(h), originals.push(h));
  }
  const lead = ['source_file', 'source_line', 'code', 'reason', 'fix', ...(withDetermination ? ['determination'] : [])];
  const tail = [...(opts.flags ? ['flags'] : []), ...(opts.agency ? ['filing_agency'] : []), ...(opts.answers ? ANSWER_COLUMNS : [])];
  const reserved = new Set([...lead, ...tail]);
  const originalCols = originals.map((h) => (reserved.has(h) ? `original_${h}` : h));
  const sorted = [...rows].sort((a, b) => (a.raw.ref.file === b.raw.ref.file ? a.raw.ref.line - b.raw.ref.line : a.raw.ref.file < b.raw.ref.file ? -1 : 1));
  const hasExtra = sorted.some((r) => rowFields(r.raw).length > r.raw.header.length);
  const columns = [...lead, ...originalCols, ...(hasExtra ? ['extra_fields'] : []), ...tail];
  return { columns, cells: listingCells(sorted, originals, hasExtra, withDetermination, opts) };
}

function* listingCells(sorted: readonly ListedRow[], originals: readonly string[], hasExtra: boolean, withDetermination: boolean, opts: ListingOptions): Generator<string[]> {
  const redact = opts.redact;
  // Where each header's columns go among the originals, once per distinct header (a file's rows share one).
  const placesOf = new Map<readonly string[], number[]>();
  const at = new Map(originals.map((h, i) => [h, i]));
  for (const r of sorted) {
    const fields = rowFields(r.raw);
    const header = r.raw.header;
    let places = placesOf.get(header);
    if (!places) placesOf.set(header, (places = header.map((h) => at.get(h)!)));
    // A ragged row's cells do not line up with the header, so the public copy keeps none of them.
    const ragged = fields.length !== header.length;
    const cells = new Array<string>(originals.length).fill('');
    // A header naming a column twice keeps the last (as a map by header would).
    header.forEach((h, i) => (cells[places![i]!] = redact && (ragged || redact(h)) ? '' : (fields[i] ?? '')));
    // A ragged row's extra fields are kept too, so nothing typed is lost.
    const extra = redact ? [] : fields.slice(header.length);
    const lead = [r.raw.ref.file, String(r.raw.ref.line), r.diagnostic.code, r.diagnostic.message, withDetermination ? exclusionFix(r) : (r.diagnostic.hint ?? ''), ...(withDetermination ? [r.determination ?? ''] : [])];
    const added = [...(opts.flags ? [(r.flags ?? []).join('; ')] : []), ...(opts.agency ? [opts.agency.get(`${r.raw.ref.file}:${r.raw.ref.line}`) ?? ''] : []), ...(opts.answers ? [rowKey(header, fields, opts.answers), ...ANSWER_COLUMNS.slice(1).map(() => '')] : [])];
    yield [...lead, ...cells, ...(hasExtra ? [extra.join(',')] : []), ...added];
  }
}

/** struck.csv: every case the edits file struck (a withdrawn challenge with relief "challenge"), with its reason. They never simply vanish. */
export function struckCsv(struck: readonly StruckCase[], config: Config): string {
  return writtenText((out) => writeStruckCsv(out, struck, config));
}

export function writeStruckCsv(out: Utf8Chunks, struck: readonly StruckCase[], config: Config): Generator<void> {
  const courtName = new Map(config.courts.map((c) => [c.id, c.name]));
  const rows = [...struck]
    .sort((a, b) => (a.record.caseNumber < b.record.caseNumber ? -1 : a.record.caseNumber > b.record.caseNumber ? 1 : a.record.court < b.record.court ? -1 : 1))
    .map((s) => [
      s.record.caseNumber,
      s.record.court,
      courtName.get(s.record.court) ?? s.record.court,
      s.record.agency,
      s.record.caseType,
      // A withdrawn challenge asked for no relief.
      s.record.challenge ? CHALLENGE_RELIEF : s.record.relief,
      s.record.codeSections.join('; '),
      s.record.convictionDate,
      s.reason,
      `${s.file}:${s.line}`,
      s.record.sources.map((r) => `${r.file}:${r.line}`).join('; '),
    ]);
  return writeCsv(out, ['case_number', 'court_id', 'court', 'agency', 'case_type', 'relief', 'code_sections', 'conviction_date', 'reason', 'edit', 'source_rows'], rows);
}

/**
 * CONFIDENTIAL-identifiers.csv for one filing: the personal identifiers that
 * stay out of the public exhibit, keyed by exhibit row and case number, for a
 * confidential attachment the office files under seal.
 */
export function confidentialCsv(f: Plan['filings'][number]): string {
  return writtenText((out) => writeConfidentialCsv(out, f));
}

export function writeConfidentialCsv(out: Utf8Chunks, f: Plan['filings'][number]): Generator<void> {
  return writeCsv(out, ['exhibit_row', 'case_number', 'court_id', 'defendant_name', 'dob', 'cii'], confidentialRows(f));
}

function* confidentialRows(f: Plan['filings'][number]): Generator<string[]> {
  for (let i = 0; i < f.cases.length; i++) {
    const c = f.cases[i]!;
    yield [String(i + 1), c.caseNumber, c.court, c.defendantName ?? '', c.dob ?? '', c.cii ?? ''];
  }
}

/**
 * challenged.csv: every case in a notice of challenge (HS 11361.9), with its exhibit row and ground. Public:
 * no personal data, only what the notice's exhibit shows of the case and the screening's reason.
 */
export function challengedCsv(plan: Plan, config: Config): string {
  return writtenText((out) => writeChallengedCsv(out, plan, config));
}

export function writeChallengedCsv(out: Utf8Chunks, plan: Plan, config: Config): Generator<void> {
  return writeCsv(out, ['case_number', 'filing_id', 'exhibit_row', 'court_id', 'court', 'case_type', 'code_sections', 'conviction_date', 'ground', 'screening_reason', 'source_rows'], challengedRows(plan, config));
}

function* challengedRows(plan: Plan, config: Config): Generator<string[]> {
  const courtName = new Map(config.courts.map((c) => [c.id, c.name]));
  for (const f of plan.filings) {
    if (!f.challenge) continue;
    for (let i = 0; i < f.cases.length; i++) {
      const c = f.cases[i]!;
      yield [c.caseNumber, f.id, String(i + 1), c.court, courtName.get(c.court) ?? c.court, c.caseType, distinctSections(c.codeSections).join('; '), (c.convictionDates ?? [c.convictionDate]).join('; '), (c.challenge?.grounds ?? []).join('; '), (c.challenge?.reasons ?? []).join('; '), sourceRows(c)];
    }
  }
}
