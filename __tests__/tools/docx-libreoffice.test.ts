/**
 * The DOCX as a user's office suite lays it out: LibreOffice converts two
 * filings to PDF, and poppler reads back where every word landed.
 * Needs soffice and pdftotext (`npm run test:tools`; .ci/run installs them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GRID, PAGE, PLEADING } from '../../src/render/pleading';
import { bboxPages, lineNumbers, plainText, type Word } from './pdf-text';

const root = path.join(__dirname, '..', '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'bm-lo-'));
const out = path.join(tmp, 'out');
const filings = ['long-beach-misdemeanor-dismiss-and-seal', 'da-felony-reduce-to-misdemeanor', 'da-felony-dismiss-and-seal-beyond-statute'];
let manifest: { filings: Array<{ id: string; caseCount: number }> };

beforeAll(() => {
  // The sample sends rows to review, so generate exits 3: finished, with rows listed.
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'generate', '--cases', 'samples/los-angeles/cases.csv', '--config', 'samples/los-angeles/config.yaml', '--out', out, '--as-of', '2026-11-26', '--quiet'], { cwd: root, stdio: 'ignore' });
  if (r.status !== 3) throw new Error(`generate exited ${r.status}`);
  manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
}, 120_000);

function convert(docx: string): string {
  const dir = path.join(tmp, 'pdf', path.basename(path.dirname(docx)));
  execFileSync('soffice', [`-env:UserInstallation=file://${tmp}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'ignore', timeout: 180_000 });
  const pdf = path.join(dir, path.basename(docx).replace(/\.docx$/, '.pdf'));
  // soffice exits 0 even when it could not load the file.
  if (!existsSync(pdf)) throw new Error(`LibreOffice did not convert ${docx}`);
  return pdf;
}

describe.each(filings.flatMap((f) => ['motion', 'order'].map((k) => [f, k] as const)))('%s/%s.docx in LibreOffice', (filing, kind) => {
  let pages: Word[][];
  let pdf: string;
  beforeAll(() => {
    pdf = convert(path.join(out, filing, `${kind}.docx`));
    pages = bboxPages(pdf);
  }, 200_000);

  test('is letter size', () => {
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+612 x 792 pts/);
  });

  test('every pleading page has the grid numbers at the left, evenly spaced, with the body text on them', () => {
    // Pleading pages come before the exhibit's cover page.
    const cover = pages.findIndex((p) => p.some((w) => w.text === 'EXHIBIT' && w.y1 - w.y0 > 20));
    expect(cover).toBeGreaterThan(0);
    const pleading = pages.slice(0, cover);
    expect(pleading.length).toBeGreaterThan(0);
    pleading.forEach((words, i) => {
      const nums = lineNumbers(words, PLEADING.left);
      expect([...nums.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: GRID.lines }, (_, k) => k + 1));
      for (let n = 2; n <= GRID.lines; n++) expect(nums.get(n)!.y0 - nums.get(n - 1)!.y0).toBeCloseTo(24, 0);
      // Body words (12 pt, inside the numbered area) sit on a numbered line.
      const ys = [...nums.values()].map((w) => w.y0);
      const top = nums.get(i === 0 ? 8 : 1)!.y0 - 1; // page 1: the single-spaced attorney block is above line 8
      const bottom = nums.get(GRID.lines)!.y1;
      const body = words.filter((w) => w.x0 >= PLEADING.left - 1 && w.y0 >= top && w.y1 <= bottom && w.y1 - w.y0 > 13);
      // A short last page (the order's signature) has few words; there must be some to check.
      expect(body.length).toBeGreaterThan(3);
      const off = body.filter((w) => !ys.some((y) => Math.abs(y - w.y0) < 1.5));
      expect(off.map((w) => `${w.text}@${w.y0}`)).toEqual([]);
    });
  });

  test('the footer title sits under the page number on every pleading page', () => {
    const cover = pages.findIndex((p) => p.some((w) => w.text === 'EXHIBIT' && w.y1 - w.y0 > 20));
    for (const words of pages.slice(0, cover)) {
      const bottom = words.filter((w) => w.y0 > PLEADING.top + GRID.lines * GRID.pitch);
      const pageNo = bottom.find((w) => /^\d+$/.test(w.text) && w.x0 > 200);
      expect(pageNo).toBeDefined();
      const title = bottom.filter((w) => w.y0 > pageNo!.y1 - 1 && /[A-Z]{3,}/.test(w.text));
      expect(title.length).toBeGreaterThan(2);
      expect(Math.max(...title.map((w) => w.y1 - w.y0))).toBeLessThan(14); // 10 pt type
    }
  });

  test('the footer sits half an inch or more above the bottom edge', () => {
    const cover = pages.findIndex((p) => p.some((w) => w.text === 'EXHIBIT' && w.y1 - w.y0 > 20));
    for (const words of pages.slice(0, cover)) {
      const footer = words.filter((w) => w.y0 > PLEADING.top + GRID.lines * GRID.pitch);
      expect(footer.length).toBeGreaterThan(2);
      // pdftotext's box runs about 2.5 points below the baseline of LibreOffice's 10-point type; the title is in capitals.
      expect(Math.max(...footer.map((w) => w.y1)) - 2.5).toBeLessThanOrEqual(PAGE.height - 36);
    }
  });

  test('the attorney block starts on line 1, "(SBN n)" stays with the name, and the caption ends on the same line as in the PDF', () => {
    const words = pages[0]!;
    const nums = lineNumbers(words, PLEADING.left);
    const first = words.find((w) => w.x0 >= PLEADING.left - 1 && w.y0 < nums.get(2)!.y0)!;
    expect(Math.abs(first.y0 - nums.get(1)!.y0)).toBeLessThan(1.5);
    // Every "(SBN" is followed on its own line by its number.
    for (const w of words.filter((x) => x.text === '(SBN')) expect(words.some((x) => /^\d+\)$/.test(x.text) && Math.abs(x.y0 - w.y0) < 1)).toBe(true);
    // Where the caption's last right-hand line ("Dept.:" or the title) and the text after it fall, by line number.
    const lineOf = (ws: Word[], y0: number) => [...lineNumbers(ws, PLEADING.left)].find(([, w]) => Math.abs(w.y0 - y0) < 1.5)?.[0];
    const ours = bboxPages(path.join(out, filing, `${kind}.pdf`))[0]!;
    const after = (ws: Word[]) => ws.find((w) => w.text === (kind === 'motion' ? 'TO' : 'The') && w.x0 < PLEADING.left + 40)!;
    expect(lineOf(words, after(words).y0)).toBe(lineOf(ours, after(ours).y0));
    const dept = (ws: Word[]) => ws.find((w) => w.text === 'Dept.:') ?? ws.find((w) => w.text === 'Case')!;
    expect(lineOf(words, dept(words).y0)).toBe(lineOf(ours, dept(ours).y0));
  });

  test('the exhibit lists every case number of the filing exactly once', () => {
    const index = readFileSync(path.join(out, 'index.csv'), 'utf8')
      .split('\r\n')
      .slice(1)
      .filter((l) => l.includes(`,${filing},`))
      .map((l) => l.split(',')[0]!);
    expect(index.length).toBe(manifest.filings.find((f) => f.id === filing)!.caseCount);
    const text = plainText(pdf);
    for (const n of index) expect(text.split(n).length - 1).toBe(1);
  });
});
