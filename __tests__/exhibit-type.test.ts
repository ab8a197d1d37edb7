/**
 * exhibit.font_size (9-12 pt): both renderers set the table in it, and the
 * columns are fitted so that the one-line columns (row, case number, date,
 * relief) never wrap, at 9 pt as at 12 pt.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../src/config/load';
import { loadFonts } from '../src/io/fonts';
import { composeDocument } from '../src/compose';
import { compileSet } from '../src/compose/handlebars';
import { loadTemplates } from '../src/io/templates';
import { exhibitCells } from '../src/model/exhibit';
import type { Exhibit } from '../src/model/types';
import { renderDocx } from '../src/render/docx';
import { createRenderContext } from '../src/render/pdf';
import { pageItems } from '../src/render/pdf/layout';
import { EXHIBIT, TABLE_WIDTH, twips } from '../src/render/pleading';
import { docxPart, laRun, root } from './helpers/documents';

const configFile = path.join(root, 'samples', 'los-angeles', 'config.yaml');
const withSize = (size: number) => readFileSync(configFile, 'utf8').replace(/^exhibit:\n/m, `exhibit:\n  font_size: ${size}\n`);
const m = loadFonts().metrics;
const ONE_LINE = ['row', 'case_number', 'conviction_date', 'relief'];

test('exhibit.font_size: 9 by default, 9-12 accepted, others refused', () => {
  expect(parseConfig(readFileSync(configFile, 'utf8'), configFile).config!.exhibit.font_size).toBe(9);
  expect(parseConfig(withSize(12), configFile).config!.exhibit.font_size).toBe(12);
  for (const bad of [8, 13]) expect(parseConfig(withSize(bad), configFile).config).toBeUndefined();
});

describe.each([9, 12])('at %i pt, on the Los Angeles sample', (size) => {
  let exhibits: Exhibit[];
  beforeAll(async () => {
    const r = await laRun(withSize(size), configFile);
    const t = await loadTemplates(configFile, undefined);
    const { compiled } = compileSet(t.set!);
    // The exhibits as the motions carry them: the Relief column in the law table's words.
    exhibits = r.plan!.filings.filter((f) => !f.challenge).map((f) => {
      const model = composeDocument('motion', f, r.config!, '2026-11-26', { compiled: compiled!, set: t.set! }).model!;
      const part = model.parts.find((p) => p.kind === 'exhibit')!;
      return part.kind === 'exhibit' ? part.exhibit : (undefined as never);
    });
  });

  test('the PDF sets every cell in that size, and the one-line columns never wrap', () => {
    const ctx = createRenderContext(loadFonts());
    for (const ex of exhibits) {
      expect(ex.fontSize).toBe(size);
      const t = ctx.tables.table(ex);
      expect(t.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(TABLE_WIDTH, 6);
      ex.columns.forEach((c, i) => {
        if (!ONE_LINE.includes(c.key)) return;
        for (let r = 0; r < ex.cases.length; r++) {
          const cell = exhibitCells(ex, ex.cases[r]!, r)[i]!;
          expect(m.width(cell, 'regular', size) + 2 * EXHIBIT.cellPadding).toBeLessThanOrEqual(t.widths[i]!);
        }
      });
      // Laid out: each row's relief is one text item, in the table's size.
      const items = t.firstRows.flatMap((_, p) => pageItems({ kind: 'exhibit', items: [], table: { table: t, page: p } }));
      const texts = items.filter((it) => it.kind === 'text');
      for (const it of texts) expect(it.kind === 'text' && it.size).toBe(size);
      const labels = new Set(ex.cases.map((c, r) => exhibitCells(ex, c, r)[ex.columns.findIndex((k) => k.key === 'relief')]!));
      for (const label of labels) expect(texts.filter((it) => it.kind === 'text' && it.text === label).length).toBe(ex.cases.length);
    }
  });

  test('the DOCX has the same columns and type size', async () => {
    const ex = exhibits.find((e) => e.cases.length > 20)!;
    const t = createRenderContext(loadFonts()).tables.table(ex);
    const model = { kind: 'motion', title: 'T', footer: 'F', author: 'A', subject: 'S', parts: [{ kind: 'exhibit' as const, exhibit: ex }] };
    const xml = await docxPart(await renderDocx(model, { asOf: '2026-11-26', metrics: loadFonts().metrics }), 'word/document.xml');
    const grid = [.../<w:tblGrid>(.*?)<\/w:tblGrid>/.exec(xml)![1]!.matchAll(/w:w="(\d+)"/g)].map((g) => Number(g[1]));
    grid.slice(0, -1).forEach((w, i) => expect(Math.abs(w - twips(t.widths[i]!))).toBeLessThanOrEqual(1));
    const styles = await docxPart(await renderDocx(model, { asOf: '2026-11-26', metrics: loadFonts().metrics }), 'word/styles.xml');
    expect(styles).toMatch(new RegExp(`w:styleId="BMc"[\\s\\S]*?<w:sz w:val="${size * 2}"/>`));
  });
});
