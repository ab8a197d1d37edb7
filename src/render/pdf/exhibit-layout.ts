/**
 * Exhibit pages: a cover, then the table of cases with its header repeated
 * on every page. Exhibits are exempt from the pleading format (rule 2.110):
 * no line numbers and no footer title, but page numbers continue.
 */
import { exhibitCells, volumeLines } from '../../model/exhibit';
import type { Exhibit } from '../../model/types';
import { EXHIBIT, PAGE } from '../pleading';
import type { FontKey, Metrics } from './fonts';
import { breakLines } from './text';
import type { Item } from './types';
import { round } from './pleading-layout';

const PAD = 3;
const TABLE_W = PAGE.width - EXHIBIT.left - EXHIBIT.right;

export function coverPage(ex: Exhibit, m: Metrics): Item[] {
  const items: Item[] = [];
  const centred = (text: string, y: number, size: number, font: FontKey) => items.push({ kind: 'text', x: round((PAGE.width - m.width(text, font, size)) / 2), y, size, font, text });
  centred(ex.title, 330, 28, 'bold');
  centred(ex.description, 362, 14, 'regular');
  for (const [i, line] of volumeLines(ex).entries()) centred(line, 388 + i * 22, i === 0 ? 14 : 12, 'regular');
  return items;
}

interface Col {
  x: number;
  width: number;
  align: 'left' | 'right';
}

function columns(ex: Exhibit): Col[] {
  const total = ex.columns.reduce((n, c) => n + c.width, 0);
  let x = EXHIBIT.left;
  return ex.columns.map((c) => {
    const width = (TABLE_W * c.width) / total;
    const col = { x, width, align: c.align };
    x += width;
    return col;
  });
}

/** Cell lines for one row: each cell wrapped to its column. */
function rowLines(cells: readonly string[], cols: Col[], m: Metrics, font: FontKey): string[][] {
  return cells.map((t, i) => {
    const w = cols[i]!.width - 2 * PAD;
    if (m.width(t, font, EXHIBIT.fontSize) <= w) return [t];
    return breakLines([{ text: t, font, underline: false }], m, EXHIBIT.fontSize, w, w).map((l) => l.segments.map((s) => s.text).join(''));
  });
}

interface TableLayout {
  pages: Item[][];
  /** Index (into ex.cases) of the first row on each page. */
  firstRows: number[];
}

/**
 * The motion and the order carry the same exhibit: lay its table out once.
 * Keyed by the case list itself, which both documents' models share.
 */
let tableCache = new WeakMap<readonly unknown[], Map<string, TableLayout>>();

/** Forget the laid-out tables (the documents' caller does this after each filing, to bound memory). */
export function forgetTables(): void {
  tableCache = new WeakMap();
}

/** Forget one exhibit's (or volume's) laid-out table once every document using it is drawn. */
export function forgetTable(cases: readonly unknown[]): void {
  tableCache.delete(cases);
}

function cached(ex: Exhibit, m: Metrics, measureOnly: boolean): TableLayout {
  const key = `${measureOnly ? 'm' : 'p'}:${ex.firstRow}:${ex.columns.map((c) => c.key).join(',')}`;
  let byKey = tableCache.get(ex.cases);
  if (!byKey) tableCache.set(ex.cases, (byKey = new Map()));
  let hit = byKey.get(key);
  if (!hit) byKey.set(key, (hit = layoutTable(ex, m, measureOnly)));
  return hit;
}

/** Table pages, header repeated on each. The pages are shared: don't mutate them. */
export function tablePages(ex: Exhibit, m: Metrics): Item[][] {
  return cached(ex, m, false).pages;
}

/**
 * The first row (index into ex.cases) of each table page: where volumes may
 * split. Measures only, holding no positioned text, so a statewide exhibit can
 * be planned into volumes without laying all of it out at once.
 */
export function tablePageRows(ex: Exhibit, m: Metrics): number[] {
  return cached(ex, m, true).firstRows;
}

function layoutTable(ex: Exhibit, m: Metrics, measureOnly: boolean): TableLayout {
  const firstRows: number[] = [];
  const cols = columns(ex);
  const head = rowLines(ex.columns.map((c) => c.header), cols, m, 'bold');
  const bottomLimit = PAGE.height - EXHIBIT.bottom;
  const pages: Item[][] = [];
  let items: Item[] = [];
  let y = 0;
  const drawRow = (lines: string[][], font: FontKey) => {
    const n = Math.max(1, ...lines.map((l) => l.length));
    const h = n * EXHIBIT.rowHeight + 2;
    if (measureOnly) {
      y += h;
      return h;
    }
    lines.forEach((cell, i) => {
      const c = cols[i]!;
      cell.forEach((t, k) => {
        if (t === '') return;
        const x = c.align === 'right' ? c.x + c.width - PAD - m.width(t, font, EXHIBIT.fontSize) : c.x + PAD;
        items.push({ kind: 'text', x: round(x), y: round(y + (k + 1) * EXHIBIT.rowHeight - 3), size: EXHIBIT.fontSize, font, text: t });
      });
    });
    y += h;
    items.push({ kind: 'rule', x1: EXHIBIT.left, y1: round(y), x2: round(EXHIBIT.left + TABLE_W), y2: round(y), width: font === 'bold' ? 0.75 : 0.25 });
    return h;
  };
  const startPage = () => {
    items = [];
    if (!measureOnly) pages.push(items);
    y = EXHIBIT.top;
    if (!measureOnly) items.push({ kind: 'rule', x1: EXHIBIT.left, y1: y, x2: round(EXHIBIT.left + TABLE_W), y2: y, width: 0.75 });
    drawRow(head, 'bold');
  };
  const closePage = () => {
    if (measureOnly) return;
    // Vertical rules for the columns, from the top of the header to the last row.
    for (const x of [...cols.map((c) => c.x), EXHIBIT.left + TABLE_W]) items.push({ kind: 'rule', x1: round(x), y1: EXHIBIT.top, x2: round(x), y2: round(y), width: 0.5 });
  };
  startPage();
  firstRows.push(0);
  for (let i = 0; i < ex.cases.length; i++) {
    const lines = rowLines(exhibitCells(ex, ex.cases[i]!, i), cols, m, 'regular');
    const need = Math.max(1, ...lines.map((l) => l.length)) * EXHIBIT.rowHeight + 2;
    if (y + need > bottomLimit) {
      closePage();
      startPage();
      firstRows.push(i);
    }
    drawRow(lines, 'regular');
  }
  closePage();
  return { pages, firstRows };
}
