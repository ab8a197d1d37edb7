/**
 * generate --packets, read as a clerk would: each packet's cover.pdf, through
 * pdftotext, lists exactly the files the zip holds besides itself, each with
 * the sha256 of the file unzipped, each PDF with its page count as pdfinfo
 * counts it, and the office's contact on file; the cover is one page that
 * qpdf accepts, with its fonts embedded. Needs poppler and qpdf (`npm run test:tools`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { parse } from 'yaml';
import { plainText } from './pdf-text';

const root = path.join(__dirname, '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'bm-packets-tools-'));
const out = path.join(dir, 'out');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Agency {
  id: string;
  name: string;
  address: string[];
  phone: string;
  email: string;
}
let agencies: Agency[] = [];
let packets: string[] = [];

beforeAll(() => {
  const cfg = path.join(dir, 'config.yaml');
  const text = readFileSync(path.join(root, 'samples', 'los-angeles', 'config.yaml'), 'utf8').replace(/^exhibit:\n/m, 'exhibit:\n  volume_max_pages: 10\n');
  writeFileSync(cfg, text);
  agencies = (parse(text) as { agencies: Agency[] }).agencies;
  const cases = path.join(dir, 'cases.csv');
  execFileSync(process.execPath, [path.join(root, 'dist', 'samples', 'main.js'), '--cases', '2000', '--seed', '3', '--clean', '--out', cases], { stdio: 'ignore' });
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'generate', '--cases', cases, '--config', cfg, '--out', out, '--as-of', '2026-11-26', '--packets', '--quiet'], { encoding: 'utf8' });
  expect([0, 3]).toContain(r.status);
  const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { outputs: Array<{ path: string; kind: string }> };
  packets = m.outputs.filter((o) => o.kind === 'packet').map((o) => o.path);
}, 300_000);

/** The cover's table: a path, then pages (PDFs only) and cases, then the sha256. */
function coverRows(text: string) {
  const rows = new Map<string, { pages?: number; cases: number; sha256: string }>();
  for (const line of text.split('\n')) {
    const m = /^\s*(\S+\/\S+\.(?:pdf|docx))\s+(?:([\d,]+)\s+)?([\d,]+)\s+([0-9a-f]{64})\s*$/.exec(line);
    if (!m) continue;
    const n = (s: string) => Number(s.replace(/,/g, ''));
    rows.set(m[1]!, { ...(m[2] ? { pages: n(m[2]) } : {}), cases: n(m[3]!), sha256: m[4]! });
  }
  return rows;
}

test('every office with filings has a packet', () => {
  expect(packets.length).toBeGreaterThan(3);
  expect(packets).toContain('packets/da.zip');
});

test("each cover lists exactly the zip's other files, with their sha256, PDF page counts and the office's contact", () => {
  let volumes = 0;
  for (const p of packets) {
    const agency = agencies.find((a) => `packets/${a.id}.zip` === p)!;
    const unzipped = path.join(dir, 'unzipped', agency.id);
    mkdirSync(unzipped, { recursive: true });
    const entries = unzipSync(readFileSync(path.join(out, p)));
    for (const [name, bytes] of Object.entries(entries)) {
      mkdirSync(path.dirname(path.join(unzipped, name)), { recursive: true });
      writeFileSync(path.join(unzipped, name), bytes);
    }
    const cover = path.join(unzipped, 'cover.pdf');
    const text = plainText(cover);
    const rows = coverRows(text);
    expect([...rows.keys()].sort()).toEqual(Object.keys(entries).filter((n) => n !== 'cover.pdf').sort());
    for (const [name, row] of rows) {
      expect(`${name} ${row.sha256}`).toBe(`${name} ${sha256(entries[name]!)}`);
      if (name.endsWith('.pdf')) {
        const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path.join(unzipped, name)], { encoding: 'utf8' }))![1]);
        expect(`${name} ${row.pages}`).toBe(`${name} ${pages}`);
      } else expect(row.pages).toBeUndefined();
      if (/-vol-\d+\./.test(name)) volumes++;
    }
    // The contact on file, as the config gives it.
    const flat = text.replace(/\s+/g, ' ');
    for (const s of [agency.name, ...agency.address, agency.phone, agency.email]) expect(flat).toContain(s);
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [cover], { encoding: 'utf8' }))![1])).toBe(1);
    expect(spawnSync('qpdf', ['--check', cover]).status).toBe(0);
    const fonts = execFileSync('pdffonts', [cover], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/LiberationSerif.*\byes\s+yes\s+yes\b/);
  }
  expect(volumes).toBeGreaterThan(4);
});

test("the cases column adds up, per filing, to the filing's cases (the lead document's PDFs: volume 1 in motion.pdf, the rest in their own files)", () => {
  const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { filings: Array<{ id: string; agency: string; caseCount: number }> };
  const da = coverRows(plainText(path.join(dir, 'unzipped', 'da', 'cover.pdf')));
  for (const f of m.filings.filter((x) => x.agency === 'da')) {
    // The lead document (a motion, or a notice of challenge) lists every case, volume by volume.
    const lead = [...da].some(([n]) => n.startsWith(`${f.id}/motion`)) ? 'motion' : 'notice';
    const leadPdfs = [...da].filter(([n]) => n.startsWith(`${f.id}/${lead}`) && n.endsWith('.pdf'));
    expect(leadPdfs.length).toBeGreaterThan(0);
    expect(leadPdfs.reduce((s, [, r]) => s + r.cases, 0)).toBe(f.caseCount);
  }
});
