/**
 * The CSV listings a person works from: index.csv (every filed case),
 * review.csv, rejects.csv and excluded.csv (every row not filed, with every
 * original column so it can be fixed and resubmitted).
 */
import Papa from 'papaparse';
import type { Config } from '../config/schema';
import { rowFields, type ListedRow } from '../ingest/types';
import { distinctSections } from '../law/sections';
import { motionFilings, type Plan } from '../plan';
import { CHALLENGE_RELIEF } from '../changes/report';
import type { StruckCase } from '../edits/apply';
import { rowKey } from '../resolve/key';
import { ANSWER_COLUMNS } from '../resolve/parse';
import type { PersonalTest } from './personal';

/** Cells starting with = + - @ (or tab/CR) get a leading quote so no spreadsheet runs them. */
export function toCsv(fields: string[], rows: string[][]): string {
  return Papa.unparse({ fields, data: rows }, { escapeFormulae: true, newline: '\r\n' }) + '\r\n';
}

export function indexCsv(plan: Plan, config: Config): string {
  return [...indexCsvChunks(plan, config)].join('');
}

const INDEX_FIELDS = ['case_number', 'filing_id', 'exhibit_row', 'court_id', 'court', 'case_type', 'relief', 'code_sections', 'conviction_date', 'source_rows', 'flags'];

/** index.csv in pieces of a few thousand rows; the same bytes as one piece. */
export function* indexCsvChunks(plan: Plan, config: Config, rowsPerChunk = 5000): Generator<string> {
  const courtName = new Map(config.courts.map((c) => [c.id, c.name]));
  let rows: string[][] = [];
  let first = true;
  const flush = () => {
    const text = first ? toCsv(INDEX_FIELDS, rows) : Papa.unparse({ fields: INDEX_FIELDS, data: rows }, { header: false, escapeFormulae: true, newline: '\r\n' }) + '\r\n';
    first = false;
    rows = [];
    return text;
  };
  for (const f of motionFilings(plan)) {
    for (let i = 0; i < f.cases.length; i++) {
      const c = f.cases[i]!;
      rows.push([c.caseNumber, f.id, String(i + 1), c.court, courtName.get(c.court) ?? c.court, c.caseType, c.relief, distinctSections(c.codeSections).join('; '), (c.convictionDates ?? [c.convictionDate]).join('; '), c.sources.map((s) => `${s.file}:${s.line}`).join('; '), (c.flags ?? []).join('; ')]);
      if (rows.length === rowsPerChunk) yield flush();
    }
  }
  if (rows.length || first) yield flush();
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
  const fieldsOf = new Map(sorted.map((r) => [r, rowFields(r.raw)]));
  const hasExtra = sorted.some((r) => fieldsOf.get(r)!.length > r.raw.header.length);
  const redact = opts.redact;
  const data = sorted.map((r) => {
    const fields = fieldsOf.get(r)!;
    // A ragged row's cells do not line up with the header, so the public copy keeps none of them.
    const ragged = fields.length !== r.raw.header.length;
    const byHeader = new Map<string, string>();
    r.raw.header.forEach((h, i) => byHeader.set(h, redact && (ragged || redact(h)) ? '' : (fields[i] ?? '')));
    // A ragged row's extra fields are kept too, so nothing typed is lost.
    const extra = redact ? [] : fields.slice(r.raw.header.length);
    const lead = [r.raw.ref.file, String(r.raw.ref.line), r.diagnostic.code, r.diagnostic.message, withDetermination ? exclusionFix(r) : (r.diagnostic.hint ?? ''), ...(withDetermination ? [r.determination ?? ''] : [])];
    const added = [...(opts.flags ? [(r.flags ?? []).join('; ')] : []), ...(opts.agency ? [opts.agency.get(`${r.raw.ref.file}:${r.raw.ref.line}`) ?? ''] : []), ...(opts.answers ? [rowKey(r.raw.header, fields, opts.answers), ...ANSWER_COLUMNS.slice(1).map(() => '')] : [])];
    return [...lead, ...originals.map((h) => byHeader.get(h) ?? ''), ...(hasExtra ? [extra.join(',')] : []), ...added];
  });
  return toCsv([...lead, ...originalCols, ...(hasExtra ? ['extra_fields'] : []), ...tail], data);
}

/** struck.csv: every case the edits file struck (a withdrawn challenge with relief "challenge"), with its reason. They never simply vanish. */
export function struckCsv(struck: readonly StruckCase[], config: Config): string {
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
  return toCsv(['case_number', 'court_id', 'court', 'agency', 'case_type', 'relief', 'code_sections', 'conviction_date', 'reason', 'edit', 'source_rows'], rows);
}

/**
 * CONFIDENTIAL-identifiers.csv for one filing: the personal identifiers that
 * stay out of the public exhibit, keyed by exhibit row and case number, for a
 * confidential attachment the office files under seal.
 */
export function confidentialCsv(f: Plan['filings'][number]): string {
  return toCsv(
    ['exhibit_row', 'case_number', 'court_id', 'defendant_name', 'dob', 'cii'],
    f.cases.map((c, i) => [String(i + 1), c.caseNumber, c.court, c.defendantName ?? '', c.dob ?? '', c.cii ?? '']),
  );
}

/**
 * challenged.csv: every case in a notice of challenge (HS 11361.9), with its exhibit row and ground. Public:
 * no personal data, only what the notice's exhibit shows of the case and the screening's reason.
 */
export function challengedCsv(plan: Plan, config: Config): string {
  const courtName = new Map(config.courts.map((c) => [c.id, c.name]));
  const rows: string[][] = [];
  for (const f of plan.filings) {
    if (!f.challenge) continue;
    f.cases.forEach((c, i) =>
      rows.push([c.caseNumber, f.id, String(i + 1), c.court, courtName.get(c.court) ?? c.court, c.caseType, distinctSections(c.codeSections).join('; '), (c.convictionDates ?? [c.convictionDate]).join('; '), (c.challenge?.grounds ?? []).join('; '), (c.challenge?.reasons ?? []).join('; '), c.sources.map((s) => `${s.file}:${s.line}`).join('; ')]),
    );
  }
  return toCsv(['case_number', 'filing_id', 'exhibit_row', 'court_id', 'court', 'case_type', 'code_sections', 'conviction_date', 'ground', 'screening_reason', 'source_rows'], rows);
}
