/**
 * summary.pdf of the Los Angeles sample through poppler and qpdf: one to three
 * Letter pages, every section heading findable by pdftotext and bookmarked,
 * fonts embedded, charts drawn as vectors (no image in the file).
 * Needs pdftotext, pdfinfo, pdffonts, pdfimages, qpdf (`npm run test:tools`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'bm-summary-tools-'));
const out = path.join(tmp, 'out');
const pdf = path.join(out, 'summary.pdf');
const tool = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });

beforeAll(() => {
  // The sample's config with the demographic tables turned on: every section is there.
  const config = path.join(tmp, 'config.yaml');
  writeFileSync(config, readFileSync(path.join(root, 'samples', 'los-angeles', 'config.yaml'), 'utf8') + '\nsummary:\n  demographics: true\n');
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'validate', '--cases', 'samples/los-angeles/cases.csv', '--config', config, '--out', out, '--as-of', '2026-11-30', '--quiet'], { cwd: root, stdio: 'ignore' });
  if (r.status !== 3) throw new Error(`validate exited ${r.status}`);
});

const HEADINGS = ['At a glance', 'Where every input row went', 'By prosecuting agency', 'By relief', 'By case type', 'Convictions by decade', 'Cases by court', 'Review and rejection reasons', 'Screening flags', 'People by race, gender and age at conviction', 'Sources'];

test('pdftotext finds every section heading, in order, on one to three Letter pages', () => {
  const info = tool('pdfinfo', pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(3);
  expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  const text = tool('pdftotext', '-layout', pdf, '-').replace(/\s+/g, ' ');
  let at = -1;
  for (const h of HEADINGS) {
    const i = text.indexOf(h, at + 1);
    expect(`${h}: ${i > at ? 'in order' : i < 0 ? 'missing' : 'out of order'}`).toBe(`${h}: in order`);
    at = i;
  }
  // The charts' titles and labels are text, not pictures.
  expect(text).toContain('Where the input rows went');
  expect(text).toContain('Cases by agency');
});

test('every section is a bookmark; fonts are embedded; no chart is an image; qpdf finds no damage', () => {
  const json = JSON.parse(tool('qpdf', '--json', '--json-key=outlines', pdf)) as { outlines: Array<{ title: string }> };
  expect(json.outlines.map((o) => o.title)).toEqual(HEADINGS);
  const fonts = tool('pdffonts', pdf).split('\n').slice(2).filter((l) => l.trim());
  expect(fonts.length).toBeGreaterThan(0);
  for (const l of fonts) expect(l).toMatch(/ yes +yes +yes /);
  expect(tool('pdfimages', '-list', pdf).split('\n').slice(2).filter((l) => l.trim())).toEqual([]);
  const check = spawnSync('qpdf', ['--check', pdf], { encoding: 'utf8' });
  expect(check.status).toBe(0);
});
