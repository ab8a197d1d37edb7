/**
 * A person's answers to review rows, applied after ingest and before the
 * edits: a row resolved to file is read again with the corrections, as if the
 * data had been right, and joins the cases (a case of its own, or the filed
 * case it belongs to); a row resolved to exclude moves to excluded.csv
 * (BM404). Unanswered rows stay in review. Every answer must land exactly:
 * one that is bad, matches no review row or several, leaves part of a case
 * undecided, or still cannot be filed stops the run, and nothing is written.
 */
import type { Config } from '../config/schema';
import { courtMatcher, looseKey } from '../config/courts';
import { router } from '../config/routing';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import type { CaseRecord } from '../domain';
import type { Preset } from '../ingest';
import { canonicalMapper } from '../ingest/canonical';
import { normaliseCaseNumber, parseCaseType, parseRelief } from '../ingest/fields';
import { gogenMapper } from '../ingest/gogen';
import { CaseMerger, screeningOptions } from '../ingest/merge';
import type { IngestContext } from '../ingest/row';
import { rowFields, type CountRow, type IngestResult, type ListedRow, type RowMapper, type StoredRow } from '../ingest/types';
import { normaliseHeader, type PersonalTest } from '../output/personal';
import { rowKey } from './key';
import type { Resolution } from './parse';
import { noun, num } from '../words';

/** One review row and the answer that resolved it. */
export interface ResolvedRow {
  resolution: Resolution;
  row: ListedRow;
  /** Where it went: the filed case (court id and number), or excluded. */
  outcome: { filed: { court: string; caseNumber: string } } | { excluded: true };
}

export interface ResolveResult {
  /** The ingest with the resolved rows moved out of review. */
  ingest: IngestResult;
  resolved: ResolvedRow[];
  diagnostics: Diagnostic[];
}

/** Reads a stored row as its preset does, for the run's config: a CountRow (undefined for a ragged row). */
export function rowReader(config: Config, preset: Preset, asOf: string): (raw: StoredRow) => CountRow | undefined {
  // The same personal data ingest keeps: only what a document will print (src/ingest/index.ts).
  const personal = new Set(config.exhibit.confidential ? (['defendant_name', 'dob', 'cii'] as const) : config.exhibit.columns.filter((c): c is 'defendant_name' | 'dob' | 'cii' => c === 'defendant_name' || c === 'dob' || c === 'cii'));
  const ctx: IngestContext = { config, courts: courtMatcher(config), asOf, personal, countyKey: looseKey(config.county), demographics: config.summary.demographics };
  const mappers = new Map<readonly string[], RowMapper | undefined>();
  return (raw) => {
    if (!mappers.has(raw.header)) mappers.set(raw.header, (preset === 'gogen' ? gogenMapper : canonicalMapper)(raw.header, raw.ref.file, 1, ctx).mapper);
    const m = mappers.get(raw.header);
    const fields = rowFields(raw);
    if (!m || fields.length !== raw.header.length) return undefined;
    return m.map({ ref: raw.ref, header: raw.header, fields }).row;
  };
}

const caseKey = (court: string, n: string) => `${court}\u0000${n}`;

