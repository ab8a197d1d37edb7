/**
 * The CSV listings a person works from: index.csv (every filed case),
 * review.csv, rejects.csv and excluded.csv (every row not filed, with every
 * original column so it can be fixed and resubmitted).
 */
import Papa from 'papaparse';
import type { Config } from '../config/schema';
import { rowFields, type ListedRow } from '../ingest/types';
import { distinctSections } from '../law/sections';
import type { Plan } from '../plan';
import type { StruckCase } from '../edits/apply';

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
  for (const f of plan.filings) {
    for (let i = 0; i < f.cases.length; i++) {
      const c = f.cases[i]!;
      rows.push([c.caseNumber, f.id, String(i + 1), c.court, courtName.get(c.court) ?? c.court, c.caseType, c.relief, distinctSections(c.codeSections).join('; '), (c.convictionDates ?? [c.convictionDate]).join('; '), c.sources.map((s) => `${s.file}:${s.line}`).join('; '), (c.flags ?? []).join('; ')]);
      if (rows.length === rowsPerChunk) yield flush();
    }
  }
  if (rows.length || first) yield flush();
}

/**
 * One row per listed input row: where it was, why it is listed, how to fix
 * it, then its original columns (the union over all input files, in order).
 */
export function listingCsv(rows: readonly ListedRow[], withDetermination = false, withFlags = false): string {
  const originals: string[] = [];
  const seen = new Set<string>();
  const headers = new Set<readonly string[]>();
  for (const r of rows) {
    if (headers.has(r.raw.header)) continue;
    headers.add(r.raw.header);
    for (const h of r.raw.header) if (!seen.has(h)) (seen.add(h), originals.push(h));
  }
  const lead = ['source_file', 'source_line', 'code', 'reason', 'fix', ...(withDetermination ? ['determination'] : []), ...(withFlags ? ['flags'] : [])];
  const reserved = new Set(lead);
  const originalCols = originals.map((h) => (reserved.has(h) ? `original_${h}` : h));
  const sorted = [...rows].sort((a, b) => (a.raw.ref.file === b.raw.ref.file ? a.raw.ref.line - b.raw.ref.line : a.raw.ref.file < b.raw.ref.file ? -1 : 1));
  const fieldsOf = new Map(sorted.map((r) => [r, rowFields(r.raw)]));
  const hasExtra = sorted.some((r) => fieldsOf.get(r)!.length > r.raw.header.length);
  const data = sorted.map((r) => {
    const fields = fieldsOf.get(r)!;
    const byHeader = new Map<string, string>();
    r.raw.header.forEach((h, i) => byHeader.set(h, fields[i] ?? ''));
    // A ragged row's extra fields are kept too, so nothing typed is lost.
    const extra = fields.slice(r.raw.header.length);
    const lead = [r.raw.ref.file, String(r.raw.ref.line), r.diagnostic.code, r.diagnostic.message, r.diagnostic.hint ?? '', ...(withDetermination ? [r.determination ?? ''] : []), ...(withFlags ? [(r.flags ?? []).join('; ')] : [])];
    return [...lead, ...originals.map((h) => byHeader.get(h) ?? ''), ...(hasExtra ? [extra.join(',')] : [])];
  });
  return toCsv([...lead, ...originalCols, ...(hasExtra ? ['extra_fields'] : [])], data);
}

/** struck.csv: every case the edits file struck, with its reason. They never simply vanish. */
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
      s.record.relief,
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
