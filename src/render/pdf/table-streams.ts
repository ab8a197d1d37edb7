/**
 * One run's exhibit tables, measured once and drawn once. The motion and the
 * order carry the same exhibit, so its table is measured for the first and
 * found again for the second; each table page is laid out, drawn and deflated
 * once, while the table is measured (draw), and the finished streams are used
 * by both documents, and by the volumes cut from the table. The run's render
 * context holds one of these and forgets tables as their documents are done.
 */
import type { Exhibit } from '../../model/types';
import { drawItems, type DrawFonts, type OpsBuffer, type Stream } from './content';
import { layOutPages, measureTable, tablePageItems, type OnRows } from './exhibit-layout';
import type { FaceSubset } from './font-set';
import type { Metrics } from './fonts';
import type { Table } from './types';

interface Drawn {
  /** The glyph tables the streams were encoded with (tableKey). */
  key: string;
  pages: Array<Stream | undefined>;
}

/** Which glyph tables a table's streams were drawn with: the header is bold, the rows regular. */
export function tableKey(regular: FaceSubset | undefined, bold: FaceSubset | undefined): string {
  return `${regular?.key ?? ''}|${bold?.key ?? ''}`;
}

/**
 * Everything a table's pages depend on besides its case list and the run's
 * metrics: where its row numbers start, its columns, and the court names its
 * cells print. The motion's and the order's exhibits agree on all of it.
 */
const shapeKey = (ex: Exhibit) =>
  JSON.stringify([ex.firstRow, ex.columns.map((c) => [c.key, c.header, c.width, c.align]), [...ex.courtNames], ex.fontSize ?? null]);

export class ExhibitTables {
  /** By case list (both documents' models share it), then by shapeKey. */
  private measured = new WeakMap<readonly unknown[], Map<string, Table>>();
  private drawn = new WeakMap<Table, Drawn>();

  /** Tables are measured with `metrics`, and drawn through `ops`: the run's. */
  constructor(
    private readonly metrics: Metrics,
    private readonly ops: OpsBuffer,
  ) {}

  private byShape(ex: Exhibit): Map<string, Table> {
    let byKey = this.measured.get(ex.cases);
    if (!byKey) this.measured.set(ex.cases, (byKey = new Map()));
    return byKey;
  }

  /** The exhibit's table, measured into pages: the same object for the motion and the order. `onRows`: told as rows are measured (all at once when known). */
  table(ex: Exhibit, onRows?: OnRows): Table {
    const byKey = this.byShape(ex);
    const key = shapeKey(ex);
    let hit = byKey.get(key);
    if (!hit) byKey.set(key, (hit = measureTable(ex, this.metrics, onRows)));
    else onRows?.(ex.cases.length);
    return hit;
  }

  /**
   * Measure the exhibit's table and draw every page in the same pass, with
   * the base glyph tables. If a cell turns out to need characters outside the
   * base set, the streams are dropped and the documents draw those pages with
   * their own.
   */
  draw(ex: Exhibit, regular: FaceSubset, bold: FaceSubset, onRows?: OnRows): Table {
    const known = this.measured.get(ex.cases)?.get(shapeKey(ex));
    if (known && this.drawn.has(known)) {
      onRows?.(ex.cases.length);
      return known;
    }
    const fonts: DrawFonts = {
      codes: (face) => (face === 'bold' ? bold : regular).codes,
      width: () => 0, // no underlines in a table
    };
    const pages: Stream[] = [];
    const layout = layOutPages(ex, this.metrics, onRows);
    let r = layout.next();
    for (; !r.done; r = layout.next()) {
      if (r.value) pages.push(drawItems(r.value, fonts, this.ops));
      else pages.length = 0; // the layout started again: the pages so far are void
    }
    const t = r.value;
    this.byShape(ex).set(shapeKey(ex), t);
    if (t.extra.regular.size === 0 && t.extra.bold.size === 0) this.drawn.set(t, { key: tableKey(regular, bold), pages });
    return t;
  }

  /** Page `page` of the table, drawn with `fonts` (identified by `key`): kept from before, or drawn now. */
  stream(t: Table, page: number, fonts: DrawFonts, key: string): Stream {
    let d = this.drawn.get(t);
    if (!d || d.key !== key) this.drawn.set(t, (d = { key, pages: new Array(t.firstRows.length) }));
    return (d.pages[page] ??= drawItems(tablePageItems(t, page), fonts, this.ops));
  }

  /** The table of one volume of `parent` (pages `from` to `to`), sharing its pages' streams. */
  volume(parent: Table, ex: Exhibit, from: number, to: number): Table {
    const first = parent.firstRows[from]!;
    const t: Table = { ex, metrics: parent.metrics, widths: parent.widths, firstRows: parent.firstRows.slice(from, to).map((r) => r - first), extra: parent.extra };
    this.byShape(ex).set(shapeKey(ex), t);
    const d = this.drawn.get(parent);
    if (d) this.drawn.set(t, { key: d.key, pages: d.pages.slice(from, to) });
    return t;
  }

  /** Forget one exhibit's (or volume's) tables, and their streams. */
  forget(cases: readonly unknown[]): void {
    this.measured.delete(cases);
  }

  /** Forget every table. */
  clear(): void {
    this.measured = new WeakMap();
    this.drawn = new WeakMap();
  }
}
