/**
 * The Word files' own volumes (exhibit.docx_volume_max_rows), apart from the
 * PDF's: cut where a table page starts, every case exactly once, a cover per
 * volume, page numbers going on from the volume before, all in the manifest.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseConfig } from '../src/config/load';
import { DOCX_VOLUME_MAX_ROWS } from '../src/config/schema';
import { renderDocuments } from '../src/documents';
import { generate } from '../src/engine/run';
import { loadFonts } from '../src/io/fonts';
import { loadTemplates } from '../src/io/templates';
import { rowCappedRanges } from '../src/model/volumes';
import { createRenderContext } from '../src/render/pdf';
import { dumpLayout, layoutDocument } from '../src/render/pdf/layout';
import { runPipeline } from '../src/pipeline';
import { compileSet } from '../src/compose/handlebars';
import { composeDocument } from '../src/compose';
import { gogenCondensedLines } from '../src/samples/gogen-generator';
import { docxPart, root, tableRows, allText } from './helpers/documents';
import { BASE_CONFIG_YAML, edit } from './helpers/fixtures';

const fonts = loadFonts();
const CONFIG = path.join(root, 'samples', 'los-angeles', 'config.yaml');
const ASOF = '2026-11-26';
const MAX_ROWS = 300;
const configText = () => readFileSync(CONFIG, 'utf8').replace(/^exhibit:\n/m, `exhibit:\n  docx_volume_max_rows: ${MAX_ROWS}\n`);
const csv = () => [...gogenCondensedLines({ cases: 2000, seed: 3, messy: false })].join('');

describe('rowCappedRanges', () => {
  test('the fewest volumes of about equal size, cut at page starts', () => {
    const firstRows = Array.from({ length: 20 }, (_, i) => i * 50); // 20 pages of 50 rows
    expect(rowCappedRanges(firstRows, 1000, 1000)).toEqual([{ from: 0, to: 1000 }]);
    expect(rowCappedRanges(firstRows, 1000, 600)).toEqual([
      { from: 0, to: 500 },
      { from: 500, to: 1000 },
    ]);
    // 1,000 rows at most 400 a volume: three volumes, not 400 + 400 + 200.
    expect(rowCappedRanges(firstRows, 1000, 400)).toEqual([
      { from: 0, to: 300 },
      { from: 300, to: 650 },
      { from: 650, to: 1000 },
    ]);
  });

  test('every row exactly once, no volume over the cap, every cut where a page starts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 400 }), fc.integer({ min: 60, max: 3000 }), (pageRows, maxRows) => {
        const firstRows: number[] = [];
        let total = 0;
        for (const n of pageRows) (firstRows.push(total), (total += n));
        const ranges = rowCappedRanges(firstRows, total, maxRows);
        expect(ranges[0]!.from).toBe(0);
        expect(ranges[ranges.length - 1]!.to).toBe(total);
        ranges.forEach((r, i) => {
          if (i > 0) expect(r.from).toBe(ranges[i - 1]!.to);
          expect(r.to - r.from).toBeGreaterThan(0);
          expect(r.to - r.from).toBeLessThanOrEqual(maxRows);
          expect(firstRows).toContain(r.from);
        });
        expect(ranges.length).toBeGreaterThanOrEqual(Math.ceil(total / maxRows));
      }),
    );
  });
});

describe('exhibit.docx_volume_max_rows in the config', () => {
  test(`defaults to ${DOCX_VOLUME_MAX_ROWS.toLocaleString('en-US')}`, () => {
    const r = parseConfig(BASE_CONFIG_YAML, 'config.yaml');
    expect(r.config!.exhibit.docx_volume_max_rows).toBe(DOCX_VOLUME_MAX_ROWS);
    expect(DOCX_VOLUME_MAX_ROWS).toBe(15000);
  });

  test('is kept when given', () => {
    const r = parseConfig(edit(BASE_CONFIG_YAML, 'exhibit:\n', 'exhibit:\n  docx_volume_max_rows: 5000\n'), 'config.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.config!.exhibit.docx_volume_max_rows).toBe(5000);
  });

  test.each([['50'], ['1500.5'], ['"many"'], ['0']])('%s is refused with a located BM602', (value) => {
    const yaml = edit(BASE_CONFIG_YAML, 'exhibit:\n', `exhibit:\n  docx_volume_max_rows: ${value}\n`);
    const r = parseConfig(yaml, 'config.yaml');
    expect(r.config).toBeUndefined();
    const d = r.diagnostics.find((x) => x.code === 'BM602')!;
    expect(d.column).toBe('exhibit.docx_volume_max_rows');
    expect(d.line).toBe(yaml.split('\n').findIndex((l) => l.includes('docx_volume_max_rows')) + 1);
  });
});

describe(`a 2,000-case list with Word volumes of at most ${MAX_ROWS} rows`, () => {
  let files: NonNullable<Awaited<ReturnType<typeof renderDocuments>>['files']>;
  let cases: string[];
  let filingId: string;
  let unsplitLayout: string[];
  beforeAll(async () => {
    const r = await runPipeline({ configText: configText(), configFile: CONFIG, cases: [{ name: 'gen.csv', open: () => csv() }], asOf: ASOF });
    const t = await loadTemplates(CONFIG, undefined);
    // The largest filing (the DA's felony dismissals beyond the statute).
    const felony = r.plan!.filings.reduce((a, b) => (b.caseCount > a.caseCount ? b : a));
    filingId = felony.id;
    cases = felony.cases.map((c) => c.caseNumber);
    ({ files } = (await renderDocuments({ plan: { ...r.plan!, filings: [felony] }, config: r.config!, templates: t.set!, asOf: ASOF, formats: ['pdf', 'docx'], fonts })) as { files: typeof files });
    // The whole motion as the PDF lays it out, one exhibit, not split: the pages the Word volumes are counted from.
    const { compiled } = compileSet(t.set!);
    const model = composeDocument('motion', felony, r.config!, ASOF, { compiled: compiled!, set: t.set! }).model!;
    unsplitLayout = dumpLayout(layoutDocument(model, createRenderContext(fonts))).split('--- page ').slice(1);
  }, 120_000);

  const motionDocx = () => files.filter((f) => f.format === 'docx' && f.kind === 'motion').sort((a, b) => (a.volume ?? 1) - (b.volume ?? 1));

  test('the Word files are split by rows, the PDF is not (its own limits)', () => {
    expect(cases.length).toBeGreaterThan(3 * MAX_ROWS);
    const docx = motionDocx();
    expect(docx.length).toBe(Math.ceil(cases.length / MAX_ROWS));
    expect(docx.map((f) => path.basename(f.path))).toEqual(['motion.docx', ...docx.slice(1).map((_, i) => `motion-exhibit-a-vol-${i + 2}.docx`)]);
    for (const f of docx) expect(f.cases).toBeLessThanOrEqual(MAX_ROWS);
    expect(files.filter((f) => f.format === 'pdf').map((f) => path.basename(f.path))).toEqual(['motion.pdf', 'order.pdf']);
    expect(files.filter((f) => f.format === 'docx' && f.kind === 'order')).toHaveLength(docx.length);
  });

  test('across the Word volumes, every case exactly once, rows numbered on', async () => {
    for (const kind of ['motion', 'order']) {
      const rows: string[][] = [];
      for (const f of files.filter((x) => x.format === 'docx' && x.kind === kind).sort((a, b) => (a.volume ?? 1) - (b.volume ?? 1))) {
        const mine = tableRows(await docxPart(f.content, 'word/document.xml')).filter((r) => /^\d+$/.test(r[0] ?? ''));
        expect(mine).toHaveLength(f.cases!);
        rows.push(...mine);
      }
      expect(rows.map((r) => r[1])).toEqual(cases);
      expect(rows.map((r) => Number(r[0]))).toEqual(cases.map((_, i) => i + 1));
    }
  });

  test('each volume has its cover: the volume of how many, its rows and case numbers', async () => {
    const docx = motionDocx();
    let first = 1;
    for (const [i, f] of docx.entries()) {
      const text = allText(await docxPart(f.content, 'word/document.xml'));
      const last = first + f.cases! - 1;
      expect(text).toContain('EXHIBIT A');
      expect(text).toContain(`Volume ${i + 1} of ${docx.length}`);
      expect(text).toContain(`Rows ${first.toLocaleString('en-US')} through ${last.toLocaleString('en-US')}: cases ${cases[first - 1]} through ${cases[last - 1]}`);
      first = last + 1;
    }
  });

  test('page numbers go on across the volumes: each starts where the PDF layout puts its first row, plus the covers before it', async () => {
    const docx = motionDocx();
    // The page (1-based, in the unsplit layout) whose table starts with row `row` (1-based).
    const pageStarting = (row: number) => {
      const i = unsplitLayout.findIndex((p) => {
        const lines = p.split('\n').map((l) => l.split(' ').slice(4).join(' '));
        return lines.includes(String(row)) && !lines.includes(String(row - 1)) && lines.includes(cases[row - 1]!);
      });
      expect(i).toBeGreaterThan(0);
      return i + 1;
    };
    let firstRow = 1;
    for (const [i, f] of docx.entries()) {
      const xml = await docxPart(f.content, 'word/document.xml');
      const starts = [...xml.matchAll(/<w:pgNumType w:start="(\d+)"\/>/g)].map((m) => Number(m[1]));
      if (i === 0) expect(starts).toEqual([]);
      else {
        // Volume i+1's cover is the page before its first row's; the unsplit layout has no covers for volumes 2..i+1.
        expect(starts).toEqual([pageStarting(firstRow) + i - 1]);
        // Only the first section says where to start; the others go on.
        expect(xml.match(/<w:pgNumType/g)!.length).toBe(xml.match(/<w:sectPr/g)!.length);
      }
      firstRow += f.cases!;
    }
  });
});

describe('the manifest of a generate run lists every Word volume', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'bm-docx-vol-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  test('with its volume number and its cases, adding up to the filing', async () => {
    const cfg = path.join(tmp, 'config.yaml');
    const casesFile = path.join(tmp, 'cases.csv');
    writeFileSync(casesFile, csv());
    writeFileSync(cfg, configText());
    {
      const out = path.join(tmp, 'out');
      const r = await generate({ cases: [casesFile], config: cfg, out, asOf: ASOF, format: ['docx'] });
      expect(r.ok).toBe(true);
      const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { filings: Array<{ id: string; caseCount: number; documents: Array<{ path: string; kind: string; format: string; volume?: number; cases?: number }> }>; outputs: Array<{ path: string }> };
      const felony = m.filings.reduce((a, b) => (b.caseCount > a.caseCount ? b : a));
      const motions = felony.documents.filter((d) => d.kind === 'motion');
      expect(motions.map((d) => d.volume ?? 1).sort((a, b) => a - b)).toEqual(motions.map((_, i) => i + 1));
      for (const d of motions) expect(d.path).toBe(`${felony.id}/${d.volume ? `motion-exhibit-a-vol-${d.volume}` : 'motion'}.docx`);
      expect(motions.length).toBe(Math.ceil(felony.caseCount / MAX_ROWS));
      expect(motions.reduce((n, d) => n + d.cases!, 0)).toBe(felony.caseCount);
      for (const d of felony.documents) expect(m.outputs.map((o) => o.path)).toContain(d.path);
    }
  }, 120_000);
});
