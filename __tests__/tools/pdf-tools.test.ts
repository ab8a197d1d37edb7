/**
 * Every PDF of the Los Angeles sample, checked with qpdf and poppler:
 * structure, embedded fonts, page size, bookmarks, line numbers, and every
 * filed case number extractable exactly once per exhibit.
 * Needs qpdf, pdffonts, pdfinfo, pdftotext (`npm run test:tools`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadFonts } from '../../src/io/fonts';
import { createRenderContext } from '../../src/render/pdf';
import { drawPdf } from '../../src/render/pdf/draw';
import type { LaidDocument } from '../../src/render/pdf/types';
import { GRID, PAGE, PLEADING } from '../../src/render/pleading';
import { bboxPages, lineNumbers, plainText } from './pdf-text';

const root = path.join(__dirname, '..', '..');
const out = path.join(mkdtempSync(path.join(tmpdir(), 'bm-pdf-')), 'out');
interface Doc {
  path: string;
  format: string;
  kind: string;
}
let filings: Array<{ id: string; caseCount: number; challenge?: boolean; documents: Doc[] }> = [];
const index = new Map<string, string[]>();

beforeAll(() => {
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'generate', '--cases', 'samples/los-angeles/cases.csv', '--config', 'samples/los-angeles/config.yaml', '--out', out, '--as-of', '2026-11-26', '--quiet', '--format', 'pdf'], { cwd: root, stdio: 'ignore' });
  if (r.status !== 3) throw new Error(`generate exited ${r.status}`);
  filings = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).filings;
  for (const line of readFileSync(path.join(out, 'index.csv'), 'utf8').split('\r\n').slice(1)) {
    const [caseNumber, filingId] = line.split(',');
    if (caseNumber && filingId) index.set(filingId, [...(index.get(filingId) ?? []), caseNumber]);
  }
  // The notices of challenge's cases (HS 11361.9) are in challenged.csv, not index.csv.
  for (const line of readFileSync(path.join(out, 'challenged.csv'), 'utf8').split('\r\n').slice(1)) {
    const [caseNumber, filingId] = line.split(',');
    if (caseNumber && filingId) index.set(filingId, [...(index.get(filingId) ?? []), caseNumber]);
  }
}, 120_000);

const pdfs = () => filings.flatMap((f) => f.documents.filter((d) => d.format === 'pdf').map((d) => ({ filing: f, file: path.join(out, d.path) })));

test('every filing has a motion.pdf and an order.pdf; a notice of challenge has its notice.pdf', () => {
  // As many as the plan has (the sample's count changes with the law table's routing).
  expect(filings.length).toBe(JSON.parse(readFileSync(path.join(out, 'plan.json'), 'utf8')).filings.length);
  expect(filings.length).toBeGreaterThan(10);
  for (const f of filings) expect(f.documents.map((d) => path.basename(d.path)).sort()).toEqual(f.challenge ? ['notice.pdf'] : ['motion.pdf', 'order.pdf']);
  expect(filings.filter((f) => f.challenge).map((f) => f.id)).toEqual(['da-felony-challenge']);
});

test('pdftotext of the notice of challenge finds every challenged case number, its ground, and the public defender', () => {
  const notices = filings.filter((f) => f.challenge);
  expect(notices.length).toBeGreaterThan(0);
  for (const f of notices) {
    const file = path.join(out, f.documents.find((d) => d.format === 'pdf')!.path);
    const text = plainText(file);
    const flat = text.replace(/\s+/g, ' ');
    const numbers = index.get(f.id)!;
    expect(numbers).toHaveLength(f.caseCount);
    for (const n of numbers) expect(`${n}: ${text.split(n).length - 1}`).toBe(`${n}: 1`);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Title: +NOTICE OF CHALLENGE TO RELIEF UNDER HEALTH AND SAFETY CODE SECTION 11361\.8\n/);
    expect(flat).toContain('NOTICE OF CHALLENGE TO RELIEF');
    expect(flat.toLowerCase()).toContain('public defender');
    expect(flat).toContain('TO THE HONORABLE COURT AND TO THE PUBLIC DEFENDER');
    expect(flat).toContain('Criteria');
    // Served on the public defender: the proof of service names the office.
    expect(flat).toContain('PROOF OF SERVICE');
    expect(flat).toContain('Los Angeles County Public Defender');
    // A notice asks for no order: nothing in it is an order's text.
    expect(flat).not.toContain('IT IS ORDERED');
  }
});

test('qpdf --check passes', () => {
  for (const { file } of pdfs()) {
    const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(`${path.basename(file)}: ${r.status}`).toBe(`${path.basename(file)}: 0`);
    expect(r.stdout).toContain('No syntax or stream encoding errors');
  }
});

test('every font is embedded, and none is a standard-14 font', () => {
  for (const { file } of pdfs()) {
    const rows = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatch(/LiberationSerif/);
      expect(row).toMatch(/ yes +yes +yes /);
    }
  }
});

test('every page is 612 x 792 and the metadata is set', () => {
  for (const { file, filing } of pdfs()) {
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', file], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/Page +\d+ size: +([\d.]+) x ([\d.]+) pts/g)];
    expect(sizes.length).toBeGreaterThan(3);
    for (const m of sizes) expect(`${m[1]} x ${m[2]}`).toBe('612 x 792');
    expect(info).toMatch(/Author: +.*(Attorney|Prosecutor)/);
    expect(info).toMatch(/CreationDate: +.*2026/);
    expect(info).toContain(`Subject:         ${filing.caseCount} `);
  }
});

test('bookmarks lead to the notice, the memorandum and every exhibit; the viewer opens them', () => {
  for (const { file } of pdfs()) {
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', file], { encoding: 'utf8' }));
    const titles = (json.outlines as Array<{ title: string }>).map((o) => o.title);
    expect(titles.some((t) => /^EXHIBIT A/.test(t))).toBe(true);
    if (path.basename(file) === 'motion.pdf') expect(titles).toContain('MEMORANDUM OF POINTS AND AUTHORITIES');
    if (path.basename(file) === 'notice.pdf') expect(titles[0]).toBe('NOTICE OF CHALLENGE TO RELIEF UNDER HEALTH AND SAFETY CODE SECTION 11361.8');
    const raw = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { maxBuffer: 1 << 28 }).toString('latin1');
    expect(raw).toMatch(/\/PageMode \/UseOutlines/);
  }
});

test('pleading pages carry the grid numbers at the left margin, the footer title under the page number', () => {
  for (const { file } of pdfs()) {
    const pages = bboxPages(file);
    const cover = pages.findIndex((p) => p.some((w) => w.text === 'EXHIBIT' && w.y1 - w.y0 > 20));
    expect(cover).toBeGreaterThan(0);
    for (const words of pages.slice(0, cover)) {
      const nums = lineNumbers(words, PLEADING.left);
      expect([...nums.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: GRID.lines }, (_, k) => k + 1));
      const bottom = words.filter((w) => w.y0 > PLEADING.top + GRID.lines * GRID.pitch);
      const pageNo = bottom.find((w) => /^\d+$/.test(w.text));
      expect(pageNo).toBeDefined();
      expect(bottom.filter((w) => w.y0 > pageNo!.y1 - 1 && /[A-Z]{3,}/.test(w.text)).length).toBeGreaterThan(2);
    }
  }
});

test('pdftotext gives up every filed case number exactly once per exhibit', () => {
  for (const { file, filing } of pdfs()) {
    const numbers = index.get(filing.id)!;
    expect(numbers).toHaveLength(filing.caseCount);
    const text = plainText(file);
    for (const n of numbers) expect(`${n}: ${text.split(n).length - 1}`).toBe(`${n}: 1`);
  }
});

test('split into volumes, the PDFs give every case once, in order, rows numbered on (motion and order alike)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bm-vol-'));
  const cfg = path.join(dir, 'config.yaml');
  writeFileSync(cfg, readFileSync(path.join(root, 'samples', 'los-angeles', 'config.yaml'), 'utf8').replace(/^exhibit:\n/m, 'exhibit:\n  volume_max_pages: 10\n'));
  const cases = path.join(dir, 'cases.csv');
  execFileSync(process.execPath, [path.join(root, 'dist', 'samples', 'main.js'), '--cases', '2000', '--seed', '3', '--clean', '--out', cases], { stdio: 'ignore' });
  const dest = path.join(dir, 'out');
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'generate', '--cases', cases, '--config', cfg, '--out', dest, '--as-of', '2026-11-26', '--format', 'pdf', '--quiet'], { encoding: 'utf8' });
  // A generated list is clean but for the law: cities state no basis for relief beyond the statute, so
  // their former-section cases go to review (BM310). Nothing else may be wrong.
  expect(r.stderr.split('\n').filter((l) => / (error|review) BM/.test(l) && !/ review BM310 /.test(l))).toEqual([]);
  expect([0, 3]).toContain(r.status);
  const m = JSON.parse(readFileSync(path.join(dest, 'manifest.json'), 'utf8')) as { filings: Array<{ id: string; caseCount: number; documents: Array<{ path: string; kind: string; volume?: number }> }> };
  // The largest filing, which splits into the most volumes.
  const felony = [...m.filings].sort((a, b) => b.caseCount - a.caseCount)[0]!;
  const expected = readFileSync(path.join(dest, 'index.csv'), 'utf8').split('\r\n').slice(1).map((l) => l.split(',')).filter((c) => c[1] === felony.id).map((c) => c[0]!);
  for (const kind of ['motion', 'order']) {
    const docs = felony.documents.filter((d) => d.kind === kind).sort((a, b) => (a.volume ?? 1) - (b.volume ?? 1));
    expect(docs.length).toBeGreaterThan(2);
    const rows: Array<[number, string]> = [];
    for (const d of docs) {
      for (const line of execFileSync('pdftotext', ['-raw', path.join(dest, d.path), '-'], { encoding: 'utf8' }).split('\n')) {
        const hit = /^(\d+) ([A-Z]{2}\d{6}) /.exec(line);
        if (hit) rows.push([Number(hit[1]), hit[2]!]);
      }
    }
    expect(rows.map((r) => r[1])).toEqual(expected);
    expect(rows.map((r) => r[0])).toEqual(expected.map((_, i) => i + 1));
  }
});

test('names outside Latin-1 render and can be searched when the exhibit lists names', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bm-names-'));
  const cfg = path.join(dir, 'config.yaml');
  const text = readFileSync(path.join(root, 'samples', 'alameda', 'config.yaml'), 'utf8');
  writeFileSync(cfg, `${text.replace(/^exhibit:[\s\S]*?(?=^\S)/m, '')}\nexhibit:\n  columns: [row, case_number, court, code_sections, conviction_date, relief, defendant_name]\n`);
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'generate', '--cases', path.join(root, 'samples', 'alameda', 'cases.csv'), '--config', cfg, '--out', path.join(dir, 'out'), '--as-of', '2026-11-26', '--format', 'pdf', '--quiet'], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const all = filingsIn(path.join(dir, 'out')).map((f) => plainText(f)).join('\n');
  for (const name of ['NGUYỄN, THỊ LAN', 'Zoë Müller', 'Garcia, Maria']) expect(all).toContain(name);
});

test('every character of the run-wide font subsets, and some outside them, round-trips through pdftotext', async () => {
  // Glyph codes are written as literal-string bytes: some of them are "(", ")", "\\", CR or LF and must be escaped.
  const chars: string[] = [];
  for (const [a, b] of [[0x21, 0x7e], [0xc0, 0x17f], [0x1ea0, 0x1ef9], [0x2013, 0x2014], [0x201c, 0x201d]] as const) for (let c = a; c <= b; c++) chars.push(String.fromCodePoint(c));
  chars.push('Ж', 'Ω', 'λ');
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += 40) lines.push(chars.slice(i, i + 40).join(''));
  const fonts = loadFonts();
  const doc: LaidDocument = {
    title: 't', author: 'a', subject: 's', outline: [],
    pages: [{ kind: 'exhibit', items: lines.map((text, i) => ({ kind: 'text' as const, x: 40, y: 60 + i * 16, size: 10, font: i % 2 ? ('bold' as const) : ('regular' as const), text })) }],
  };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bm-glyphs-')), 'glyphs.pdf');
  writeFileSync(file, await drawPdf(doc, createRenderContext(fonts), { asOf: '2026-11-26', producer: 'test' }));
  expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);
  const got = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\n').map((l) => l.replace(/\f/g, '').normalize('NFC')).filter(Boolean);
  expect(got).toEqual(lines.map((l) => l.normalize('NFC')));
});

function filingsIn(out: string): string[] {
  const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { outputs: Array<{ path: string; format: string }> };
  return m.outputs.filter((o) => o.format === 'pdf').map((o) => path.join(out, o.path));
}

test('struck cases are in no PDF', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bm-strike-'));
  const felony = index.get('da-felony-dismiss-and-seal')!;
  const gone = [felony[1]!, felony[7]!];
  const edits = path.join(dir, 'edits.csv');
  writeFileSync(edits, `case_number,action,value,reason\n${gone.map((n) => `${n},strike,,Struck at hearing`).join('\n')}\n`);
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'generate', '--cases', 'samples/los-angeles/cases.csv', '--config', 'samples/los-angeles/config.yaml', '--out', path.join(dir, 'out'), '--as-of', '2026-11-26', '--format', 'pdf', '--edits', edits, '--quiet'], { cwd: root });
  expect(r.status).toBe(3);
  const text = filingsIn(path.join(dir, 'out')).map((f) => plainText(f)).join('\n');
  for (const n of gone) expect(text).not.toContain(n);
  expect(text).toContain(felony[0]!);
});
