/**
 * The small-cell rule: a number that comes from fewer than `k` people
 * (summary.small_cell, 11 by default) is withheld and shows "fewer than 11".
 * When a table prints its total, one withheld row could be worked out by
 * subtraction, so the smallest other row is withheld as well ("withheld").
 * Zero is a true zero and is shown.
 * A row's people decide for all its numbers: 40 cases of 3 people read "fewer than 11" too.
 */

/** A number as printed: its value, or null and why it is withheld. */
export interface Cell {
  /** Stable key for machines: "<table>.<row>.<column>". */
  key: string;
  value: number | null;
  text: string;
  withheld?: 'small' | 'complementary';
}

/** A row to print: the people behind it (which decide whether it is withheld) and its numbers. */
export interface RawRow {
  key: string;
  label: string;
  people: number;
  values: number[];
}

export interface PrintedRow {
  key: string;
  label: string;
  cells: Cell[];
}

/** Thousands grouped with commas, the same on every machine (no locale data). */
export function group(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  const out = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${out}` : out;
}

export const fewerThan = (k: number) => `fewer than ${group(k)}`;
export const COMPLEMENTARY = 'withheld';

/**
 * The rows with their cells, withheld where the rule says. `withTotal`: the table prints a total, so a
 * single withheld row takes a second one with it.
 */
export function withhold(table: string, columns: readonly string[], rows: readonly RawRow[], k: number, withTotal: boolean): PrintedRow[] {
  const small = rows.map((r) => r.people < k && r.values.some((v) => v > 0));
  const second = new Array<boolean>(rows.length).fill(false);
  if (withTotal && small.filter(Boolean).length === 1) {
    // The smallest other row with people in it (the first of equals).
    let pick = -1;
    rows.forEach((r, i) => {
      if (small[i] || !r.values.some((v) => v > 0)) return;
      if (pick < 0 || r.people < rows[pick]!.people) pick = i;
    });
    if (pick >= 0) second[pick] = true;
  }
  return rows.map((r, i) => ({
    key: r.key,
    label: r.label,
    cells: r.values.map((v, c) => cell(`${table}.${r.key}.${columns[c]}`, v, small[i] ? 'small' : second[i] ? 'complementary' : undefined, k)),
  }));
}

/** One number, withheld or not. */
export function cell(key: string, value: number, withheld: Cell['withheld'], k: number): Cell {
  if (withheld === 'small') return { key, value: null, text: fewerThan(k), withheld };
  if (withheld === 'complementary') return { key, value: null, text: COMPLEMENTARY, withheld };
  return { key, value, text: group(value) };
}

/** A number on its own (no table total to subtract from): withheld when its people are fewer than k. */
export function single(key: string, value: number, people: number, k: number): Cell {
  return cell(key, value, value > 0 && people < k ? 'small' : undefined, k);
}
