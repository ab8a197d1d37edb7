/**
 * The other half of HS 11361.9: the cases the office challenges. Rows the
 * screening marks with a determination the config challenges (`challenges:`,
 * default "Not eligible") leave excluded.csv and become challenged cases, one
 * notice of challenge per agency and case type (and court, when filings are
 * grouped by court), to the court and the public defender. A row that cannot
 * be placed in a notice (no case number, court, case type or agency) goes to
 * review with BM317. Nothing is dropped: the reconciliation counts challenged
 * rows as their own outcome.
 */
import type { Config } from '../config/schema';
import { router } from '../config/routing';
import { diag } from '../diagnostics/catalog';
import { CASE_TYPES, CHALLENGE_GROUNDS, type CaseRecord, type ChallengeGround } from '../domain';
import type { Preset } from '../ingest';
import { rowFields, type IngestResult, type ListedRow } from '../ingest/types';
import { CHALLENGE_SUFFIX, compareCases, slugPart, type Filing } from '../plan';
import { rowReader } from '../resolve/apply';
import { differences, personKey, type Identity } from '../ingest/identity';

export interface ChallengeSplit {
  /** The ingest with the challenged rows out of `excluded` (and any that cannot be placed in `review`). */
  ingest: IngestResult;
  /** One notice of challenge per agency, case type (and court), in plan order. */
  filings: Filing[];
  /** Rows taken out of excluded into the notices. */
  rows: number;
  /** The challenged cases, before grouping into notices (the edits file may strike some: docs/edits.md). */
  cases: CaseRecord[];
}

const key = (s: string) => s.trim().toLowerCase();

/** The cell of a stored row under a header, '' when absent. */
function cellOf(r: ListedRow, header: string): string {
  const i = r.raw.header.findIndex((h) => key(h) === key(header));
  if (i < 0 || r.raw.packed === undefined) return '';
  return (rowFields(r.raw)[i] ?? '').trim();
}

