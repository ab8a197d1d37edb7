/**
 * generate --packets: one zip per office under packets/, holding exactly the
 * documents of that office's filings (volumes included) and a cover.pdf,
 * each entry byte for byte the file the manifest lists, in a fixed order with
 * the as-of date; the same inputs give the same zips, a rerun that keeps
 * filings included. (The cover's text is read with pdftotext in
 * __tests__/tools/packets.test.ts.)
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { unzipSync } from 'fflate';
import JSZip from 'jszip';
import { generate } from '../src';
import { loadFonts } from '../src/io/fonts';
import { packetZip, planPackets, renderCover } from '../src/packets';
import { Readable } from 'node:stream';
import { parseConfig } from '../src/config/load';
import { gogenCondensedLines } from '../src/samples/gogen-generator';
import { expectOutputMatchesManifest } from './helpers/output';
import type { OutputRecord } from '../src/output/manifest';

const root = path.join(__dirname, '..');
const asOf = '2026-11-26';
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** What the manifest records of each file, as written to manifest.json. */
type Record_ = OutputRecord;
interface Manifest {
  filings: Array<{ id: string; agency: string; caseCount: number; documents: Record_[] }>;
  outputs: Record_[];
}

let tmp: string;
let cases: string;
let config: string;
const out = (n: string) => path.join(tmp, n);
const manifest = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
const run = (dir: string, extra: Record<string, unknown> = {}) => generate({ cases: [cases], config, out: dir, asOf, packets: true, ...extra });

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'bm-packets-'));
  cases = path.join(tmp, 'cases.csv');
  config = path.join(tmp, 'config.yaml');
  // Small volumes, so the largest filings' exhibits are split and the packets must carry every volume.
  writeFileSync(config, readFileSync(path.join(root, 'samples', 'los-angeles', 'config.yaml'), 'utf8').replace(/^exhibit:\n/m, 'exhibit:\n  volume_max_pages: 10\n'));
  writeFileSync(cases, [...gogenCondensedLines({ cases: 2000, seed: 3, messy: false })].join(''));
  const a = await run(out('a'));
  expect(a.ok).toBe(true);
  const b = await run(out('b'), { threads: 1 });
  expect(b.ok).toBe(true);
}, 240_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The documents of an agency's filings, as the manifest lists them, in its filings' order. */
const agencyDocuments = (m: Manifest, agency: string) => m.filings.filter((f) => f.agency === agency).flatMap((f) => f.documents);

test('the manifest lists one packet per office with filings, kind packet, format zip, under packets/', () => {
  const m = expectOutputMatchesManifest(out('a')) as unknown as Manifest;
  const packets = m.outputs.filter((o) => o.kind === 'packet');
  const agencies = [...new Set(m.filings.map((f) => f.agency))].sort();
  expect(packets.map((p) => p.path).sort()).toEqual(agencies.map((a) => `packets/${a}.zip`));
  expect(packets.every((p) => p.format === 'zip')).toBe(true);
  // No packet is any filing's document.
  expect(m.filings.flatMap((f) => f.documents).filter((d) => d.kind === 'packet')).toEqual([]);
});

test("each packet unzips to cover.pdf and exactly its office's documents, volumes included, byte for byte as the manifest lists them", () => {
  const m = manifest(out('a'));
  let volumes = 0;
  for (const agency of new Set(m.filings.map((f) => f.agency))) {
    const entries = unzipSync(readFileSync(path.join(out('a'), 'packets', `${agency}.zip`)));
    const docs = agencyDocuments(m, agency);
    // The cover, then every document: filing by filing, motion then order, volume by volume, DOCX before PDF.
    const kind = (d: Record_) => ['motion', 'order'].indexOf(d.kind);
    const ordered = m.filings.filter((f) => f.agency === agency).flatMap((f) => [...f.documents].sort((a, b) => kind(a) - kind(b) || (a.volume ?? 1) - (b.volume ?? 1) || (a.format < b.format ? -1 : 1)));
    expect(Object.keys(entries)).toEqual(['cover.pdf', ...ordered.map((d) => d.path)]);
    for (const d of docs) expect(`${d.path} ${sha256(entries[d.path]!)}`).toBe(`${d.path} ${d.sha256}`);
    volumes += docs.filter((d) => d.volume).length;
  }
  expect(volumes).toBeGreaterThan(4);
});

