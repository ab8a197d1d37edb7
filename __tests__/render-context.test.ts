/**
 * The PDF render context: what a run keeps between documents (measured
 * tables, font subsets) is the run's own, keyed by what it depends on, and
 * let go when the run says so.
 */
import { loadFonts } from '../src/io/fonts';
import { exhibitFor } from '../src/model/exhibit';
import type { Exhibit } from '../src/model/types';
import { createRenderContext } from '../src/render/pdf';
import { laRun } from './helpers/documents';

const fonts = loadFonts();
let ex: Exhibit;

beforeAll(async () => {
  const r = await laRun();
  const largest = [...r.plan!.filings].sort((a, b) => b.caseCount - a.caseCount)[0]!;
  ex = exhibitFor(largest, r.config!);
});

test('a table is measured once per run: the order finds the motion’s, a different shape is measured anew', () => {
  const ctx = createRenderContext(fonts);
  const t = ctx.tables.table(ex);
  // The order's exhibit: the same case list, its own (equal) court names.
  expect(ctx.tables.table({ ...ex, courtNames: new Map(ex.courtNames) })).toBe(t);
  expect(ctx.tables.table({ ...ex, firstRow: 100 })).not.toBe(t);
  expect(ctx.tables.table({ ...ex, columns: ex.columns.map((c, i) => (i === 0 ? { ...c, width: c.width * 3 } : c)) })).not.toBe(t);
  ctx.forgetTable(ex.cases);
  expect(ctx.tables.table(ex)).not.toBe(t);
});

test('two runs share nothing: each measures with its own metrics', () => {
  const wide = createRenderContext({ bytes: fonts.bytes, metrics: { width: (text, font, size) => 2 * fonts.metrics.width(text, font, size) } });
  const plain = createRenderContext(fonts).tables.table(ex);
  const doubled = wide.tables.table(ex);
  expect(doubled).not.toBe(plain);
  expect(doubled.firstRows.length).toBeGreaterThan(plain.firstRows.length);
});

test('font subsets are made once per face and character set, and again after dispose', async () => {
  const ctx = createRenderContext(fonts);
  const regular = await ctx.subsets.face('regular');
  expect(await ctx.subsets.face('regular', [0x41])).toBe(regular); // a base character adds nothing
  expect(await ctx.subsets.face('bold')).not.toBe(regular);
  expect((await ctx.subsets.face('regular', [0x416])).key).toBe('regular:416');
  ctx.dispose();
  expect(await ctx.subsets.face('regular')).not.toBe(regular);
});
