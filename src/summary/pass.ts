/**
 * The one pass over the filed cases (docs/summary.md, Cost): each case's
 * person is found in the people's tally (people.ts) and marked with the
 * case's agency, relief, case type, court, decade and flags; cases are
 * counted per group as they go. Its cost is memory, not arithmetic: a million
 * cases are a million objects spread over the heap and a million places in
 * the tally. So the cases are walked in the order they lie in memory when the
 * order does not matter, and the tally is read a run of cases ahead, so that
 * the run waits for memory once.
 */
import type { Config } from '../config/schema';
import { CASE_TYPES, FLAGS, RELIEFS, type CaseRecord, type Flag } from '../domain';
import type { Filing } from '../plan';
import type { Group } from './aggregate';
import { Demography } from './demography';
import { PeopleTally } from './people';

export const RELIEF_LABELS: Record<(typeof RELIEFS)[number], string> = {
  dismiss: 'Dismiss',
  dismiss_and_seal: 'Dismiss and seal',
  reduce_to_misdemeanor: 'Reduce to misdemeanor',
  reduce_to_infraction: 'Reduce to infraction',
  recall_sentence: 'Recall of sentence',
};

export const CASE_TYPE_LABELS: Record<(typeof CASE_TYPES)[number], string> = { felony: 'Felony', misdemeanor: 'Misdemeanor', infraction: 'Infraction' };

/** Cases whose places in the tally are read ahead at a time. */
const AHEAD = 64;
const FLAG_BIT = new Map<Flag, number>(FLAGS.map((f, b) => [f, 1 << b]));

/** The decade of an ISO date, 0 for the 1900s, up to `last - 1`; `last` for no date. Read from its digits: no string made. */
function decadeOf(iso: string, last: number): number {
  if (iso === '') return last;
  const year = (iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10;
  const d = ((year - 1900) / 10) | 0;
  return d < 0 ? 0 : d >= last ? last - 1 : d;
}

/** A dimension the cases are grouped by: its groups, their cases and rows, and its bits in the people's tally. */
export class Dimension {
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

export class CasePass {
  readonly agency: Dimension;
  readonly relief: Dimension;
  readonly caseType: Dimension;
  readonly court: Dimension;
  /** Decades from the 1900s to the as-of date's, then "no date". */
  readonly decade: Dimension;
  /** The first screening flag's bit in the tally (one bit each, after the dimensions). */
  readonly flagBits: number;
  /** Cases carrying each flag. */
  readonly flagCases = new Array<number>(FLAGS.length).fill(0);
  readonly tally: PeopleTally;
  /** Only with the demographic tables (`summary.demographics`). */
  readonly demo: Demography | undefined;
  /** What the last read ahead read: kept, so that the reads are made. */
  ahead = 0;
  private readonly agencyIndex: Map<string, number>;
  private readonly courtIndex: Map<string, number>;

  /** For the `n` cases of the motions. */
  constructor(config: Config, n: number) {
    this.agencyIndex = new Map(config.agencies.map((a, i) => [a.id, i]));
    this.courtIndex = new Map(config.courts.map((c, i) => [c.id, i]));
    this.agency = new Dimension(0, config.agencies.map((a) => a.id), config.agencies.map((a) => a.name));
    this.relief = new Dimension(this.agency.end, [...RELIEFS], RELIEFS.map((r) => RELIEF_LABELS[r]));
    this.caseType = new Dimension(this.relief.end, [...CASE_TYPES], CASE_TYPES.map((t) => CASE_TYPE_LABELS[t]));
    this.court = new Dimension(this.caseType.end, config.courts.map((c) => c.id), config.courts.map((c) => c.name));
    const decades = Array.from({ length: 14 }, (_, k) => String(1900 + 10 * k));
    this.decade = new Dimension(this.court.end, [...decades, 'none'], [...decades.map((d) => `${d}s`), 'No date']);
    this.flagBits = this.decade.end;
    this.tally = new PeopleTally(n, this.flagBits + FLAGS.length);
    this.demo = config.summary.demographics ? new Demography(n) : undefined;
  }

  /** A filing's cases and counts (input rows) by its agency, relief and case type, which all its cases share (src/plan). */
  filing(f: Filing): void {
    for (const [d, g] of [[this.agency, this.agencyIndex.get(f.agency)!], [this.relief, RELIEFS.indexOf(f.relief)], [this.caseType, CASE_TYPES.indexOf(f.caseType)]] as const) {
      d.cases[g]! += f.cases.length;
      // Counts only by agency, relief and case type: the filing's, not each case's.
      d.rows[g]! += f.rowCount;
    }
  }

  /** Each of `cases` into the tally and the counts by court, decade and flag; all of `filing`, or each of its own. */
  walk(cases: readonly CaseRecord[], filing?: Filing): void {
    const a = filing ? this.agency.offset + this.agencyIndex.get(filing.agency)! : -1;
    const r = filing ? this.relief.offset + RELIEFS.indexOf(filing.relief) : -1;
    const t = filing ? this.caseType.offset + CASE_TYPES.indexOf(filing.caseType) : -1;
    for (let i = 0; i < cases.length; i += AHEAD) {
      const end = Math.min(i + AHEAD, cases.length);
      let read = 0;
      for (let j = i; j < end; j++) read |= this.tally.touch(cases[j]!.person);
      this.ahead = read;
      for (let j = i; j < end; j++) {
        const c = cases[j]!;
        if (filing) this.add(c, a, r, t);
        else this.add(c, this.agency.offset + this.agencyIndex.get(c.agency)!, this.relief.offset + RELIEFS.indexOf(c.relief), this.caseType.offset + CASE_TYPES.indexOf(c.caseType));
      }
    }
  }

  /** Case c, of the agency, relief and case type whose bits in the tally are a, r and t. */
  private add(c: CaseRecord, a: number, r: number, t: number): void {
    const tally = this.tally;
    const p = tally.person(c.person);
    tally.mark(p, a);
    tally.mark(p, r);
    tally.mark(p, t);
    const co = this.courtIndex.get(c.court)!;
    this.court.cases[co]!++;
    tally.mark(p, this.court.offset + co);
    const d = decadeOf(c.convictionDate, this.decade.keys.length - 1);
    this.decade.cases[d]!++;
    tally.mark(p, this.decade.offset + d);
    const fl = c.flags;
    if (fl !== undefined) {
      let mask = 0;
      for (let k = 0; k < fl.length; k++) mask |= FLAG_BIT.get(fl[k]!)!;
      for (let b = 0; b < FLAGS.length; b++) {
        if (mask & (1 << b)) {
          this.flagCases[b]!++;
          tally.mark(p, this.flagBits + b);
        }
      }
    }
    if (this.demo) this.demo.add(p, c.demographics);
  }
}
