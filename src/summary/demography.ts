/**
 * The summary's demographic tables (only with `summary.demographics: true`):
 * people by race, gender and age band at conviction, gathered in the pass over
 * the filed cases (aggregate.ts), one small number per person.
 */
import type { CaseRecord } from '../domain';
import type { Aggregates } from './aggregate';

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

function ageBand(age: number): number {
  let band = 0;
  AGE_BANDS.forEach((b, i) => age >= b.from && (band = i));
  return band;
}

/**
 * People by race, gender and age band at conviction, gathered in the pass over the cases: a person's race and
 * gender from their first filed case that says (in case order), their age band from their earliest conviction
 * (the youngest band of their cases).
 */
export class Demography {
  private readonly values = { race: new Map<string, number>(), gender: new Map<string, number>() };
  private readonly of: { race: Int32Array; gender: Int32Array };
  private readonly age: Int8Array;
  private anyAge = false;
  constructor(people: number) {
    this.of = { race: new Int32Array(people).fill(-1), gender: new Int32Array(people).fill(-1) };
    this.age = new Int8Array(people).fill(-1);
  }
  add(p: number, d: CaseRecord['demographics']): void {
    if (d === undefined) return;
    for (const k of ['race', 'gender'] as const) {
      const v = d[k];
      if (v === undefined) continue;
      const values = this.values[k];
      let g = values.get(v);
      if (g === undefined) values.set(v, (g = values.size));
      if (this.of[k][p]! < 0) this.of[k][p] = g;
    }
    if (d.age !== undefined) {
      this.anyAge = true;
      const band = ageBand(d.age);
      const was = this.age[p]!;
      if (was < 0 || band < was) this.age[p] = band;
    }
  }
  tables(people: number): NonNullable<Aggregates['demographics']> {
    const out: NonNullable<Aggregates['demographics']> = {};
    for (const k of ['race', 'gender'] as const) {
      const seen = this.values[k];
      if (!seen.size) continue;
      const values = [...seen.keys()].sort();
      // Encounter order to sorted order.
      const sorted = new Int32Array(values.length);
      values.forEach((v, g) => (sorted[seen.get(v)!] = g));
      const counts = new Array<number>(values.length + 1).fill(0);
      for (let p = 0; p < people; p++) {
        const g = this.of[k][p]!;
        if (g >= 0) counts[sorted[g]!]!++;
      }
      // People none of whose cases says.
      counts[values.length] = people - counts.reduce((a, b) => a + b, 0);
      out[k] = [...values, ''].map((v, g) => ({ key: v === '' ? 'none' : v, label: v === '' ? 'Not recorded' : titleCase(v), people: counts[g]!, cases: 0, rows: 0 })).filter((g) => g.people > 0);
    }
    if (this.anyAge) {
      const counts = new Array<number>(AGE_BANDS.length + 1).fill(0);
      for (let p = 0; p < people; p++) if (this.age[p]! >= 0) counts[this.age[p]!]!++;
      counts[AGE_BANDS.length] = people - counts.reduce((a, b) => a + b, 0);
      out.age = [...AGE_BANDS.map((b) => b.label), 'Not recorded'].map((label, g) => ({ key: g < AGE_BANDS.length ? String(AGE_BANDS[g]!.from) : 'none', label, people: counts[g]!, cases: 0, rows: 0 })).filter((g) => g.people > 0);
    }
    return out;
  }
}

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s/-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
