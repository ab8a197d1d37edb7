/**
 * Plan: group filed cases into filings by the configured keys, in a stable
 * order, with ids that read well as folder names.
 */
import type { Config, GroupKey } from '../config/schema';
import { CASE_TYPES, FLAGS, RELIEFS, type CaseRecord, type CaseType, type Flag, type Relief } from '../domain';

export interface Filing {
  /** e.g. "da-felony-dismiss-and-seal"; a safe folder name. */
  id: string;
  agency: string;
  caseType: CaseType;
  relief: Relief;
  /** Present when `court` is a grouping key. */
  court?: string;
  /**
   * The relief asked for goes beyond what HS 11361.8 gives these cases (their statutory ceiling), on the
   * basis the agency states in the config (`beyond_statute_basis`). Such cases are always a filing of
   * their own, so no statutory finding is made for them.
   */
  beyondStatute?: boolean;
  /** A notice of challenge (HS 11361.9; src/challenge), not a motion: its cases are challenged, not filed. */
  challenge?: true;
  caseCount: number;
  rowCount: number;
  /** Sorted by case number, then court. */
  cases: CaseRecord[];
}

/** Ends the id of a filing of cases asking relief beyond the statute, e.g. "da-felony-dismiss-and-seal-beyond-statute". */
/** Ends the id of a notice of challenge, e.g. "da-felony-challenge". */
export const CHALLENGE_SUFFIX = '-challenge';

/** The filings that ask for relief: every one but the notices of challenge. */
export const motionFilings = (plan: Plan): Filing[] => plan.filings.filter((f) => !f.challenge);

export const BEYOND_STATUTE_SUFFIX = '-beyond-statute';

export interface Plan {
  grouping: GroupKey[];
  /** Filed cases carrying each of the screening's flags (index.csv names them case by case). */
  flags?: Record<Flag, number>;
  filings: Filing[];
}

/** Filed cases per flag, every flag listed (0 when none). */
export function countFlags(cases: Iterable<CaseRecord>): Record<Flag, number> {
  const n = Object.fromEntries(FLAGS.map((f) => [f, 0])) as Record<Flag, number>;
  for (const c of cases) for (const f of c.flags ?? []) n[f]++;
  return n;
}

export const slugPart = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'x';

export function compareCases(a: CaseRecord, b: CaseRecord, courtRank: Map<string, number>): number {
  if (a.caseNumber !== b.caseNumber) return a.caseNumber < b.caseNumber ? -1 : 1;
  return (courtRank.get(a.court) ?? 0) - (courtRank.get(b.court) ?? 0);
}

export function planFilings(cases: readonly CaseRecord[], config: Config): Plan {
  // Agency, case type and relief always split filings: each is a different
  // order signed for a different office. Config adds court and sets the order.
  const required: GroupKey[] = ['agency', 'case_type', 'relief'];
  const grouping: GroupKey[] = [...new Set([...config.grouping, ...required])];
  const agencyRank = new Map(config.agencies.map((a, i) => [a.id, i]));
  const courtRank = new Map(config.courts.map((c, i) => [c.id, i]));
  const rank: Record<GroupKey, (c: CaseRecord) => number> = {
    agency: (c) => agencyRank.get(c.agency) ?? Number.MAX_SAFE_INTEGER,
    case_type: (c) => CASE_TYPES.indexOf(c.caseType),
    relief: (c) => RELIEFS.indexOf(c.relief),
    court: (c) => courtRank.get(c.court) ?? Number.MAX_SAFE_INTEGER,
  };
  const value: Record<GroupKey, (c: CaseRecord) => string> = {
    agency: (c) => c.agency,
    case_type: (c) => c.caseType,
    relief: (c) => c.relief,
    court: (c) => c.court,
  };

  // Cases asking relief beyond the statute are always a filing of their own: no statutory finding is made
  // for them, and their motion states the office's basis instead.
  const groups = new Map<string, CaseRecord[]>();
  for (const c of cases) {
    const key = grouping.map((k) => value[k](c)).join('\u0000') + (c.beyondStatute ? '\u0000beyond' : '');
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }

  const filings: Filing[] = [...groups.values()].map((list) => {
    const head = list[0]!;
    list.sort((a, b) => compareCases(a, b, courtRank));
    const f: Filing = {
      id: grouping.map((k) => slugPart(value[k](head))).join('-') + (head.beyondStatute ? BEYOND_STATUTE_SUFFIX : ''),
      agency: head.agency,
      caseType: head.caseType,
      relief: head.relief,
      caseCount: list.length,
      rowCount: list.reduce((n, c) => n + c.sources.length, 0),
      cases: list,
    };
    if (grouping.includes('court')) f.court = head.court;
    if (head.beyondStatute) f.beyondStatute = true;
    return f;
  });
  filings.sort((a, b) => {
    for (const k of grouping) {
      const d = rank[k](a.cases[0]!) - rank[k](b.cases[0]!);
      if (d !== 0) return d;
    }
    // The beyond-statute filing right after its statutory counterpart.
    if (!a.beyondStatute !== !b.beyondStatute) return a.beyondStatute ? 1 : -1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const used = new Set<string>();
  for (const f of filings) {
    let id = f.id;
    for (let n = 2; used.has(id); n++) id = `${f.id}-${n}`;
    used.add(id);
    f.id = id;
  }
  return { grouping: [...grouping], flags: countFlags(cases), filings };
}
