/**
 * The PDF file writer (src/render/pdf/writer.ts): its cross-reference stream
 * points at every object, in the file or in an object stream, and a reader
 * (pdf-lib) finds the objects and pages through it; page operators write
 * numbers as before. qpdf --check runs on the rendered PDFs in the tool tests.
 */
import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import fc from 'fast-check';
import { OpsBuffer } from '../src/render/pdf/content';
import { round } from '../src/render/pdf/points';
import { PdfFile, textString } from '../src/render/pdf/writer';

/** The file's cross-reference stream, decoded: [type, field 2, field 3] per object number. */
function xref(bytes: Buffer): { entries: Array<[number, number, number]>; dict: string } {
  const text = bytes.toString('latin1');
  const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  const head = text.slice(start, text.indexOf('stream\n', start));
  const length = Number(/\/Length (\d+)/.exec(head)![1]);
  const at = start + head.length + 'stream\n'.length;
  const table = inflateSync(bytes.subarray(at, at + length));
  const entries: Array<[number, number, number]> = [];
  for (let i = 0; i < table.length; i += 7) entries.push([table[i]!, table.readUInt32BE(i + 1), table.readUInt16BE(i + 5)]);
  return { entries, dict: head };
}

/** A small file: pages whose content streams, page dicts and catalogue are spread over several object streams. */
function sample(pages: number): Buffer {
  const file = new PdfFile();
  const catalog = file.alloc();
  const tree = file.alloc();
  const nums = Array.from({ length: pages }, () => file.alloc());
  nums.forEach((n, i) => {
    const content = file.alloc();
    file.stream(content, '', Buffer.from(`BT /F1 12 Tf 72 700 Td (page ${i + 1}) Tj ET`, 'latin1'));
    file.object(n, `<</Type /Page/Parent ${tree} 0 R/MediaBox [0 0 612 792]/Contents [${content} 0 R]>>`);
  });
  file.object(tree, `<</Type /Pages/Kids [${nums.map((n) => `${n} 0 R`).join(' ')}]/Count ${pages}>>`);
  file.object(catalog, `<</Type /Catalog/Pages ${tree} 0 R>>`);
  const info = file.alloc();
  file.object(info, `<</Title ${textString('Ünïcode 𝄞 title')}>>`);
  return file.finish(catalog, info, '0123456789ABCDEF0123456789ABCDEF');
}

test('every object is where the cross-reference stream says: at its offset, or in its object stream', () => {
  const bytes = sample(450);
  const text = bytes.toString('latin1');
  const { entries, dict } = xref(bytes);
  expect(dict).toMatch(new RegExp(`/Size ${entries.length}/`));
  expect(entries[0]).toEqual([0, 0, 65535]);
  const inStreams = new Map<number, string>();
  entries.forEach(([type, a, b], num) => {
    if (num === 0) return;
    if (type === 1) {
      expect(text.slice(a, a + `${num} 0 obj`.length)).toBe(`${num} 0 obj`);
      return;
    }
    expect(type).toBe(2);
    expect(entries[a]![0]).toBe(1);
    let body = inStreams.get(a);
    if (body === undefined) {
      const off = entries[a]![1];
      const head = text.slice(off, text.indexOf('stream\n', off));
      const length = Number(/\/Length (\d+)/.exec(head)![1]);
      const start = off + head.length + 'stream\n'.length;
      inStreams.set(a, (body = inflateSync(bytes.subarray(start, start + length)).toString('latin1')));
      expect(head).toMatch(/\/Type \/ObjStm/);
    }
    const first = Number(/\/First (\d+)/.exec(text.slice(entries[a]![1], entries[a]![1] + 200))![1]);
    const pairs = body.slice(0, first).trim().split(' ').map(Number);
    expect(pairs[2 * b]).toBe(num);
    const objectText = body.slice(first + pairs[2 * b + 1]!);
    expect(objectText.startsWith('<<')).toBe(true);
  });
  // Several object streams: 450 pages are more than one holds.
  expect(inStreams.size).toBeGreaterThan(1);
});

test('a reader finds the pages, their contents and the document information', async () => {
  const doc = await PDFDocument.load(sample(3), { updateMetadata: false });
  expect(doc.getPageCount()).toBe(3);
  expect(doc.getTitle()).toBe('Ünïcode 𝄞 title');
  expect(doc.getPage(2).node.get(PDFName.of('MediaBox'))?.toString()).toBe('[ 0 0 612 792 ]');
});

test('an object allocated but never written is a bug, not a broken file', () => {
  const file = new PdfFile();
  const catalog = file.alloc();
  file.alloc();
  file.object(catalog, '<</Type /Catalog>>');
  expect(() => file.finish(catalog, catalog, '00')).toThrow(/allocated but never written/);
});

test('page operators write numbers as round(n).toString() does, digit by digit', () => {
  const out = new OpsBuffer();
  fc.assert(
    fc.property(fc.oneof(fc.double({ min: -5000, max: 5000, noNaN: true }), fc.integer({ min: -100000, max: 100000 }).map((k) => k / 100), fc.constantFrom(0, -0, 0.005, -0.005, 0.995, 792, 12.5, 1e-9)), (n) => {
      out.start();
      out.num(n);
      expect(out.bytes().toString('latin1')).toBe(round(n).toString());
    }),
    { numRuns: 3000 },
  );
});
