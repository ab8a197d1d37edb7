/**
 * Drawing: positioned lines to PDF bytes, the thin step. Each page's content
 * stream is written directly (one font resource per face per page, not one
 * per string), text is encoded glyph by glyph from the run-wide font subsets
 * (font-set.ts), and a table page the motion and the order share is drawn
 * once. Dates and the file ID come from the
 * as-of date and the content, so the same input gives the same bytes.
 */
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from '@cantoo/pdf-lib';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PAGE } from '../pleading';
import { copyInto, encodeLiteral, extraCodePoints, faceSubset, inBase, type FaceSubset } from './font-set';
import type { FontBytes, FontKey } from './fonts';
import type { Item, LaidDocument, LaidPage, OutlineEntry } from './types';

export interface DrawOptions {
  asOf: string;
  producer: string;
}

const FONT_NAME: Record<FontKey, string> = { regular: 'F1', bold: 'F2', italic: 'F3', boldItalic: 'F4' };

const num = (n: number) => (Math.round(n * 100) / 100).toString();

/** Per face, the characters outside the base set, over the whole document. */
function extrasByFace(doc: LaidDocument): Map<FontKey, Set<number>> {
  const out = new Map<FontKey, Set<number>>();
  for (const p of doc.pages) {
    for (const it of p.items) {
      if (it.kind !== 'text') continue;
      let set = out.get(it.font);
      if (!set) out.set(it.font, (set = new Set()));
      if (!inBase(it.text)) extraCodePoints(it.text, set);
    }
  }
  return out;
}

/** One content stream's operators, deflated, and the faces it uses. */
interface Stream {
  bytes: Buffer;
  faces: FontKey[];
}

function drawItems(items: readonly Item[], from: number, fonts: Map<FontKey, FaceSubset>, first: string): Stream {
  const faces = new Set<FontKey>();
  const ops: string[] = [first];
  let inText = false;
  let font: string | undefined;
  for (let i = from; i < items.length; i++) {
    const it = items[i]!;
    if (it.kind === 'rule') {
      if (inText) (ops.push('ET'), (inText = false));
      ops.push(`${num(it.width)} w ${num(it.x1)} ${num(PAGE.height - it.y1)} m ${num(it.x2)} ${num(PAGE.height - it.y2)} l S`);
      continue;
    }
    if (!inText) (ops.push('BT'), (inText = true), (font = undefined));
    const f = `/${FONT_NAME[it.font]} ${num(it.size)} Tf`;
    if (f !== font) (ops.push(f), (font = f));
    faces.add(it.font);
    const subset = fonts.get(it.font)!;
    ops.push(`1 0 0 1 ${num(it.x)} ${num(PAGE.height - it.y)} Tm (${encodeLiteral(subset, it.text)}) Tj`);
    if (it.underline) {
      const w = subset.font.widthOfTextAtSize(it.text, it.size);
      ops.push('ET', `0.5 w ${num(it.x)} ${num(PAGE.height - it.y - 1.5)} m ${num(it.x + w)} ${num(PAGE.height - it.y - 1.5)} l S`);
      inText = false;
    }
  }
  if (inText) ops.push('ET');
  // Node's native deflate: several times faster than pdf-lib's JavaScript one on exhibit pages.
  return { bytes: deflateSync(Buffer.from(ops.join('\n'), 'latin1'), { level: 2 }), faces: [...faces] };
}

/**
 * A table page shared by the motion and the order (the same exhibit) is drawn
 * once: its stream is kept with the subsets it was encoded with, and reused
 * when the next document has the same subsets of those faces. Weak, so it
 * goes when the layout's table does.
 */
const sharedStreams = new WeakMap<readonly Item[], { subsets: string; stream: Stream }>();

const subsetKeys = (faces: readonly FontKey[], fonts: Map<FontKey, FaceSubset>) => faces.map((f) => fonts.get(f)!.key).join('|');

