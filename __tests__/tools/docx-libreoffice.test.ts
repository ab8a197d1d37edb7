/**
 * The DOCX as a user's office suite lays it out: LibreOffice converts two
 * filings to PDF, and poppler reads back where every word landed.
 * Needs soffice and pdftotext (`npm run test:tools`; .ci/run installs them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PLEADING } from '../../src/render/pleading';
import { bboxPages, lineNumbers, plainText, type Word } from './pdf-text';

const root = path.join(__dirname, '..', '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'bm-lo-'));
const out = path.join(tmp, 'out');
const filings = ['long-beach-misdemeanor-dismiss-and-seal', 'da-felony-reduce-to-misdemeanor'];
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

  test('every pleading page has the numbers 1-28 at the left, evenly spaced, with the body text on them', () => {
    // Pleading pages come before the exhibit's cover page.
    const cover = pages.findIndex((p) => p.some((w) => w.text === 'EXHIBIT' && w.y1 - w.y0 > 20));
    expect(cover).toBeGreaterThan(0);
    const pleading = pages.slice(0, cover);
    expect(pleading.length).toBeGreaterThan(0);
    pleading.forEach((words, i) => {
      const nums = lineNumbers(words, PLEADING.left);
      expect([...nums.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 28 }, (_, k) => k + 1));
      for (let n = 2; n <= 28; n++) expect(nums.get(n)!.y0 - nums.get(n - 1)!.y0).toBeCloseTo(24, 0);
      // Body words (12 pt, inside the numbered area) sit on a numbered line.
      const ys = [...nums.values()].map((w) => w.y0);
      const top = nums.get(i === 0 ? 8 : 1)!.y0 - 1; // page 1: the single-spaced attorney block is above line 8
      const bottom = nums.get(28)!.y1;
      const body = words.filter((w) => w.x0 >= PLEADING.left - 1 && w.y0 >= top && w.y1 <= bottom && w.y1 - w.y0 > 13);
      expect(body.length).toBeGreaterThan(10);
      const off = body.filter((w) => !ys.some((y) => Math.abs(y - w.y0) < 1.5));
      expect(off.map((w) => `${w.text}@${w.y0}`)).toEqual([]);
    });
  });

  test('the footer title sits under the page number on every pleading page', () => {
    const cover = pages.findIndex((p) => p.some((w) => w.text === 'EXHIBIT' && w.y1 - w.y0 > 20));
    for (const words of pages.slice(0, cover)) {
      const bottom = words.filter((w) => w.y0 > 740);
      const pageNo = bottom.find((w) => /^\d+$/.test(w.text) && w.x0 > 200);
      expect(pageNo).toBeDefined();
      const title = bottom.filter((w) => w.y0 > pageNo!.y1 - 1 && /[A-Z]{3,}/.test(w.text));
      expect(title.length).toBeGreaterThan(2);
      expect(Math.max(...title.map((w) => w.y1 - w.y0))).toBeLessThan(14); // 10 pt type
    }
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
