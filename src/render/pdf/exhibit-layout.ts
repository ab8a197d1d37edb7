/**
 * Exhibit pages: a cover, then the table of cases with its header repeated
 * on every page. Exhibits are exempt from the pleading format (rule 2.110):
 * no line numbers and no footer title, but page numbers continue.
 */
import { exhibitCells, volumeLines } from '../../model/exhibit';
import type { Exhibit } from '../../model/types';
import { extraCodePoints } from './charset';
import { ColumnNeeds, fitColumns } from '../exhibit-columns';
import { EXHIBIT, exhibitType, PAGE, TABLE_WIDTH } from '../pleading';
import type { FontKey, Metrics } from './fonts';
import { breakLines } from './text';
import { round } from './points';
import type { Item, Table } from './types';

const PAD = EXHIBIT.cellPadding;
const COVER = EXHIBIT.cover;

export function coverPage(ex: Exhibit, m: Metrics): Item[] {
  const items: Item[] = [];
  const centred = (text: string, y: number, size: number, font: FontKey) => items.push({ kind: 'text', x: round((PAGE.width - m.width(text, font, size)) / 2), y, size, font, text });
  centred(ex.title, 330, COVER.titleSize, 'bold');
  centred(ex.description, 362, COVER.descriptionSize, 'regular');
  // The volume's first line ("Volume 2 of 3") as large as the description. The DOCX sets it at lineSize:
  // a known difference between the formats, left as it is so the PDF's bytes stay the same.
  for (const [i, line] of volumeLines(ex).entries()) centred(line, 388 + i * 22, i === 0 ? COVER.descriptionSize : COVER.lineSize, 'regular');
  return items;
}

interface Col {
  x: number;
  width: number;
  align: 'left' | 'right';
}

/** The columns' widths, fitted to the exhibit's cells at its type size (shared with the DOCX). */
export function columnWidths(ex: Exhibit, m: Metrics): number[] {
  function* rows() {
    for (let i = 0; i < ex.cases.length; i++) yield exhibitCells(ex, ex.cases[i]!, i);
  }
  return fitColumns(ex, rows(), measureWith(m));
}

function columns(widths: readonly number[], ex: Exhibit): Col[] {
  let x = EXHIBIT.left;
  return ex.columns.map((c, i) => {
    const width = widths[i]!;
    const col = { x, width, align: c.align };
    x += width;
    return col;
  });
}

/** One cell's text wrapped to its column. */
function cellLines(t: string, col: Col, m: Metrics, font: FontKey, size: number): string[] {
  const w = col.width - 2 * PAD;
  if (m.width(t, font, size) <= w) return [t];
  return breakLines([{ text: t, font, underline: false }], m, size, w, w).map((l) => l.segments.map((s) => s.text).join(''));
}

/** Cell lines for one row: each cell wrapped to its column. */
function rowLines(cells: readonly string[], cols: Col[], m: Metrics, font: FontKey, size: number): string[][] {
  return cells.map((t, i) => cellLines(t, cols[i]!, m, font, size));
}

/**
 * Row lines for one table's rows (regular type): the columns whose values
 * repeat down the table (court, code sections, relief, ground) are wrapped
 * once per distinct value. The lines are shared between rows, and only read.
 * Columns `oneLine` are known to fit every cell on one line (ColumnNeeds.fits),
 * so they are not measured again.
 */
function rowWrapper(ex: Exhibit, cols: Col[], m: Metrics, size: number, oneLine?: readonly boolean[]): (cells: readonly string[]) => string[][] {
  const cache = ex.columns.map((c) => (REPEATING.has(c.key) ? new Map<string, string[]>() : undefined));
  return (cells) =>
    cells.map((t, i) => {
      const byText = cache[i];
      if (!byText) return oneLine?.[i] ? [t] : cellLines(t, cols[i]!, m, 'regular', size);
      let lines = byText.get(t);
      if (!lines) {
        if (byText.size >= 10_000) byText.clear();
        byText.set(t, (lines = cellLines(t, cols[i]!, m, 'regular', size)));
      }
      return lines;
    });
}

const REPEATING: ReadonlySet<string> = new Set(['court', 'code_sections', 'relief', 'ground']);

function rowHeight(lines: readonly string[][], line: number): number {
  let most = 1;
  for (const l of lines) if (l.length > most) most = l.length;
  return most * line + 2;
}
const bottomLimit = PAGE.height - EXHIBIT.bottom;
const headerLines = (ex: Exhibit, cols: Col[], m: Metrics) => rowLines(ex.columns.map((c) => c.header), cols, m, 'bold', exhibitType(ex.fontSize).size);

/** Told the number of rows on each page as it is measured (for progress). */
export type OnRows = (rows: number) => void;

/** Measure the table into pages, holding no positioned text. */
export function measureTable(ex: Exhibit, m: Metrics, onRows?: OnRows): Table {
  const pages = layOut(ex, m, false, onRows);
  for (let r = pages.next(); ; r = pages.next()) if (r.done) return r.value;
}

/**
 * Measure the table into pages and lay each page out as soon as it is full
 * (from the lines just measured), one page at a time: yields each page's
 * positioned lines, and returns the measured table. It yields null where the
 * pages yielded so far are void and it starts again from the first (a row
 * turned out wider than its column's share: see layOut).
 */
export function layOutPages(ex: Exhibit, m: Metrics, onRows?: OnRows): Generator<Item[] | null, Table, void> {
  return layOut(ex, m, true, onRows);
}