function sharedStream(shared: readonly Item[], fonts: Map<FontKey, FaceSubset>): Stream {
  const hit = sharedStreams.get(shared);
  if (hit && hit.subsets === subsetKeys(hit.stream.faces, fonts)) return hit.stream;
  const stream = drawItems(shared, 0, fonts, '0 g 0 G');
  sharedStreams.set(shared, { subsets: subsetKeys(stream.faces, fonts), stream });
  return stream;
}

export async function drawPdf(doc: LaidDocument, fonts: FontBytes, opts: DrawOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const subsets = new Map<FontKey, FaceSubset>();
  const refs = new Map<FontKey, PDFRef>();
  for (const [face, extra] of extrasByFace(doc)) {
    const subset = await faceSubset(fonts[face], face, extra);
    subsets.set(face, subset);
    refs.set(face, copyInto(subset, pdf));
  }
  const pageRefs: PDFRef[] = [];
  for (const laid of doc.pages) {
    const page = pdf.addPage([PAGE.width, PAGE.height]);
    pageRefs.push(page.ref);
    const streams: Stream[] = [];
    if (laid.shared) streams.push(sharedStream(laid.shared, subsets));
    streams.push(drawItems(laid.items, laid.shared?.length ?? 0, subsets, '0 g 0 G'));
    for (const face of new Set(streams.flatMap((s) => s.faces))) page.node.setFontDictionary(PDFName.of(FONT_NAME[face]), refs.get(face)!);
    for (const s of streams) page.node.addContentStream(pdf.context.register(pdf.context.stream(s.bytes, { Filter: 'FlateDecode' })));
  }
  addOutline(pdf, doc.outline, pageRefs);
  const when = new Date(`${opts.asOf}T00:00:00Z`);
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setAuthor(doc.author);
  pdf.setSubject(doc.subject);
  pdf.setCreator('bulk-motions');
  pdf.setProducer(opts.producer);
  pdf.setCreationDate(when);
  pdf.setModificationDate(when);
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  const id = createHash('sha256').update(`${doc.title}\u0000${doc.subject}\u0000${opts.asOf}\u0000${doc.pages.length}`).digest('hex').slice(0, 32);
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  // No yielding to the event loop every 50 objects (a timer tick each): a thousand-page exhibit would idle for seconds.
  return pdf.save({ useObjectStreams: true, objectsPerTick: Infinity });
}

/** Bookmarks (rule 3.1110(f)): the document parts and every exhibit, with PageMode /UseOutlines. */
function addOutline(pdf: PDFDocument, entries: OutlineEntry[], pageRefs: PDFRef[]): void {
  if (entries.length === 0) return;
  const ctx = pdf.context;
  const rootRef = ctx.nextRef();
  const build = (list: OutlineEntry[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = list.map(() => ctx.nextRef());
    let count = 0;
    list.forEach((e, i) => {
      const dict = ctx.obj({}) as PDFDict;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(e.title));
      dict.set(PDFName.of('Parent'), parent);
      dict.set(PDFName.of('Dest'), ctx.obj([pageRefs[e.page]!, PDFName.of('XYZ'), PDFNull, PDFNumber.of(PAGE.height - e.y), PDFNull]));
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < list.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      if (e.children.length) {
        const sub = build(e.children, refs[i]!);
        dict.set(PDFName.of('First'), sub.first);
        dict.set(PDFName.of('Last'), sub.last);
        dict.set(PDFName.of('Count'), PDFNumber.of(sub.count));
        count += sub.count;
      }
      ctx.assign(refs[i]!, dict);
      count++;
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, count };
  };
  const top = build(entries, rootRef);
  const root = ctx.obj({}) as PDFDict;
  root.set(PDFName.of('Type'), PDFName.of('Outlines'));
  root.set(PDFName.of('First'), top.first);
  root.set(PDFName.of('Last'), top.last);
  root.set(PDFName.of('Count'), PDFNumber.of(top.count));
  ctx.assign(rootRef, root);
  pdf.catalog.set(PDFName.of('Outlines'), rootRef);
}
