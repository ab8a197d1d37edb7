/**
 * The PDF layout and drawing, without external tools: a golden dump of the
 * positioned lines for a small filing (compared only; `npm run accept` writes
 * it), baselines on the 28-line grid, every case exactly once, volumes that
 * lose nothing, reproducible bytes.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { renderDocuments } from '../src/documents';
import { loadFonts } from '../src/io/fonts';
import { loadTemplates } from '../src/io/templates';
import { volumeRanges } from '../src/model/volumes';
import { GRID, PLEADING } from '../src/render/pleading';
import { pageItems } from '../src/render/pdf/layout';
import type { LaidDocument, TextItem } from '../src/render/pdf/types';
import { runPipeline } from '../src/pipeline';
import { gogenCondensedLines } from '../src/samples/gogen-generator';
import { docxPart, laidDocument, root, tableRows } from './helpers/documents';
import { inglewoodMotionLayout, readGolden } from './helpers/golden';

const fonts = loadFonts();
const CONFIG = path.join(root, 'samples', 'los-angeles', 'config.yaml');

const laid = laidDocument;

const texts = (items: LaidDocument['pages'][number]['items']) => items.filter((i): i is TextItem => i.kind === 'text');

test('golden positioned lines for a small filing', async () => {
  expect(await inglewoodMotionLayout()).toBe(readGolden('inglewood-motion.layout.txt'));
});

test.each([
  ['da-felony-dismiss-and-seal', 'motion'],
  ['da-felony-dismiss-and-seal', 'order'],
  ['long-beach-misdemeanor-dismiss-and-seal', 'order'],
] as const)('%s %s: 28 numbers on every pleading page, and the body text on them', async (id, kind) => {
  const { doc } = await laid(id, kind);
  const grid = Array.from({ length: GRID.lines }, (_, i) => PLEADING.top + i * GRID.pitch + 17);
  const pleading = doc.pages.filter((p) => p.kind === 'pleading');
  expect(pleading.length).toBeGreaterThan(1);
  pleading.forEach((p, pageIndex) => {
    const t = texts(pageItems(p));
    const numbers = t.filter((i) => i.x < PLEADING.ruleX && i.size === 12);
    expect(numbers.map((n) => n.text)).toEqual(grid.map((_, i) => String(i + 1)));
    expect(numbers.map((n) => n.y)).toEqual(grid);
    // Body text at 12 pt: on a grid line, except the single-spaced attorney block above line 8 of page 1.
    const body = t.filter((i) => i.x >= PLEADING.left && i.size === 12 && i.y < PLEADING.top + GRID.lines * GRID.pitch);
    const off = body.filter((i) => !grid.includes(i.y) && !(pageIndex === 0 && i.y < grid[7]!));
    expect(off.map((i) => `${i.text}@${i.y}`)).toEqual([]);
    // The footer title, 10 pt, below the page number.
    const pageNo = t.find((i) => i.text === String(pageIndex + 1) && i.y === PLEADING.pageNumberBaseline);
    const footer = t.find((i) => i.size === PLEADING.footerTitleSize && i.y === PLEADING.footerTitleBaseline);
    expect(pageNo).toBeDefined();
    expect(footer!.y).toBeGreaterThan(pageNo!.y);
  });
});

test('the exhibit gives every case number exactly once, and the index of exhibits its page', async () => {
  const { doc, caseNumbers } = await laid('da-felony-dismiss-and-seal', 'motion');
  const exhibitText = doc.pages.filter((p) => p.kind === 'exhibit').flatMap((p) => texts(pageItems(p)).map((i) => i.text));
  for (const n of caseNumbers) expect(exhibitText.filter((t) => t === n)).toHaveLength(1);
  const cover = doc.pages.findIndex((p) => p.kind === 'exhibit');
  const indexLine = doc.pages.flatMap((p) => texts(pageItems(p))).filter((i) => i.text.includes('Exhibit A: List of'));
  expect(indexLine.map((i) => i.text).join(' ')).toContain(`page ${cover + 1}`);
  // The sample's District Attorney has a reviewing attorney's declaration and a proof of service.
  expect(doc.outline.map((o) => o.title)).toEqual([doc.title, 'MEMORANDUM OF POINTS AND AUTHORITIES', 'DECLARATION OF CASEY R. SAMPLE', 'PROOF OF SERVICE', expect.stringMatching(new RegExp(`^EXHIBIT A: List of ${caseNumbers.length} cases \\(\\d+ counts\\)$`))]);
  expect(doc.outline[4]!.page).toBe(cover);
});

test('volumeRanges groups table pages without losing or repeating a row', () => {
  const firstRows = [0, 50, 100, 150, 200, 250, 300];
  expect(volumeRanges(firstRows, 330, 3)).toEqual([
    { from: 0, to: 150 },
    { from: 150, to: 300 },
    { from: 300, to: 330 },
  ]);
  expect(volumeRanges(firstRows, 330, 100)).toEqual([{ from: 0, to: 330 }]);
});

describe('a 2,000-case list with volumes of at most 10 table pages', () => {
  let files: Awaited<ReturnType<typeof renderDocuments>>['files'];
  let cases: string[];
  const csv = () => [...gogenCondensedLines({ cases: 2000, seed: 3, messy: false })].join('');
  const configText = () => readFileSync(CONFIG, 'utf8').replace(/^exhibit:\n/m, 'exhibit:\n  volume_max_pages: 10\n');
  beforeAll(async () => {
    expect(configText()).toContain('volume_max_pages: 10');
    const r = await runPipeline({ configText: configText(), configFile: CONFIG, cases: [{ name: 'gen.csv', open: () => csv() }], asOf: '2026-11-26' });
    const t = await loadTemplates(CONFIG, undefined);
    // The largest filing (the DA's felony dismissals beyond the statute), so the exhibit needs volumes.
    const felony = r.plan!.filings.reduce((a, b) => (b.caseCount > a.caseCount ? b : a));
    cases = felony.cases.map((c) => c.caseNumber);
    const plan = { ...r.plan!, filings: [felony] };
    ({ files } = await renderDocuments({ plan, config: r.config!, templates: t.set!, asOf: '2026-11-26', formats: ['pdf', 'docx'], fonts }));
  }, 60_000);

  test('splits into volumes named after the document, each with a cover', () => {
    const names = files!.map((f) => path.basename(f.path));
    expect(names).toContain('motion.pdf');
    expect(names).toContain('motion-exhibit-a-vol-2.pdf');
    expect(names).toContain('order-exhibit-a-vol-2.pdf');
    expect(files!.filter((f) => f.volume).every((f) => /-exhibit-a-vol-\d+\.pdf$/.test(f.path))).toBe(true);
    // The Word files have volumes of their own (exhibit.docx_volume_max_rows, docx-volumes.test.ts): 2,000 rows is one file.
    expect(names.filter((n) => n.endsWith('.docx'))).toEqual(['motion.docx', 'order.docx']);
  });

  test('across the volumes, every case appears exactly once, rows numbered on', async () => {
    const byVolume = (ext: string) => files!.filter((f) => f.path.endsWith(ext) && path.basename(f.path).startsWith('motion')).sort((a, b) => (a.volume ?? 1) - (b.volume ?? 1));
    const docx = byVolume('.docx');
    expect(docx).toHaveLength(1);
    const rows: string[][] = [];
    for (const f of docx) rows.push(...tableRows(await docxPart(f.content, 'word/document.xml')).filter((r) => /^\d+$/.test(r[0] ?? '')));
    expect(rows.map((r) => r[1])).toEqual(cases);
    expect(rows.map((r) => Number(r[0]))).toEqual(cases.map((_, i) => i + 1));
    let pages = 0;
    for (const f of byVolume('.pdf')) {
      const doc = await PDFDocument.load(f.content);
      pages += doc.getPageCount();
      expect(doc.catalog.get(PDFName.of('PageMode'))?.toString()).toBe('/UseOutlines');
      expect(doc.getTitle()).toMatch(/NOTICE OF MOTION/);
      for (const p of doc.getPages()) expect(p.getSize()).toEqual({ width: 612, height: 792 });
    }
    expect(byVolume('.pdf').length).toBeGreaterThan(2);
    expect(pages).toBeGreaterThan(40);
  });

  test('the same input gives the same bytes', async () => {
    const r = await runPipeline({ configText: configText(), configFile: CONFIG, cases: [{ name: 'gen.csv', open: () => csv() }], asOf: '2026-11-26' });
    const t = await loadTemplates(CONFIG, undefined);
    const felony = r.plan!.filings.reduce((a, b) => (b.caseCount > a.caseCount ? b : a));
    const again = await renderDocuments({ plan: { ...r.plan!, filings: [felony] }, config: r.config!, templates: t.set!, asOf: '2026-11-26', formats: ['pdf', 'docx'], fonts });
    expect(again.files!.map((f) => f.path)).toEqual(files!.map((f) => f.path));
    again.files!.forEach((f, i) => expect(f.content.equals(files![i]!.content)).toBe(true));
  }, 60_000);
});
