/**
 * An exhibit table is fitted and laid out in one pass, each row's cells made
 * once, while no column needs more than its share; a row that needs more
 * makes it start again with the widths fitted to every row. Either way the
 * table is the one measured the long way (widths first, then rows), the pages
 * drawn as it goes are those pages, and progress counts every row once.
 */
import { loadFonts } from '../src/io/fonts';
import { exhibitFor } from '../src/model/exhibit';
import type { Exhibit } from '../src/model/types';
import { createRenderContext } from '../src/render/pdf';
import { drawItems, OpsBuffer, type DrawFonts } from '../src/render/pdf/content';
import { columnWidths, measureFitted, tablePageItems } from '../src/render/pdf/exhibit-layout';
import { ColumnNeeds } from '../src/render/exhibit-columns';
import { laRun } from './helpers/documents';

const fonts = loadFonts();
const measure = (t: string, bold: boolean, size: number) => fonts.metrics.width(t, bold ? 'bold' : 'regular', size);
let plain: Exhibit;

beforeAll(async () => {
  const r = await laRun();
  plain = exhibitFor([...r.plan!.filings].sort((a, b) => b.caseCount - a.caseCount)[0]!, r.config!);
});

/** The exhibit with a case number too long for its column's share at row `at`. */
const longAt = (ex: Exhibit, at: number): Exhibit => {
  const cases = [...ex.cases];
  cases.splice(at, 0, { ...cases[at]!, caseNumber: `BA${'9'.repeat(30)}` });
  return { ...ex, cases };
};

/** Each shape: whether the shares stand, and whether the header alone already needs more. */
const shapes: Array<[string, (ex: Exhibit) => Exhibit, boolean, boolean]> = [
  ['every row fits the shares', (ex) => ex, true, true],
  ['the last row does not fit', (ex) => longAt(ex, ex.cases.length - 1), false, true],
  ['a row in the middle does not fit', (ex) => longAt(ex, ex.cases.length >> 1), false, true],
  ['12 pt: the header does not fit', (ex) => ({ ...ex, fontSize: 12 }), false, false],
];

describe.each(shapes)('%s', (_, shape, fits, headerFits) => {
  let ex: Exhibit;
  beforeAll(() => {
    ex = shape(plain);
    // The case this shape is about, and pages before the row that does not fit.
    const needs = new ColumnNeeds(ex, measure);
    expect(needs.fits).toBe(headerFits);
    expect(columnWidths(ex, fonts.metrics).every((w, i) => w === needs.shares[i])).toBe(fits);
    expect(measureFitted(ex, fonts.metrics).firstRows.length).toBeGreaterThan(3);
  });

  test('measured: the table measured the long way; progress counts each row once', () => {
    const told: number[] = [];
    const t = createRenderContext(fonts).tables.table(ex, (n) => told.push(n));
    const long = measureFitted(ex, fonts.metrics);
    expect({ widths: t.widths, firstRows: t.firstRows, extra: t.extra }).toEqual({ widths: long.widths, firstRows: long.firstRows, extra: long.extra });
    expect(told.every((n) => n > 0)).toBe(true);
    expect(told.reduce((a, b) => a + b, 0)).toBe(ex.cases.length);
  });

  test('drawn as it is measured: the same table, and each page drawn is that page', async () => {
    const ctx = createRenderContext(fonts);
    const regular = await ctx.subsets.face('regular');
    const bold = await ctx.subsets.face('bold');
    const told: number[] = [];
    const t = ctx.tables.draw(ex, regular, bold, (n) => told.push(n));
    const long = measureFitted(ex, fonts.metrics);
    expect({ widths: t.widths, firstRows: t.firstRows }).toEqual({ widths: long.widths, firstRows: long.firstRows });
    expect(told.reduce((a, b) => a + b, 0)).toBe(ex.cases.length);
    const draw: DrawFonts = { codes: (face) => (face === 'bold' ? bold : regular).codes, width: () => 0 };
    const ops = new OpsBuffer();
    for (let p = 0; p < t.firstRows.length; p++) {
      // The stream kept while measuring (the key it was drawn with), against the page laid out from the table now.
      const kept = ctx.tables.stream(t, p, draw, `${regular.key}|${bold.key}`);
      const fresh = drawItems(tablePageItems(long, p), draw, ops);
      expect([p, Buffer.from(kept.bytes).equals(Buffer.from(fresh.bytes))]).toEqual([p, true]);
    }
  });
});
