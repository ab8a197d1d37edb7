/**
 * The summary's numbers, computed from the final plan (after --resolved and
 * --edits) in one pass over its filed cases (pass.ts), plus the
 * reconciliation's counts and the listings' reason codes. Pure: no files, no clock. Nothing here is
 * about one person: every number counts people, cases or rows.
 */
import type { Config } from '../config/schema';
import { FLAGS, type CaseRecord, type Flag } from '../domain';
import { CATALOG } from '../diagnostics/catalog';
import type { ListedRow } from '../ingest/types';
import { motionFilings, type Plan } from '../plan';
import type { Counts } from '../plan/reconcile';
import { CasePass } from './pass';
import { PeopleTally } from './people';

export { AGE_BANDS } from './demography';
export { CASE_TYPE_LABELS, RELIEF_LABELS } from './pass';

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
  /**
   * The motions' cases again, in the order they lie in memory (the pipeline's `filed`): walked instead of the
   * filings when the order does not matter (without the demographic tables, whose "first case" is the plan's).
   */
  filed?: readonly CaseRecord[];
}

export function aggregate(input: AggregateInput): Aggregates {
  const { plan, config } = input;
  const filed = motionFilings(plan);
  const n = filed.reduce((k, f) => k + f.cases.length, 0);
  const pass = new CasePass(config, n);
  // In memory order when the order does not matter; the demographic tables' "first case" is the plan's.
  const inMemoryOrder = !pass.demo && input.filed?.length === n ? input.filed : undefined;
  for (const f of filed) {
    pass.filing(f);
    if (!inMemoryOrder) pass.walk(f.cases, f);
  }
  if (inMemoryOrder) pass.walk(inMemoryOrder);
  const { tally, agency, relief, caseType, decade, court, flagBits, flagCases } = pass;
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
  if (pass.demo) out.demographics = pass.demo.tables(tally.count);
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