export function splitChallenges(ingest: IngestResult, config: Config, preset: Preset, asOf: string): ChallengeSplit {
  const challenged = new Set(config.challenges.determinations.map(key));
  const grounds = new Map(Object.entries(config.challenges.grounds).map(([k, v]) => [key(k), v]));
  const read = rowReader(config, preset, asOf);
  const route = router(config);
  const excluded: ListedRow[] = [];
  const review: ListedRow[] = [];
  const cases = new Map<string, { c: CaseRecord; rows: ListedRow[]; ids: Identity[]; conflict?: { code: 'BM314' | 'BM317'; what: string } }>();
  const diagnostics = [...ingest.diagnostics];
  for (const r of ingest.excluded) {
    if (r.diagnostic.code !== 'BM401' || r.determination === undefined || !challenged.has(key(r.determination))) {
      excluded.push(r);
      continue;
    }
    const at = { file: r.raw.ref.file, line: r.raw.ref.line };
    const row = r.raw.packed === undefined ? undefined : read(r.raw);
    const missing = !row ? 'its fields could not be read' : !row.caseNumber ? 'it has no usable case number' : !row.court ? 'its court is not one the config knows' : !row.caseType ? 'it has no case type' : undefined;
    const agency = row && !missing ? (row.agency ?? route(row.caseType!, row.court)) : undefined;
    if (missing || !agency) {
      const d = diag('BM317', at, `the row is screened "${r.determination}", which the config challenges, but ${missing ?? `no agency in the config files ${row!.caseType} cases from court ${row!.court}`}, so it can be in no notice of challenge`, 'correct the row (or add a routing: entry), or decide by hand whether to challenge it');
      diagnostics.push(d);
      review.push({ ...r, diagnostic: d });
      continue;
    }
    const reason = cellOf(r, 'Eligibility Reason');
    const ground: ChallengeGround = grounds.get(key(reason)) ?? config.challenges.default_ground;
    const k = `${row!.court}\u0000${row!.caseNumber}`;
    const seen = cases.get(k);
    if (!seen) {
      const c: CaseRecord = {
        caseNumber: row!.caseNumber,
        court: row!.court,
        caseType: row!.caseType!,
        // Not asked for: a challenged case's relief is never printed (the exhibit shows its ground).
        relief: 'dismiss',
        agency,
        codeSections: [...row!.codeSections],
        convictionDate: row!.convictionDate,
        sources: [r.raw.ref],
        challenge: { grounds: [ground], reasons: reason ? [reason] : [] },
      };
      // What the exhibit may print of the person: only what ingest keeps (the config's exhibit columns), as for a motion.
      if (row!.defendantName) c.defendantName = row!.defendantName;
      if (row!.dob) c.dob = row!.dob;
      if (row!.cii) c.cii = row!.cii;
      // Who it is about, as a hash, for the summary's count of people (never printed).
      const person = personKey(row!.identity);
      if (person !== undefined) c.person = person;
      cases.set(k, { c, rows: [r], ids: row!.identity ? [row!.identity] : [] });
      continue;
    }
    const c = seen.c;
    seen.rows.push(r);
    // Rows of two people are never one challenged case, as they are never one filed case (BM314).
    const id = row!.identity;
    if (id && seen.ids.some((x) => differences(x, id).length > 0)) seen.conflict ??= { code: 'BM314', what: 'its rows name different people' };
    if (id) seen.ids.push(id);
    if (c.caseType !== row!.caseType || c.agency !== agency) seen.conflict ??= { code: 'BM317', what: `its counts disagree on ${c.caseType !== row!.caseType ? `case type (${c.caseType}, ${row!.caseType})` : `agency (${c.agency}, ${agency})`}` };
    c.sources.push(r.raw.ref);
    for (const s of row!.codeSections) if (!c.codeSections.includes(s)) c.codeSections.push(s);
    if (!c.challenge!.grounds.includes(ground)) c.challenge!.grounds = CHALLENGE_GROUNDS.filter((g) => g === ground || c.challenge!.grounds.includes(g));
    if (reason && !c.challenge!.reasons.includes(reason)) c.challenge!.reasons.push(reason);
    const date = row!.convictionDate;
    if (date && date !== c.convictionDate) {
      const all = [...new Set([...(c.convictionDates ?? (c.convictionDate ? [c.convictionDate] : [])), date])].sort();
      c.convictionDate = all[0]!;
      if (all.length > 1) c.convictionDates = all;
    }
  }
  let rows = 0;
  const placed: CaseRecord[] = [];
  for (const { c, rows: listed, conflict } of cases.values()) {
    if (conflict) {
      const first = listed[0]!.raw.ref;
      const d = diag(conflict.code, { file: first.file, line: first.line }, `case ${c.caseNumber} is challenged, but ${conflict.what}, so it can be in no one notice of challenge`, conflict.code === 'BM314' ? 'fix the case number or court of the rows of another case, then run again' : 'correct the rows, or decide by hand whether to challenge the case');
      diagnostics.push(d);
      for (const r of listed) review.push({ ...r, diagnostic: { ...d, file: r.raw.ref.file, line: r.raw.ref.line } });
      continue;
    }
    rows += listed.length;
    placed.push(c);
  }
  const filings = noticeFilings(placed, config);
  const moved = ingest.excluded.length - excluded.length;
  if (moved === 0) return { ingest, filings: [], rows: 0, cases: [] };
  // Ingest's note "N rows excluded as "Not eligible"; listed in excluded.csv" no longer holds for a challenged
  // determination: the reconciliation's challenged line counts those rows instead.
  const noted = diagnostics.filter((d) => {
    const m = d.code === 'BM401' && d.line === undefined ? /excluded as "(.*)"; listed in excluded\.csv$/.exec(d.message) : null;
    return !(m && challenged.has(key(m[1]!)));
  });
  return { ingest: { ...ingest, excluded, review: [...ingest.review, ...review], diagnostics: noted }, filings, rows, cases: placed };
}

/** The notices of challenge for these challenged cases: one per agency, case type (and court, when filings are grouped by court), in plan order. */
export function noticeFilings(cases: readonly CaseRecord[], config: Config): Filing[] {
  // Group into notices: agency, case type, and court when the config groups by court.
  const byCourt = config.grouping.includes('court');
  const agencyRank = new Map(config.agencies.map((a, i) => [a.id, i]));
  const courtRank = new Map(config.courts.map((c, i) => [c.id, i]));
  const groups = new Map<string, CaseRecord[]>();
  for (const c of cases) {
    const g = [c.agency, c.caseType, byCourt ? c.court : ''].join('\u0000');
    const list = groups.get(g);
    if (list) list.push(c);
    else groups.set(g, [c]);
  }
  const filings: Filing[] = [...groups.values()].map((list) => {
    list.sort((a, b) => compareCases(a, b, courtRank));
    const head = list[0]!;
    const f: Filing = {
      id: [head.agency, head.caseType, ...(byCourt ? [head.court] : [])].map(slugPart).join('-') + CHALLENGE_SUFFIX,
      agency: head.agency,
      caseType: head.caseType,
      relief: head.relief,
      challenge: true,
      caseCount: list.length,
      rowCount: list.reduce((n, c) => n + c.sources.length, 0),
      cases: list,
    };
    if (byCourt) f.court = head.court;
    return f;
  });
  const rank = (f: Filing) => [agencyRank.get(f.agency) ?? Number.MAX_SAFE_INTEGER, CASE_TYPES.indexOf(f.caseType), f.court ? (courtRank.get(f.court) ?? 0) : 0];
  filings.sort((a, b) => {
    const x = rank(a);
    const y = rank(b);
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
  });
  return filings;
}