test('records carry each PDF\'s page count and each document\'s cases; a filing\'s volumes add up to its cases', async () => {
  const m = manifest(out('a'));
  for (const f of m.filings) {
    for (const d of f.documents) {
      if (d.format === 'pdf') expect((await PDFDocument.load(readFileSync(path.join(out('a'), d.path)))).getPageCount()).toBe(d.pages);
      else expect(d.pages).toBeUndefined();
    }
    // The first document of a filing (a motion, or a notice of challenge) lists every case, volume by volume.
    const lead = f.documents.find((d) => d.format === 'pdf')!.kind;
    const leadPdfs = f.documents.filter((d) => d.kind === lead && d.format === 'pdf');
    expect(leadPdfs.reduce((n, d) => n + d.cases!, 0)).toBe(f.caseCount);
  }
}, 60_000);

test('the cover is one letter page, and every entry has the as-of date and a fixed mode', async () => {
  const zip = await JSZip.loadAsync(readFileSync(path.join(out('a'), 'packets', 'da.zip')));
  const names = Object.keys(zip.files);
  expect(names.length).toBeGreaterThan(10);
  for (const n of names) {
    const e = zip.files[n]!;
    expect([e.date.getFullYear(), e.date.getMonth() + 1, e.date.getDate(), e.date.getHours()]).toEqual([2026, 11, 26, 0]);
    expect(e.unixPermissions).toBe(0o100644);
  }
  const cover = await PDFDocument.load(await zip.files['cover.pdf']!.async('uint8array'));
  expect(cover.getPageCount()).toBe(1);
  expect(cover.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
  expect(cover.getTitle()).toBe('Filing packet: Los Angeles County District Attorney');
  expect(cover.getCreationDate()?.toISOString()).toBe(`${asOf}T00:00:00.000Z`);
});

test('the same inputs give byte-identical packets (another folder, one thread, and a rerun that keeps every filing)', async () => {
  const again = await run(out('a'));
  expect(again.kept).toBe(again.filings.length);
  const a = manifest(out('a')).outputs.filter((o) => o.kind === 'packet');
  const b = manifest(out('b')).outputs.filter((o) => o.kind === 'packet');
  expect(a.length).toBeGreaterThan(1);
  expect(b).toEqual(a);
  for (const p of a) expect(readFileSync(path.join(out('b'), p.path)).equals(readFileSync(path.join(out('a'), p.path)))).toBe(true);
}, 120_000);

test('without --packets there are none', async () => {
  const r = await generate({ cases: [cases], config, out: out('c'), asOf, format: ['pdf'] });
  expect(r.ok).toBe(true);
  expect(manifest(out('c')).outputs.filter((o) => o.kind === 'packet' || o.path.startsWith('packets/'))).toEqual([]);
}, 120_000);

test('a packet too long for one page at 9 points shrinks its table to stay on one page', async () => {
  const parsed = parseConfig(readFileSync(config, 'utf8'), config);
  const agency = parsed.config!.agencies[0]!;
  const documents = Array.from({ length: 60 }, (_, i) => ({ path: `${agency.id}-felony-x/motion-exhibit-a-vol-${i + 2}.pdf`, kind: 'motion', format: 'pdf', volume: i + 2, pages: 1000, cases: 40000, bytes: 1, sha256: 'f'.repeat(64) }));
  const [packet] = planPackets({ grouping: ['agency'], filings: [{ id: `${agency.id}-felony-x`, agency: agency.id, caseCount: 2400000 } as never] }, parsed.config!, documents);
  const pdf = await PDFDocument.load(await renderCover(packet!, loadFonts().bytes, { asOf, producer: 'test' }));
  expect(pdf.getPageCount()).toBe(1);
});

test('a staged file that is not the size its record says fails the packet, not the process', async () => {
  const zip = packetZip(Buffer.from('cover'), [{ name: 'x/motion.pdf', bytes: 10, open: () => Readable.from([Buffer.from('short')]) }], asOf);
  await expect((async () => {
    for await (const _ of zip) void _;
  })()).rejects.toThrow();
});