export function applyResolutions(ingest: IngestResult, resolutions: readonly Resolution[], config: Config, preset: Preset, asOf: string, personal: PersonalTest): ResolveResult {
  const diagnostics: Diagnostic[] = [];
  const read = rowReader(config, preset, asOf);
  const courts = courtMatcher(config);
  const byKey = new Map<string, ListedRow[]>();
  for (const r of ingest.review) {
    const k = rowKey(r.raw.header, rowFields(r.raw), personal);
    const list = byKey.get(k);
    if (list) list.push(r);
    else byKey.set(k, [r]);
  }
  const personalCells = (r: ListedRow) => {
    const fields = rowFields(r.raw);
    const m = new Map<string, string>();
    r.raw.header.forEach((h, i) => personal(h) && m.set(normaliseHeader(h), (fields[i] ?? '').trim()));
    return m;
  };

  // Each answer to exactly one review row, and each row answered at most once.
  const answered = new Map<ListedRow, Resolution>();
  for (const res of resolutions) {
    const at = (column: string) => ({ file: res.file, line: res.line, column });
    let candidates = byKey.get(res.rowKey) ?? [];
    if (candidates.length > 1 && res.personal.size) {
      candidates = candidates.filter((c) => {
        const cells = personalCells(c);
        return [...res.personal].every(([h, v]) => cells.get(h) === v);
      });
    }
    if (candidates.length === 0) {
      diagnostics.push(diag('BM809', at('row_key'), `row_key ${res.rowKey} matches no row in review in this run`, 'the row may have been corrected in the input, or is filed, excluded or rejected now: clear its answer, or compare with the review.csv of this run'));
      continue;
    }
    if (candidates.length > 1) {
      const lines = candidates.map((c) => `${c.raw.ref.file}:${c.raw.ref.line}`).join(', ');
      diagnostics.push(diag('BM810', at('row_key'), `row_key ${res.rowKey} matches ${candidates.length} rows in review (${lines}), identical apart from personal data or entirely`, 'answer in confidential/review.csv, whose personal columns tell the rows apart; or remove the repeated row from the input'));
      continue;
    }
    const row = candidates[0]!;
    const earlier = answered.get(row);
    if (earlier) {
      diagnostics.push(diag('BM810', at('row_key'), `the row ${row.raw.ref.file}:${row.raw.ref.line} is already answered on line ${earlier.line}`, 'keep one answer per row'));
      continue;
    }
    answered.set(row, res);
  }
  if (diagnostics.length) return { ingest, resolved: [], diagnostics };

  // Read every review row again: its case (court and number) as ingest saw it, and the corrected row to file.
  const original = new Map<ListedRow, CountRow | undefined>();
  for (const r of ingest.review) original.set(r, read(r.raw));
  const toFile: Array<{ row: ListedRow; res: Resolution; count: CountRow }> = [];
  for (const [row, res] of answered) {
    if (res.decision !== 'file') continue;
    const at = (column: string) => ({ file: res.file, line: res.line, column });
    const count = res.decision === 'file' ? read(row.raw) : undefined;
    if (!count) {
      diagnostics.push(diag('BM808', at('decision'), `the row ${row.raw.ref.file}:${row.raw.ref.line} cannot be read as a count (its fields do not line up with the header)`, 'correct the row in the input, or write decision exclude'));
      continue;
    }
    const c: CountRow = { ...count, raw: { ref: row.raw.ref, header: row.raw.header, ...(row.raw.packed !== undefined ? { packed: row.raw.packed } : {}) } };
    delete c.review;
    delete c.exclusion;
    delete c.undetermined;
    // The person looked at the row and decided to file it: the judgement calls (an offense date, a section,
    // an undetermined count) are theirs. A sentence not complete still becomes recall_sentence under the
    // default policy, unless they set the relief.
    delete c.afterProp64;
    if (res.relief !== '' || config.sentence_not_completed === 'review') delete c.sentenceNotCompleted;
    let ok = true;
    if (res.caseNumber !== '') {
      const n = normaliseCaseNumber(res.caseNumber);
      if (n.ok) c.caseNumber = n.value;
      else {
        diagnostics.push(diag('BM808', at('resolve_case_number'), `"${res.caseNumber}" is not a case number`, 'write the case number exactly as the court does (letters, digits, - . /)'));
        ok = false;
      }
    }
    if (res.court !== '') {
      const to = courts.match(res.court);
      if (to) c.court = to.id;
      else {
        diagnostics.push(diag('BM808', at('resolve_court'), `unknown court "${res.court}"`, `name a court of the config; nearest known: ${courts.suggest(res.court).join(', ')}`));
        ok = false;
      }
    }
    if (res.caseType !== '') {
      const t = parseCaseType(res.caseType);
      if (t === 'missing' || t === 'invalid') {
        diagnostics.push(diag('BM808', at('resolve_case_type'), `"${res.caseType}" is not a case type`, 'write felony, misdemeanor or infraction'));
        ok = false;
      } else c.caseType = t;
    }
    if (res.relief !== '') {
      const r = parseRelief(res.relief);
      if (r === 'missing' || r === 'invalid') {
        diagnostics.push(diag('BM808', at('resolve_relief'), `"${res.relief}" is not a relief`, 'write dismiss, dismiss_and_seal, reduce_to_misdemeanor, reduce_to_infraction or recall_sentence'));
        ok = false;
      } else c.relief = r;
    }
    if (!ok) continue;
    const need = c.caseNumber === '' ? (['resolve_case_number', 'no usable case number'] as const) : c.court === '' ? (['resolve_court', 'no court'] as const) : c.caseType === undefined ? (['resolve_case_type', 'no felony/misdemeanor status'] as const) : c.relief === undefined ? (['resolve_relief', 'no relief (its screening gives none)'] as const) : undefined;
    if (need) {
      diagnostics.push(diag('BM808', at(need[0]), `the row ${row.raw.ref.file}:${row.raw.ref.line} is to be filed but has ${need[1]}`, `fill in ${need[0]}, or write decision exclude`));
      continue;
    }
    toFile.push({ row, res, count: c });
  }

  // A case is decided whole: filing some of its rows while others of the same case wait in review would file it short.
  const byCase = new Map<string, ListedRow[]>();
  for (const [r, c] of original) {
    if (!c || c.caseNumber === '' || c.court === '') continue;
    const k = caseKey(c.court, c.caseNumber);
    const list = byCase.get(k);
    if (list) list.push(r);
    else byCase.set(k, [r]);
  }
  for (const { row, res } of toFile) {
    const c = original.get(row);
    if (!c || c.caseNumber === '' || c.court === '') continue;
    const open = byCase.get(caseKey(c.court, c.caseNumber))!.filter((r) => !answered.has(r));
    if (open.length) {
      diagnostics.push(diag('BM811', { file: res.file, line: res.line, column: 'decision' }, `case ${c.caseNumber} is to be filed, but ${num(open.length)} of its ${noun(open.length, 'row')} in review ${noun(open.length, 'is', 'are')} not answered (${open.map((r) => `${r.raw.ref.file}:${r.raw.ref.line}`).join(', ')})`, 'answer every row of the case (file, or exclude for a count not to file), or none'));
    }
  }
  if (diagnostics.length) return { ingest, resolved: [], diagnostics };

  // The corrected rows become cases the way ingest makes them: merged, routed, checked against the statute.
  const merger = new CaseMerger(router(config), screeningOptions(config));
  const lineOf = new Map<string, Resolution>();
  for (const t of toFile) {
    lineOf.set(`${t.row.raw.ref.file}\u0000${t.row.raw.ref.line}`, t.res);
    merger.add(t.count);
  }
  const merged = merger.finish();
  const still = new Map<Resolution, Diagnostic>();
  for (const r of merged.review) {
    const res = lineOf.get(`${r.raw.ref.file}\u0000${r.raw.ref.line}`)!;
    if (!still.has(res)) still.set(res, r.diagnostic);
  }
  for (const [res, d] of still) {
    diagnostics.push(diag('BM808', { file: res.file, line: res.line, column: 'decision' }, `the answer still leaves the case unfileable: ${d.code} ${d.message}`, d.hint ?? 'correct the answer'));
  }
  if (diagnostics.length) return { ingest, resolved: [], diagnostics };

  // Join the filed cases: a resolved case already filed by other rows merges with it when they agree.
  const cases = [...ingest.cases];
  const filedAt = new Map(cases.map((c, i) => [caseKey(c.court, c.caseNumber), i]));
  for (const c of merged.cases) {
    const i = filedAt.get(caseKey(c.court, c.caseNumber));
    if (i === undefined) {
      filedAt.set(caseKey(c.court, c.caseNumber), cases.length);
      cases.push(c);
      continue;
    }
    const f = cases[i]!;
    const differs = (['caseType', 'relief', 'agency'] as const).filter((k) => f[k] !== c[k]);
    if (differs.length || !f.beyondStatute !== !c.beyondStatute) {
      const res = lineOf.get(`${c.sources[0]!.file}\u0000${c.sources[0]!.line}`)!;
      const what = differs.map((k) => `${k} ${f[k]}, not ${c[k]}`).join('; ') || 'one is beyond the statute';
      diagnostics.push(diag('BM808', { file: res.file, line: res.line, column: 'decision' }, `case ${c.caseNumber} in ${c.court} is already filed from other rows, with ${what}`, 'make the answer agree with the filed case, or correct the filed rows with --edits'));
      continue;
    }
    const next: CaseRecord = { ...f, sources: [...f.sources, ...c.sources], codeSections: [...f.codeSections, ...c.codeSections.filter((s) => !f.codeSections.includes(s))] };
    if (c.convictionDate !== '' && (next.convictionDate === '' || c.convictionDate < next.convictionDate)) next.convictionDate = c.convictionDate;
    for (const k of ['defendantName', 'dob', 'cii', 'notes'] as const) if (next[k] === undefined && c[k] !== undefined) next[k] = c[k];
    cases[i] = next;
  }
  if (diagnostics.length) return { ingest, resolved: [], diagnostics };

  const resolved: ResolvedRow[] = [];
  const caseOf = new Map<string, CaseRecord>();
  for (const c of merged.cases) for (const s of c.sources) caseOf.set(`${s.file}\u0000${s.line}`, c);
  const excluded: ListedRow[] = [];
  for (const [row, res] of answered) {
    if (res.decision === 'exclude') {
      const d = diag('BM404', { file: row.raw.ref.file, line: row.raw.ref.line }, `excluded on review (${res.file} line ${res.line})${res.note ? `: ${res.note}` : ''}; it was in review for ${row.diagnostic.code}`, 'no action needed; to file it instead, change its answer to file');
      excluded.push({ raw: row.raw, diagnostic: d, determination: 'Excluded on review' });
      resolved.push({ resolution: res, row, outcome: { excluded: true } });
    } else {
      const c = caseOf.get(`${row.raw.ref.file}\u0000${row.raw.ref.line}`)!;
      resolved.push({ resolution: res, row, outcome: { filed: { court: c.court, caseNumber: c.caseNumber } } });
    }
  }
  resolved.sort((a, b) => a.resolution.line - b.resolution.line);
  diagnostics.push(...merged.diagnostics.filter((d) => d.outcome === 'none'));
  const filedRows = toFile.length;
  return {
    ingest: { ...ingest, cases, filedRows: ingest.filedRows + filedRows, excluded: [...ingest.excluded, ...excluded], review: ingest.review.filter((r) => !answered.has(r)) },
    resolved,
    diagnostics,
  };
}
