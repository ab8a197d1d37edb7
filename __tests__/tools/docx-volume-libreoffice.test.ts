/**
 * A Word volume (exhibit.docx_volume_max_rows) as LibreOffice opens it: it
 * converts, pdftotext finds the volume's first and last case, and its first
 * page carries the number the volume before left off at. Small on purpose:
 * the Los Angeles sample with volumes of 100 rows, one volume converted.
 * Needs soffice and pdftotext (`npm run test:tools`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';
import { docxPart } from '../helpers/documents';

const root = path.join(__dirname, '..', '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'bm-lo-vol-'));
const out = path.join(tmp, 'out');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Doc {
  path: string;
  kind: string;
  format: string;
  volume?: number;
  cases: number;
}

test('a Word volume converts in LibreOffice with its first and last case, numbered on from the volume before', async () => {
  const config = path.join(tmp, 'config.yaml');
  writeFileSync(config, readFileSync(path.join(root, 'samples', 'los-angeles', 'config.yaml'), 'utf8').replace(/^exhibit:\n/m, 'exhibit:\n  docx_volume_max_rows: 100\n'));
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'generate', '--cases', 'samples/los-angeles/cases.csv', '--config', config, '--out', out, '--as-of', '2026-11-26', '--format', 'docx', '--quiet'], { cwd: root, stdio: 'ignore' });
  expect(r.status).toBe(3);
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { filings: Array<{ id: string; documents: Doc[] }> };
  // The first filing whose motion is in volumes; volume 2 of its motion.
  const filing = manifest.filings.find((f) => f.documents.some((d) => d.kind === 'motion' && d.volume === 2))!;
  expect(filing).toBeDefined();
  const motions = filing.documents.filter((d) => d.kind === 'motion').sort((a, b) => (a.volume ?? 1) - (b.volume ?? 1));
  const vol2 = motions[1]!;
  expect(vol2.path).toBe(`${filing.id}/motion-exhibit-a-vol-2.docx`);
  // Its rows, from index.csv: after volume 1's.
  const index = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'index.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data.filter((x) => x.filing_id === filing.id);
  const byRow = new Map(index.map((x) => [Number(x.exhibit_row), x.case_number!]));
  const first = byRow.get(motions[0]!.cases + 1)!;
  const last = byRow.get(motions[0]!.cases + vol2.cases)!;
  const start = Number(/<w:pgNumType w:start="(\d+)"\/>/.exec(await docxPart(readFileSync(path.join(out, vol2.path)), 'word/document.xml'))?.[1]);
  expect(start).toBeGreaterThan(2);

  const pdfDir = path.join(tmp, 'pdf');
  execFileSync('soffice', [`-env:UserInstallation=file://${tmp}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, path.join(out, vol2.path)], { stdio: 'ignore', timeout: 180_000 });
  const pdf = path.join(pdfDir, 'motion-exhibit-a-vol-2.pdf');
  // soffice exits 0 even when it could not load the file.
  expect(existsSync(pdf)).toBe(true);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const words = text.split(/\s+/);
  // On the cover ("cases X through Y") and in the table.
  expect(words.filter((w) => w === first).length).toBe(2);
  expect(words.filter((w) => w === last).length).toBe(2);
  // The cover's page number is the one the volume starts at.
  const cover = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
  expect(cover.split(/\s+/)).toContain(String(start));
  expect(cover).toContain('Volume 2 of');
}, 240_000);
