/**
 * The DOCX documents of the Los Angeles sample: every filing has a motion and
 * an order; each exhibit lists every filed case exactly once; nothing that was
 * not filed appears anywhere; the bytes are reproducible; and one small
 * filing's document.xml matches a golden file (compared only; `npm run accept`
 * writes it).
 */
import * as zlib from 'node:zlib';
import { rowFields } from '../src/ingest/types';
import type { PipelineResult } from '../src/pipeline';
import type { OutputFile } from '../src/output/manifest';
import { allText, docxPart, laDocuments, tableRows } from './helpers/documents';
import { GRID, PLEADING, twips } from '../src/render/pleading';
import { javascriptCrc32, useNativeCrc32 } from '../src/render/docx/crc32';
import { inglewoodOrderDocumentXml, readGolden } from './helpers/golden';

// buffer-crc32's own checksum, saved before anything here renders (rendering installs zlib's in its place).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const crc32 = require('buffer-crc32') as { unsigned: (b: Buffer | string, prev?: number) => number };
const originalUnsigned = crc32.unsigned;

let result: PipelineResult;
let files: OutputFile[];
beforeAll(async () => {
  ({ result, files } = await laDocuments());
});

test('every filing has a motion.docx and an order.docx; a notice of challenge its notice.docx', () => {
  const expected = result.plan!.filings.flatMap((f) => (f.challenge ? [`${f.id}/notice.docx`] : [`${f.id}/motion.docx`, `${f.id}/order.docx`]));
  expect(files.map((f) => f.path).sort()).toEqual(expected.sort());
  for (const f of files) expect(f.content.subarray(0, 2).toString()).toBe('PK');
});

test('each exhibit lists every filed case of its filing exactly once, in order', async () => {
  for (const filing of result.plan!.filings) {
    for (const kind of filing.challenge ? ['notice'] : ['motion', 'order']) {
      const xml = await docxPart(files.find((f) => f.path === `${filing.id}/${kind}.docx`)!.content, 'word/document.xml');
      const rows = tableRows(xml).filter((r) => r[0] !== '' && r[0] !== 'No.' && /^\d+$/.test(r[0]!));
      // The caption and signature tables have no numbered rows; the exhibit's rows are numbered 1..n.
      expect(rows.map((r) => r[1])).toEqual(filing.cases.map((c) => c.caseNumber));
      expect(rows.map((r) => Number(r[0]))).toEqual(filing.cases.map((_, i) => i + 1));
    }
  }
});

test('no excluded, review or rejected case appears in any document', async () => {
  const filed = new Set(result.plan!.filings.flatMap((f) => f.cases.map((c) => c.caseNumber)));
  const notFiled = new Set<string>();
  for (const list of [result.ingest!.excluded, result.ingest!.review, result.ingest!.rejected]) {
    for (const r of list) {
      const fields = rowFields(r.raw);
      const ofn = fields[r.raw.header.indexOf('OFN')]?.trim().toUpperCase();
      for (const n of [ofn, ...(fields[r.raw.header.indexOf('Case Number')] ?? '').split(';').map((x) => x.trim().toUpperCase())]) {
        if (n && n !== 'NULL' && !filed.has(n)) notFiled.add(n);
      }
    }
  }
  expect(notFiled.size).toBeGreaterThan(5);
  for (const f of files) {
    const text = allText(await docxPart(f.content, 'word/document.xml'));
    for (const n of notFiled) expect(text.includes(n)).toBe(false);
  }
});

test('the pleading header carries the numbers 1-27; exhibits carry no pleading footer', async () => {
  const f = files.find((x) => x.path === 'inglewood-misdemeanor-dismiss-and-seal/motion.docx')!;
  const header = await docxPart(f.content, 'word/header1.xml');
  const numbers = [...header.matchAll(/<w:t>(\d+)<\/w:t>/g)].map((m) => Number(m[1]));
  // The box exists twice: DrawingML and its VML fallback.
  expect(numbers).toEqual([...Array(GRID.lines).keys(), ...Array(GRID.lines).keys()].map((i) => i + 1));
  const footers = await Promise.all([1, 2].map((i) => docxPart(f.content, `word/footer${i}.xml`)));
  const doc = await docxPart(f.content, 'word/document.xml');
  expect(footers.filter((x) => allText(x).includes('MOTION TO DISMISS AND SEAL'))).toHaveLength(1);
  expect(doc).toContain('w:val="double"');
  // The footer's last line ends half an inch or more above the bottom edge.
  expect(Number(/<w:pgMar [^>]*w:footer="(\d+)"/.exec(doc)![1])).toBeGreaterThanOrEqual(twips(36));
  expect(PLEADING.footerDistance).toBeGreaterThanOrEqual(36);
});

test('rendering is byte-for-byte reproducible', async () => {
  const again = await laDocuments();
  expect(again.files.map((f) => f.content.toString('base64'))).toEqual(files.map((f) => f.content.toString('base64')));
});

test('golden word/document.xml for one small filing', async () => {
  expect(await inglewoodOrderDocumentXml(files)).toBe(readGolden('inglewood-order.document.xml'));
});

test('the native crc32 put in place of yazl\'s gives the same checksums as the JavaScript one', () => {
  useNativeCrc32();
  // The patch took effect: where zlib has crc32, buffer-crc32 no longer runs its own JavaScript loop.
  // (javascriptCrc32 is a bound copy, never identical to anything, so compare with the saved original.)
  const hasNative = typeof (zlib as { crc32?: unknown }).crc32 === 'function';
  expect(crc32.unsigned === originalUnsigned).toBe(!hasNative);
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) & 0xff;
  for (const size of [0, 1, 3, 100, 4096, 100_000]) {
    const buf = Buffer.from(Array.from({ length: size }, rand));
    expect(crc32.unsigned(buf)).toBe(javascriptCrc32(buf));
    // Continued from an earlier checksum, as yazl does chunk by chunk.
    const prev = javascriptCrc32(Buffer.from('earlier chunk'));
    expect(crc32.unsigned(buf, prev)).toBe(javascriptCrc32(buf, prev));
  }
  expect(crc32.unsigned('Nguyễn')).toBe(javascriptCrc32('Nguyễn'));
});
