/**
 * generate --draft: every page of every document carries DRAFT - NOT FOR
 * FILING, in the PDF as pdftotext reads it and in the DOCX as LibreOffice lays
 * it out. Needs soffice and pdftotext (`npm run test:tools`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'bm-draft-'));
const out = path.join(tmp, 'out');
const STAMP = 'DRAFT - NOT FOR FILING';

beforeAll(() => {
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'generate', '--cases', 'samples/alameda/cases.csv', '--config', 'samples/alameda/config.yaml', '--out', out, '--as-of', '2026-11-26', '--quiet', '--draft'], { cwd: root, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`generate exited ${r.status}`);
}, 120_000);

/** The text of each page of a PDF. */
function pagesOf(pdf: string): string[] {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

const documents = (ext: string) => {
  const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { draft?: boolean; outputs: Array<{ path: string; format: string; kind: string }> };
  expect(m.draft).toBe(true);
  // The court documents; the impact summary is no filing (its first lines say the run is a draft).
  return m.outputs.filter((o) => o.format === ext && o.kind !== 'summary').map((o) => path.join(out, o.path));
};

test('every page of every PDF is stamped', () => {
  const pdfs = documents('pdf');
  expect(pdfs.length).toBeGreaterThan(1);
  for (const pdf of pdfs) {
    const pages = pagesOf(pdf);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.map((p, i) => `${path.basename(pdf)} page ${i + 1}: ${p.includes(STAMP)}`)).toEqual(pages.map((_, i) => `${path.basename(pdf)} page ${i + 1}: true`));
  }
});

test('every page of every Word file, as LibreOffice lays it out, is stamped', () => {
  const docxs = documents('docx');
  expect(docxs.length).toBeGreaterThan(1);
  for (const docx of docxs) {
    const dir = path.join(tmp, 'lo', path.basename(path.dirname(docx)));
    execFileSync('soffice', [`-env:UserInstallation=file://${tmp}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'ignore', timeout: 180_000 });
    const pdf = path.join(dir, path.basename(docx).replace(/\.docx$/, '.pdf'));
    expect(existsSync(pdf)).toBe(true);
    const pages = pagesOf(pdf);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.map((p, i) => `${path.basename(docx)} page ${i + 1}: ${p.includes(STAMP)}`)).toEqual(pages.map((_, i) => `${path.basename(docx)} page ${i + 1}: true`));
  }
}, 300_000);

test('without --draft, no page carries it', () => {
  const plain = path.join(tmp, 'plain');
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'generate', '--cases', 'samples/alameda/cases.csv', '--config', 'samples/alameda/config.yaml', '--out', plain, '--as-of', '2026-11-26', '--quiet', '--format', 'pdf'], { cwd: root, stdio: 'ignore' });
  expect(r.status).toBe(0);
  const pdfs = readdirSync(plain, { recursive: true }).map(String).filter((f) => f.endsWith('.pdf'));
  for (const f of pdfs) expect(pagesOf(path.join(plain, f)).some((p) => p.includes(STAMP))).toBe(false);
}, 120_000);
