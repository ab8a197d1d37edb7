/**
 * The summary's numbers, computed from the final plan (after --resolved and
 * --edits) in one pass over its filed cases, plus the reconciliation's counts
 * and the listings' reason codes. Pure: no files, no clock. Nothing here is
 * about one person: every number counts people, cases or rows.
 */
import type { Config } from '../config/schema';
import { CASE_TYPES, FLAGS, RELIEFS, type CaseRecord, type Flag } from '../domain';
import { CATALOG } from '../diagnostics/catalog';
import type { ListedRow } from '../ingest/types';
import { motionFilings, type Plan } from '../plan';
import type { Counts } from '../plan/reconcile';
import { Demography } from './demography';
import { PeopleTally } from './people';

export { AGE_BANDS } from './demography';

/** One row of a table: what it is, and how many people, cases and counts (input rows) it holds. */
export interface Group {
  key: string;
  label: string;
  people: number;
  cases: number;
  rows: number;
}

/** A reason code, the rows listed with it and the people they are about. */
export interface Reason {
  code: string;
  name: string;
  rows: number;
  people: number;
}

export interface FlagTally {
  flag: Flag;
  /** Filed cases carrying the flag, and their people. */
  filed: { people: number; cases: number };
  /** Cases sent to review or excluded carrying it (the ingest's counts), and the people of their rows. */
  review: number;
  excluded: number;
  reviewPeople: number;
  excludedPeople: number;
}

/** The outcomes of the reconciliation, each with the people it is about. */
export type Outcome = 'filed' | 'challenged' | 'excluded' | 'review' | 'rejected' | 'struck';

export interface Aggregates {
  counts: Counts;
  /** Motions (the filings that ask for relief; notices of challenge are not counted). */
  motions: number;
  /** Distinct people in the filed cases (a case without an identifier counts as one). */
  people: number;
  /** Filed cases without a CII number, name and date of birth, or SUBJECT_ID. */
  unidentified: number;
  /** People per outcome: filed and challenged cases, excluded, review and struck rows (rejected rows count one each). */
  outcomePeople: Record<Outcome, number>;
  agencies: Group[];
  reliefs: Group[];
  caseTypes: Group[];
  decades: Group[];
  courts: Group[];
  review: Reason[];
  rejected: Reason[];
  flags: FlagTally[];
  /** Only when the config turns it on; each list only when the input carries it. */
  demographics?: { race?: Group[]; gender?: Group[]; age?: Group[] };
}

export const RELIEF_LABELS: Record<(typeof RELIEFS)[number], string> = {
  dismiss: 'Dismiss',
  dismiss_and_seal: 'Dismiss and seal',
  reduce_to_misdemeanor: 'Reduce to misdemeanor',
  reduce_to_infraction: 'Reduce to infraction',
  recall_sentence: 'Recall of sentence',
};

export const CASE_TYPE_LABELS: Record<(typeof CASE_TYPES)[number], string> = { felony: 'Felony', misdemeanor: 'Misdemeanor', infraction: 'Infraction' };

const FLAG_BIT = new Map<Flag, number>(FLAGS.map((f, b) => [f, 1 << b]));

