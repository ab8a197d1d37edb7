/**
 * Exhibit table pages as finished content streams. Each page is laid out,
 * drawn and deflated once, while the table is measured (drawTable), then
 * used by both documents of the filing: the motion and the order carry the
 * same table, and a volume's pages are its exhibit's pages. Kept weakly by
 * table, so the streams go when the documents' caller forgets the table.
 */
import type { Exhibit } from '../../model/types';
import { drawItems, type DrawFonts, type Stream } from './content';
import { cachedTable, layOutPages, rememberTable, tablePageItems } from './exhibit-layout';
import type { FaceSubset } from './font-set';
import type { Metrics } from './fonts';
import type { Table } from './types';

interface Drawn {
  /** The glyph tables the streams were encoded with (tableKey). */
  key: string;
  pages: Array<Stream | undefined>;
}

const drawn = new WeakMap<Table, Drawn>();

/** Which glyph tables a table's streams were drawn with: the header is bold, the rows regular. */
export function tableKey(regular: FaceSubset | undefined, bold: FaceSubset | undefined): string {
  return `${regular?.key ?? ''}|${bold?.key ?? ''}`;
}

/** Page `page` of the table, drawn with `fonts` (identified by `key`): kept from before, or drawn now. */
export function tableStream(t: Table, page: number, fonts: DrawFonts, key: string): Stream {
  let d = drawn.get(t);
  if (!d || d.key !== key) drawn.set(t, (d = { key, pages: new Array(t.firstRows.length) }));
  return (d.pages[page] ??= drawItems(tablePageItems(t, page), fonts));
}

/**
 * Measure the exhibit's table and draw every page in the same pass, with the
 * base glyph tables. If a cell turns out to need characters outside the base
 * set, the streams are dropped and the documents draw those pages with their
 * own.
 */
export function drawTable(ex: Exhibit, m: Metrics, regular: FaceSubset, bold: FaceSubset): Table {
  const known = cachedTable(ex);
  if (known && drawn.has(known)) return known;
  const fonts: DrawFonts = {
    codes: (face) => (face === 'bold' ? bold : regular).codes,
    width: () => 0, // no underlines in a table
  };
  const pages: Stream[] = [];
  const layout = layOutPages(ex, m);
  let r = layout.next();
  for (; !r.done; r = layout.next()) pages.push(drawItems(r.value, fonts));
  const t = r.value;
  rememberTable(t);
  if (t.extra.regular.size === 0 && t.extra.bold.size === 0) drawn.set(t, { key: tableKey(regular, bold), pages });
  return t;
}

/** The table of one volume of `parent` (pages `from` to `to`), sharing its pages' streams. */
export function volumeTable(parent: Table, ex: Exhibit, from: number, to: number): Table {
  const first = parent.firstRows[from]!;
  const t: Table = { ex, metrics: parent.metrics, firstRows: parent.firstRows.slice(from, to).map((r) => r - first), extra: parent.extra };
  rememberTable(t);
  const d = drawn.get(parent);
  if (d) drawn.set(t, { key: d.key, pages: d.pages.slice(from, to) });
  return t;
}
