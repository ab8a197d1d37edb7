/**
 * The exhibit table's column widths, in points, for both renderers. Columns
 * get their configured share of the table's width; then each column whose
 * values must stay on one line (row number, case number, dates, relief, CII)
 * grows to its widest value at the table's type size, taking the room from
 * the columns that wrap (court, code sections, name), never below their
 * longest word. At the default 9 pt nothing needs to grow and the shares
 * stand; at 12 pt the fixed columns widen and the court column wraps more.
 */
import type { Exhibit } from '../model/types';
import { EXHIBIT, exhibitType, TABLE_WIDTH } from './pleading';

/** The width of `text` in points at `size`, bold or regular. */
export type Measure = (text: string, bold: boolean, size: number) => number;

const ONE_LINE: ReadonlySet<string> = new Set(['row', 'case_number', 'conviction_date', 'relief', 'dob', 'cii']);

/** A little room beyond the measured width: office suites round widths differently. */
const SLACK = 1;

const longestWord = (text: string, bold: boolean, size: number, measure: Measure) => Math.max(0, ...text.split(/\s+/).map((w) => measure(w, bold, size)));

export function fitColumns(ex: Exhibit, rows: Iterable<readonly string[]>, measure: Measure): number[] {
  const needs = new ColumnNeeds(ex, measure);
  for (const cells of rows) needs.add(cells);
  return needs.widths();
}

/**
 * fitColumns row by row: what each column needs, from the header and the
 * rows added so far. While no column needs more than its share (`fits`), the
 * shares are the widths, so a caller can lay the rows out at the shares as it
 * adds them, and start again only if a row turns out not to fit.
 */
export class ColumnNeeds {
  /** Each column's configured share of the table's width. */
  readonly shares: readonly number[];
  /**
   * The one-line columns. While `fits`, each of their cells added so far is
   * narrower than the column's share less its padding: it needs no wrapping.
   */
  readonly oneLine: readonly boolean[];
  private readonly need: number[];
  /** A wrapping column repeats a few values (court names, code sections) over a whole exhibit: each is split into words and measured once. */
  private readonly seen: Array<Set<string>>;
  /** Each column's value in the row before. */
  private readonly last: string[];
  private readonly size: number;
  private readonly pad = 2 * EXHIBIT.cellPadding;
  /** No column needs more than its share so far. */
  fits: boolean;

  constructor(
    ex: Exhibit,
    private readonly measure: Measure,
  ) {
    this.size = exhibitType(ex.fontSize).size;
    const total = ex.columns.reduce((n, c) => n + c.width, 0);
    this.shares = ex.columns.map((c) => (TABLE_WIDTH * c.width) / total);
    this.oneLine = ex.columns.map((c) => ONE_LINE.has(c.key));
    // What each column needs: a one-line column its widest value, a wrapping one its longest word.
    this.need = ex.columns.map((c) => longestWord(c.header, true, this.size, measure) + this.pad + SLACK);
    this.seen = ex.columns.map(() => new Set<string>());
    this.last = ex.columns.map(() => '');
    this.fits = this.need.every((n, i) => n <= this.shares[i]!);
  }

  add(cells: readonly string[]): void {
    const { need, shares, size, measure } = this;
    for (let i = 0; i < cells.length; i++) {
      const t = cells[i]!;
      if (t === '') continue;
      let w: number;
      if (this.oneLine[i]) {
        // A one-line column's value is often the row before's (the relief): measured once.
        if (t === this.last[i]) continue;
        this.last[i] = t;
        w = measure(t, false, size);
      } else {
        const s = this.seen[i]!;
        if (s.has(t)) continue;
        if (s.size < 10_000) s.add(t);
        w = longestWord(t, false, size, measure);
      }
      w = w + this.pad + SLACK;
      if (w > need[i]!) {
        need[i] = w;
        if (w > shares[i]!) this.fits = false;
      }
    }
  }

  /** The columns' widths for the rows added. */
  widths(): number[] {
    const widths = [...this.shares];
    const need = this.need;
    const grow = widths.reduce((n, w, i) => n + Math.max(0, need[i]! - w), 0);
    if (grow === 0) return widths;
    const spare = widths.map((w, i) => (need[i]! < w ? w - need[i]! : 0));
    const room = spare.reduce((a, b) => a + b, 0);
    if (room <= 0) return widths;
    // Take what the short columns need from the others' spare room, in proportion to it.
    const take = Math.min(1, grow / room);
    const out = widths.map((w, i) => (need[i]! > w ? w : w - spare[i]! * take));
    const given = room * take;
    const short = widths.map((w, i) => Math.max(0, need[i]! - w));
    return out.map((w, i) => (short[i]! > 0 ? w + (short[i]! * given) / grow : w));
  }
}