/** The decade of an ISO date, 0 for the 1900s, up to `last - 1`; `last` for no date. Read from its digits: no string made. */
function decadeOf(iso: string, last: number): number {
  if (iso === '') return last;
  const year = (iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10;
  const d = ((year - 1900) / 10) | 0;
  return d < 0 ? 0 : d >= last ? last - 1 : d;
}

export interface AggregateInput {
  plan: Plan;
  config: Config;
  counts: Counts;
  review: readonly ListedRow[];
  rejected: readonly ListedRow[];
  excluded: readonly ListedRow[];
  /** Cases in review or excluded, by flag (the ingest's count). */
  flagCounts: Record<Flag, { review: number; excluded: number }>;
  /** Cases struck by --edits. */
  struck: readonly CaseRecord[];
  /** Who a listed row is about (personKey), when it can be told; a row without counts as one person. */
  personOf: (row: ListedRow) => number | undefined;
}

/** A dimension the cases are grouped by: its groups, their cases and rows, and its bits in the people's tally. */
class Dimension {
  readonly cases: number[];
  readonly rows: number[];
  constructor(
    /** Group g's bit in the tally is offset + g. */
    readonly offset: number,
    readonly keys: string[],
    readonly labels: string[],
  ) {
    this.cases = new Array<number>(keys.length).fill(0);
    this.rows = new Array<number>(keys.length).fill(0);
  }
  get end(): number {
    return this.offset + this.keys.length;
  }
  groups(people: readonly number[], keepEmpty: boolean): Group[] {
    return this.keys.map((key, g) => ({ key, label: this.labels[g]!, people: people[this.offset + g]!, cases: this.cases[g]!, rows: this.rows[g]! })).filter((g) => keepEmpty || g.cases > 0);
  }
}

export function aggregate(input: AggregateInput): Aggregates {
  const { plan, config } = input;
  const filed = motionFilings(plan);
  const n = filed.reduce((k, f) => k + f.cases.length, 0);
  const agencyIndex = new Map(config.agencies.map((a, i) => [a.id, i]));
  const courtIndex = new Map(config.courts.map((c, i) => [c.id, i]));
  const agency = new Dimension(0, config.agencies.map((a) => a.id), config.agencies.map((a) => a.name));
  const relief = new Dimension(agency.end, [...RELIEFS], RELIEFS.map((r) => RELIEF_LABELS[r]));
  const caseType = new Dimension(relief.end, [...CASE_TYPES], CASE_TYPES.map((t) => CASE_TYPE_LABELS[t]));
  const court = new Dimension(caseType.end, config.courts.map((c) => c.id), config.courts.map((c) => c.name));
  // Decades from the 1900s to the as-of date's, then "no date".
  const decadeKeys = Array.from({ length: 14 }, (_, k) => String(1900 + 10 * k));
  const decade = new Dimension(court.end, [...decadeKeys, 'none'], [...decadeKeys.map((d) => `${d}s`), 'No date']);
  // The screening's flags after the dimensions: one bit each.
  const flagBits = decade.end;
  const tally = new PeopleTally(n, flagBits + FLAGS.length);
  const flagCases = new Array<number>(FLAGS.length).fill(0);
  const demo = config.summary.demographics ? new Demography(n) : undefined;
  for (const f of filed) {
    // A filing's cases share its agency, relief and case type (src/plan): counted once for the filing.
    const ag = agencyIndex.get(f.agency)!;
    const re = RELIEFS.indexOf(f.relief);
    const ty = CASE_TYPES.indexOf(f.caseType);
    agency.cases[ag]! += f.cases.length;
    relief.cases[re]! += f.cases.length;
    caseType.cases[ty]! += f.cases.length;
    // Counts (input rows) only by agency, relief and case type: the filing's, not each case's.
    agency.rows[ag]! += f.rowCount;
    relief.rows[re]! += f.rowCount;
    caseType.rows[ty]! += f.rowCount;
    const filingBits = [agency.offset + ag, relief.offset + re, caseType.offset + ty] as const;
    for (const c of f.cases) {
      const p = tally.person(c.person);
      tally.mark(p, filingBits[0]);
      tally.mark(p, filingBits[1]);
      tally.mark(p, filingBits[2]);
      const co = courtIndex.get(c.court)!;
      court.cases[co]!++;
      tally.mark(p, court.offset + co);
      const d = decadeOf(c.convictionDate, decadeKeys.length);
      decade.cases[d]!++;
      tally.mark(p, decade.offset + d);
      const fl = c.flags;
      if (fl !== undefined) {
        let mask = 0;
        for (let k = 0; k < fl.length; k++) mask |= FLAG_BIT.get(fl[k]!)!;
        for (let b = 0; b < FLAGS.length; b++) {
          if (mask & (1 << b)) {
            flagCases[b]!++;
            tally.mark(p, flagBits + b);
          }
        }
      }
      if (demo) demo.add(p, c.demographics);
    }
  }
  const people = tally.perBit();
  const review = listedPeople(input.review, input.personOf);
  const excluded = listedPeople(input.excluded, input.personOf);
  const noticeCases = plan.filings.filter((f) => f.challenge).flatMap((f) => f.cases);
  const out: Aggregates = {
    counts: input.counts,
    motions: filed.length,
    people: tally.count,
    unidentified: tally.unidentified,
    outcomePeople: {
      filed: tally.count,
      challenged: countPeople(noticeCases.map((c) => c.person)),
      excluded: excluded.count,
      review: review.count,
      rejected: input.rejected.length,
      struck: countPeople(input.struck.map((c) => c.person)),
    },
    agencies: agency.groups(people, true),
    reliefs: relief.groups(people, false),
    caseTypes: caseType.groups(people, false),
    decades: decade.groups(people, false),
    courts: court.groups(people, false),
    review: review.reasons,
    rejected: listedPeople(input.rejected, input.personOf).reasons,
    flags: FLAGS.map((flag, b) => ({ flag, filed: { people: people[flagBits + b]!, cases: flagCases[b]! }, review: input.flagCounts[flag].review, excluded: input.flagCounts[flag].excluded, reviewPeople: review.flagPeople[b]!, excludedPeople: excluded.flagPeople[b]! })),
  };
  if (demo) out.demographics = demo.tables(tally.count);
  return out;
}

/** Distinct people among cases' person keys (a case without one is a person of its own). */
function countPeople(keys: ReadonlyArray<number | undefined>): number {
  const t = new PeopleTally(keys.length, 0);
  for (const k of keys) t.person(k);
  return t.count;
}

/** The people of listed rows: in all, per reason code (rows too, in code order), and per screening flag. */
function listedPeople(rows: readonly ListedRow[], personOf: (row: ListedRow) => number | undefined): { count: number; reasons: Reason[]; flagPeople: number[] } {
  const codes = [...new Set(rows.map((r) => r.diagnostic.code))].sort();
  const index = new Map(codes.map((c, i) => [c, i]));
  const t = new PeopleTally(rows.length, codes.length + FLAGS.length);
  const n = new Array<number>(codes.length).fill(0);
  for (const r of rows) {
    const p = t.person(personOf(r));
    const g = index.get(r.diagnostic.code)!;
    n[g]!++;
    t.mark(p, g);
    for (const f of r.flags ?? []) t.mark(p, codes.length + FLAGS.indexOf(f));
  }
  const people = t.perBit();
  return {
    count: t.count,
    reasons: codes.map((code, g) => ({ code, name: (CATALOG as Record<string, { name: string }>)[code]?.name ?? code, rows: n[g]!, people: people[g]! })),
    flagPeople: FLAGS.map((_, b) => people[codes.length + b]!),
  };
}
