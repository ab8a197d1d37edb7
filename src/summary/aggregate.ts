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
import { PeopleIndex } from './people';

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

/** Age at conviction, in the bands published statistics use. */
export const AGE_BANDS: ReadonlyArray<{ label: string; from: number }> = [
  { label: 'Under 18', from: 0 },
  { label: '18 to 24', from: 18 },
  { label: '25 to 34', from: 25 },
  { label: '35 to 44', from: 35 },
  { label: '45 to 54', from: 45 },
  { label: '55 to 64', from: 55 },
  { label: '65 and over', from: 65 },
];
const FLAG_BIT = new Map<Flag, number>(FLAGS.map((f, b) => [f, 1 << b]));

/** The decade of an ISO date, 0 for the 1900s, up to `last - 1`; `last` for no date. Read from its digits: no string made. */
function decadeOf(iso: string, last: number): number {
  if (iso === '') return last;
  const year = (iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10;
  const d = ((year - 1900) / 10) | 0;
  return d < 0 ? 0 : d >= last ? last - 1 : d;
}

function ageBand(age: number): number {
  let band = 0;
  AGE_BANDS.forEach((b, i) => age >= b.from && (band = i));
  return band;
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

/** A dimension the cases are grouped by: its groups, and each case's group (-1 for none). */
class Dimension {
  readonly of: Int32Array;
  readonly cases: number[];
  readonly rows: number[];
  constructor(
    n: number,
    readonly keys: string[],
    readonly labels: string[],
  ) {
    this.of = new Int32Array(n).fill(-1);
    this.cases = new Array<number>(keys.length).fill(0);
    this.rows = new Array<number>(keys.length).fill(0);
  }
  add(i: number, g: number) {
    this.of[i] = g;
    this.cases[g]!++;
  }
  groups(people: PeopleIndex, keepEmpty: boolean): Group[] {
    const p = people.perGroup(this.of, this.keys.length);
    return this.keys.map((key, g) => ({ key, label: this.labels[g]!, people: p[g]!, cases: this.cases[g]!, rows: this.rows[g]! })).filter((g) => keepEmpty || g.cases > 0);
  }
}

export function aggregate(input: AggregateInput): Aggregates {
  const { plan, config } = input;
  const filed = motionFilings(plan);
  const n = filed.reduce((k, f) => k + f.cases.length, 0);
  const agencyIndex = new Map(config.agencies.map((a, i) => [a.id, i]));
  const courtIndex = new Map(config.courts.map((c, i) => [c.id, i]));
  const agency = new Dimension(n, config.agencies.map((a) => a.id), config.agencies.map((a) => a.name));
  const relief = new Dimension(n, [...RELIEFS], RELIEFS.map((r) => RELIEF_LABELS[r]));
  const caseType = new Dimension(n, [...CASE_TYPES], CASE_TYPES.map((t) => CASE_TYPE_LABELS[t]));
  const court = new Dimension(n, config.courts.map((c) => c.id), config.courts.map((c) => c.name));
  // Decades from the 1900s to the as-of date's, then "no date".
  const decadeKeys = Array.from({ length: 14 }, (_, k) => String(1900 + 10 * k));
  const decade = new Dimension(n, [...decadeKeys, 'none'], [...decadeKeys.map((d) => `${d}s`), 'No date']);
  const keys = new Float64Array(n);
  const flags = new Uint8Array(n);
  const flagCases = new Array<number>(FLAGS.length).fill(0);
  const demo = config.summary.demographics ? new Array<CaseRecord['demographics']>(n) : undefined;
  let i = 0;
  for (const f of filed) {
    // A filing's cases share its agency, relief and case type (src/plan).
    const ag = agencyIndex.get(f.agency)!;
    const re = RELIEFS.indexOf(f.relief);
    const ty = CASE_TYPES.indexOf(f.caseType);
    // Counts (input rows) only by agency, relief and case type: the filing's, not each case's.
    agency.rows[ag]! += f.rowCount;
    relief.rows[re]! += f.rowCount;
    caseType.rows[ty]! += f.rowCount;
    for (const c of f.cases) {
      agency.add(i, ag);
      relief.add(i, re);
      caseType.add(i, ty);
      court.add(i, courtIndex.get(c.court)!);
      decade.add(i, decadeOf(c.convictionDate, decadeKeys.length));
      keys[i] = c.person ?? Number.NaN;
      const fl = c.flags;
      if (fl !== undefined) {
        let mask = 0;
        for (let k = 0; k < fl.length; k++) mask |= FLAG_BIT.get(fl[k]!)!;
        flags[i] = mask;
      }
      if (demo) demo[i] = c.demographics;
      i++;
    }
  }
  for (let j = 0; j < n; j++) for (let b = 0; b < FLAGS.length; b++) if (flags[j]! & (1 << b)) flagCases[b]!++;
  const people = new PeopleIndex(keys);
  const flagPeople = people.perBit(flags, FLAGS.length);
  const listed = (rows: readonly ListedRow[]) => new PeopleIndex(Float64Array.from(rows, (r) => input.personOf(r) ?? Number.NaN));
  const review = listed(input.review);
  const excluded = listed(input.excluded);
  const noticeCases = plan.filings.filter((f) => f.challenge).flatMap((f) => f.cases);
  const flagMasks = (rows: readonly ListedRow[]) => Uint8Array.from(rows, (r) => (r.flags ?? []).reduce((m, f) => m | (1 << FLAGS.indexOf(f)), 0));
  const reviewFlagPeople = review.perBit(flagMasks(input.review), FLAGS.length);
  const excludedFlagPeople = excluded.perBit(flagMasks(input.excluded), FLAGS.length);
  const out: Aggregates = {
    counts: input.counts,
    motions: filed.length,
    people: people.count,
    unidentified: people.unidentified,
    outcomePeople: {
      filed: people.count,
      challenged: new PeopleIndex(Float64Array.from(noticeCases, (c) => c.person ?? Number.NaN)).count,
      excluded: excluded.count,
      review: review.count,
      rejected: input.rejected.length,
      struck: new PeopleIndex(Float64Array.from(input.struck, (c) => c.person ?? Number.NaN)).count,
    },
    agencies: agency.groups(people, true),
    reliefs: relief.groups(people, false),
    caseTypes: caseType.groups(people, false),
    decades: decade.groups(people, false),
    courts: court.groups(people, false),
    review: reasons(input.review, review),
    rejected: reasons(input.rejected, listed(input.rejected)),
    flags: FLAGS.map((flag, b) => ({ flag, filed: { people: flagPeople[b]!, cases: flagCases[b]! }, review: input.flagCounts[flag].review, excluded: input.flagCounts[flag].excluded, reviewPeople: reviewFlagPeople[b]!, excludedPeople: excludedFlagPeople[b]! })),
  };
  if (demo) out.demographics = demographics(people, demo);
  return out;
}

/** Rows and people per reason code, in code order. */
function reasons(rows: readonly ListedRow[], people: PeopleIndex): Reason[] {
  const codes = [...new Set(rows.map((r) => r.diagnostic.code))].sort();
  const index = new Map(codes.map((c, i) => [c, i]));
  const of = Int32Array.from(rows, (r) => index.get(r.diagnostic.code)!);
  const p = people.perGroup(of, codes.length);
  const n = new Array<number>(codes.length).fill(0);
  for (const g of of) n[g]!++;
  return codes.map((code, g) => ({ code, name: (CATALOG as Record<string, { name: string }>)[code]?.name ?? code, rows: n[g]!, people: p[g]! }));
}

/** People by race, gender and age band at conviction: a person's race and gender from their first filed case, their age at their earliest conviction. */
function demographics(people: PeopleIndex, demo: Array<CaseRecord['demographics']>): NonNullable<Aggregates['demographics']> {
  const out: NonNullable<Aggregates['demographics']> = {};
  for (const k of ['race', 'gender'] as const) {
    const values = [...new Set(demo.map((d) => d?.[k]).filter((v): v is string => v !== undefined))].sort();
    if (!values.length) continue;
    const index = new Map(values.map((v, g) => [v, g]));
    const noValue = values.length;
    const counts = people.perPerson(values.length + 1, (i) => { const v = demo[i]?.[k]; return v === undefined ? -1 : index.get(v)!; }, 'first');
    // People none of whose cases says.
    counts[noValue] = people.count - counts.reduce((a, b) => a + b, 0);
    out[k] = [...values, ''].map((v, g) => ({ key: v === '' ? 'none' : v, label: v === '' ? 'Not recorded' : titleCase(v), people: counts[g]!, cases: 0, rows: 0 })).filter((g) => g.people > 0);
  }
  if (demo.some((d) => d?.age !== undefined)) {
    const counts = people.perPerson(AGE_BANDS.length + 1, (i) => { const a = demo[i]?.age; return a === undefined ? -1 : ageBand(a); }, 'min');
    counts[AGE_BANDS.length] = people.count - counts.reduce((a, b) => a + b, 0);
    out.age = [...AGE_BANDS.map((b) => b.label), 'Not recorded'].map((label, g) => ({ key: g < AGE_BANDS.length ? String(AGE_BANDS[g]!.from) : 'none', label, people: counts[g]!, cases: 0, rows: 0 })).filter((g) => g.people > 0);
  }
  return out;
}

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s/-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
