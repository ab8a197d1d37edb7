/**
 * Work the Word files share instead of repeating it per document: each
 * exhibit's cells and column widths made once for the documents showing it,
 * styles.xml and theme1.xml written once per style set, docx's parts taken
 * from its compiler rather than zipped and unzipped, and exhibits that fit
 * one Word file not measured for volumes, small parts deflated at once. None
 * of it may change a byte.
 */
import * as path from 'node:path';
import { Document, Paragraph, TextRun } from 'docx';
import { strFromU8 } from 'fflate';
import { composeDocument } from '../src/compose';
import { compileSet } from '../src/compose/handlebars';
import { planDocxVolumes } from '../src/docx-volumes';
import { loadFonts } from '../src/io/fonts';
import { loadTemplates } from '../src/io/templates';
import type { DocumentModel } from '../src/model/types';
import { renderDocx } from '../src/render/docx';
import { packageParts } from '../src/render/docx/package-parts';
import { inProcessDocx } from '../src/render/docx/renderer';
import { addSmallBuffer } from '../src/render/docx/small-parts';
import { ZipFile } from 'yazl';
import { createRenderContext } from '../src/render/pdf';
import { laRun, root } from './helpers/documents';

const ASOF = '2026-11-26';
// zlib's own deflateRaw, on the module object yazl calls it on.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zlibModule = require('node:zlib') as { deflateRaw: unknown };
const deflateRaw = zlibModule.deflateRaw;
const fonts = loadFonts();

let motion: DocumentModel;
let order: DocumentModel;
let small: DocumentModel;
beforeAll(async () => {
  const r = await laRun();
  const t = await loadTemplates(path.join(root, 'samples', 'los-angeles', 'config.yaml'), undefined);
  const { compiled } = compileSet(t.set!);
  const filings = r.plan!.filings.filter((f) => !f.challenge).sort((a, b) => b.caseCount - a.caseCount);
  const compose = (kind: 'motion' | 'order', i: number) => composeDocument(kind, filings[i]!, r.config!, ASOF, { compiled: compiled!, set: t.set! }).model!;
  motion = compose('motion', 0);
  // As composeAll gives them: the motion and the order share their exhibit.
  const ex = motion.parts.find((p) => p.kind === 'exhibit')!;
  const o = compose('order', 0);
  order = { ...o, parts: o.parts.map((p) => (p.kind === 'exhibit' ? ex : p)) };
  small = compose('motion', filings.length - 1);
}, 60_000);

test('the motion and the order rendered here, sharing their exhibit\'s cells, are the bytes each gives alone', async () => {
  const here = inProcessDocx(fonts.metrics);
  const shared = await Promise.all([here.render(motion, ASOF), here.render(order, ASOF), here.render(small, ASOF)]);
  for (const [i, model] of [motion, order, small].entries()) expect(shared[i]!.equals(await renderDocx(model, { asOf: ASOF, metrics: fonts.metrics }))).toBe(true);
});

test('a document rendered after others (styles and theme reused) is the bytes it gives in a fresh process', async () => {
  await renderDocx(motion, { asOf: ASOF, metrics: fonts.metrics });
  const after = await renderDocx(order, { asOf: ASOF, metrics: fonts.metrics });
  let fresh: Buffer | undefined;
  await jest.isolateModulesAsync(async () => {
    const docx = (await import('../src/render/docx')) as typeof import('../src/render/docx');
    fresh = await docx.renderDocx(order, { asOf: ASOF, metrics: fonts.metrics });
  });
  expect(after.equals(fresh!)).toBe(true);
});

test('docx\'s parts from its compiler are the parts its zip holds', async () => {
  const make = () =>
    new Document({
      title: 'T',
      styles: { paragraphStyles: [{ id: 'X', name: 'X', run: { size: 18 } }] },
      sections: [{ children: [new Paragraph({ children: [new TextRun({ text: 'a & b  "c" é', bold: true })] })] }, { children: [new Paragraph('2')] }],
    });
  // docx stamps core.xml with the time it runs (renderDocx puts the as-of date in its place).
  const text = (m: Map<string, string | Uint8Array>) => new Map([...m].map(([k, v]) => [k, (typeof v === 'string' ? v : strFromU8(v)).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T')]));
  const compiled = text(await packageParts(make(), undefined, false));
  const zipped = text(await packageParts(make(), undefined, true));
  expect([...compiled.keys()].sort()).toEqual([...zipped.keys()].sort());
  expect(compiled).toEqual(zipped);
  expect(compiled.get('word/styles.xml')).toContain('w:styleId="X"');
});

test('only exhibits longer than a Word file holds are measured for volumes', () => {
  const ctx = createRenderContext(fonts);
  const measured: number[] = [];
  const table = ctx.tables.table.bind(ctx.tables);
  ctx.tables.table = (ex) => (measured.push(ex.cases.length), table(ex));
  const rows = motion.parts.flatMap((p) => (p.kind === 'exhibit' ? [p.exhibit.cases.length] : []))[0]!;
  expect(planDocxVolumes([motion, order], ctx, rows).map((docs) => docs.length)).toEqual([1, 1]);
  expect(measured).toEqual([]);
  expect(planDocxVolumes([motion, order], ctx, rows - 1).map((docs) => docs.length)).toEqual([2, 2]);
  expect(measured[0]).toBe(rows);
});

test('parts deflated at once are the zip yazl writes deflating them itself', async () => {
  const zip = async (add: (z: ZipFile, b: Buffer, name: string, o: Parameters<ZipFile['addBuffer']>[2]) => void) => {
    const z = new ZipFile();
    const entry = { mtime: new Date(2026, 10, 26), forceDosTimestamp: true, mode: 0o100644 };
    add(z, Buffer.from('<w:styles>'.repeat(800) + 'é'), 'word/styles.xml', { ...entry, compress: true, compressionLevel: 2 });
    add(z, Buffer.from('<a/>'), 'small.xml', { ...entry, compress: false, compressionLevel: 0 });
    add(z, Buffer.from(Array.from({ length: 5000 }, (_, i) => String(i * 7919)).join(',')), 'numbers.txt', { ...entry, compress: true, compressionLevel: 9 });
    z.end();
    const chunks: Buffer[] = [];
    for await (const c of z.outputStream as AsyncIterable<Buffer>) chunks.push(c);
    return Buffer.concat(chunks);
  };
  const asYazl = await zip((z, b, n, o) => z.addBuffer(b, n, o));
  const now = await zip(addSmallBuffer);
  expect(now.equals(asYazl)).toBe(true);
  // zlib's own deflateRaw is back in place afterwards.
  expect(zlibModule.deflateRaw).toBe(deflateRaw);
});
