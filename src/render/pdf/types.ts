/**
 * The PDF layout's output: pages of positioned text and rules, in points,
 * with y measured DOWN from the top of the page (the drawing step flips it).
 * This is what the golden tests dump.
 */
import type { Exhibit } from '../../model/types';
import type { FontKey, Metrics } from './fonts';

export interface TextItem {
  kind: 'text';
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  size: number;
  font: FontKey;
  text: string;
  underline?: boolean;
}

export interface RuleItem {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
}

export type Item = TextItem | RuleItem;

/**
 * A measured exhibit table: where each page starts. Pages are laid out one at
 * a time (tablePageItems, or layOutPages), so a statewide table is never
 * held as positioned text all at once; the drawing keeps each page's
 * finished stream instead (table-streams.ts).
 */
export interface Table {
  ex: Exhibit;
  metrics: Metrics;
  /** The columns' widths in points (fitColumns). */
  widths: readonly number[];
  /** Index (into ex.cases) of the first row on each page; the last page runs to the end. */
  firstRows: readonly number[];
  /** Characters outside the fonts' base set, by face (the header is bold, the rows regular). */
  extra: { bold: ReadonlySet<number>; regular: ReadonlySet<number> };
}

export interface LaidPage {
  kind: 'pleading' | 'exhibit';
  /** The page's own items; on a table page, what follows the table (its number). */
  items: Item[];
  /**
   * A page of an exhibit table, laid out when drawn (tablePageItems) and
   * drawn once for the motion and the order, which share the table.
   */
  table?: { table: Table; page: number };
}

export interface OutlineEntry {
  title: string;
  page: number;
  /** Top of the destination, from the top of the page. */
  y: number;
  children: OutlineEntry[];
}

export interface LaidDocument {
  pages: LaidPage[];
  outline: OutlineEntry[];
  title: string;
  author: string;
  subject: string;
}