/**
 * The columns' widths are fitted to every cell (columnWidths) before a row is
 * laid out. Usually no column needs more than its share, and the shares are
 * the widths: so the rows are laid out at the shares in the same pass that
 * fits them, each row's cells made once; only if a row needs more (a long
 * case number, a larger type size) does it start again, with the widths
 * fitted to every row first. Either way the table is the same.
 */
function* layOut(ex: Exhibit, m: Metrics, place: boolean, onRows?: OnRows): Generator<Item[] | null, Table, void> {
  // Progress counts each row once, whichever pass measures it.
  let told = 0;
  let counted = 0;
  const tell = (rows: number) => {
    counted += rows;
    if (counted > told) onRows?.(counted - told), (told = counted);
  };
  const needs = new ColumnNeeds(ex, measureWith(m));
  if (needs.fits) {
    const t = yield* layOutAt(ex, m, place, [...needs.shares], needs, tell);
    if (t) return t;
    if (place) yield null;
    counted = 0;
  }
  return (yield* layOutAt(ex, m, place, columnWidths(ex, m), undefined, tell))!;
}

/** The table measured the long way: the widths fitted to every row first, then the rows laid out (what layOut does when a row does not fit). */
export function measureFitted(ex: Exhibit, m: Metrics): Table {
  const pages = layOutAt(ex, m, false, columnWidths(ex, m), undefined, () => {});
  for (let r = pages.next(); ; r = pages.next()) if (r.done) return r.value!;
}

const measureWith = (m: Metrics) => (t: string, bold: boolean, size: number) => m.width(t, bold ? 'bold' : 'regular', size);

/** Lay the rows out at `widths`; with `needs`, fit each row to it as well, and give up (undefined) when one needs more than its share. */
function* layOutAt(ex: Exhibit, m: Metrics, place: boolean, widths: number[], needs: ColumnNeeds | undefined, onRows: OnRows): Generator<Item[], Table | undefined, void> {
  const cols = columns(widths, ex);
  const { size, line } = exhibitType(ex.fontSize);
  const extra = { bold: new Set<number>(), regular: new Set<number>() };
  for (const c of ex.columns) extraCodePoints(c.header, extra.bold);
  const head = headerLines(ex, cols, m);
  const headHeight = rowHeight(head, line);
  const firstRows = [0];
  let page: string[][][] = [];
  let y = EXHIBIT.top + headHeight;
  const wrap = rowWrapper(ex, cols, m, size, needs?.oneLine);
  for (let i = 0; i < ex.cases.length; i++) {
    const cells = exhibitCells(ex, ex.cases[i]!, i);
    if (needs) {
      needs.add(cells);
      if (!needs.fits) return undefined;
    }
    for (const c of cells) extraCodePoints(c, extra.regular);
    const lines = wrap(cells);
    const need = rowHeight(lines, line);
    if (y + need > bottomLimit) {
      if (place) yield placeRows(head, page, cols, m, ex), (page = []);
      onRows(i - firstRows[firstRows.length - 1]!);
      firstRows.push(i);
      y = EXHIBIT.top + headHeight;
    }
    y += need;
    if (place) page.push(lines);
  }
  if (place) yield placeRows(head, page, cols, m, ex);
  onRows(ex.cases.length - firstRows[firstRows.length - 1]!);
  return { ex, metrics: m, widths, firstRows, extra };
}

/** Positioned lines of one page: the header, the rows (already wrapped), and the rules. */
function placeRows(head: string[][], rows: readonly string[][][], cols: Col[], m: Metrics, ex: Exhibit): Item[] {
  const { size, line } = exhibitType(ex.fontSize);
  const items: Item[] = [];
  let y = EXHIBIT.top;
  const drawRow = (lines: string[][], font: FontKey) => {
    lines.forEach((cell, i) => {
      const c = cols[i]!;
      cell.forEach((text, k) => {
        if (text === '') return;
        const x = c.align === 'right' ? c.x + c.width - PAD - m.width(text, font, size) : c.x + PAD;
        items.push({ kind: 'text', x: round(x), y: round(y + (k + 1) * line - 3), size, font, text });
      });
    });
    y += rowHeight(lines, line);
    items.push({ kind: 'rule', x1: EXHIBIT.left, y1: round(y), x2: round(EXHIBIT.left + TABLE_WIDTH), y2: round(y), width: font === 'bold' ? 0.75 : 0.25 });
  };
  items.push({ kind: 'rule', x1: EXHIBIT.left, y1: y, x2: round(EXHIBIT.left + TABLE_WIDTH), y2: y, width: 0.75 });
  drawRow(head, 'bold');
  for (const lines of rows) drawRow(lines, 'regular');
  // Vertical rules for the columns, from the top of the header to the last row.
  for (const x of [...cols.map((c) => c.x), EXHIBIT.left + TABLE_WIDTH]) items.push({ kind: 'rule', x1: round(x), y1: EXHIBIT.top, x2: round(x), y2: round(y), width: 0.5 });
  return items;
}

/** Positioned lines of table page `p`: the header, the rows, and the rules. */
export function tablePageItems(t: Table, p: number): Item[] {
  const { ex, metrics: m } = t;
  const cols = columns(t.widths, ex);
  const { size } = exhibitType(ex.fontSize);
  const end = p + 1 < t.firstRows.length ? t.firstRows[p + 1]! : ex.cases.length;
  const rows: string[][][] = [];
  const wrap = rowWrapper(ex, cols, m, size);
  for (let i = t.firstRows[p]!; i < end; i++) rows.push(wrap(exhibitCells(ex, ex.cases[i]!, i)));
  return placeRows(headerLines(ex, cols, m), rows, cols, m, ex);
}
