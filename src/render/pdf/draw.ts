/**
 * Drawing: positioned lines to PDF bytes, the thin step. Each page's content
 * stream is written directly (one font resource per face per page, not one
 * per string), text is encoded glyph by glyph from the run's font subsets
 * (its render context), and a table page the motion and the order share is drawn
 * once. Dates and the file ID come from the
 * as-of date and the content, so the same input gives the same bytes.
 */
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from '@cantoo/pdf-lib';
import { createHash } from 'node:crypto';
import { PAGE } from '../pleading';
import { extraCodePoints } from './charset';
import { drawItems, FONT_NAME, type DrawFonts, type Stream } from './content';
import type { RenderContext } from './context';
import { copyInto, type FaceSubset } from './font-set';
import type { FontKey } from './fonts';
import { tableKey } from './table-streams';
import type { LaidDocument, OutlineEntry, Table } from './types';

export interface DrawOptions {
  asOf: string;
  producer: string;
  /** Told the exhibit rows of each table page as it is added (for progress). */
  onRows?: (rows: number) => void;
}

/** Per face, the characters outside the base set, over the whole document. */
function extrasByFace(doc: LaidDocument): Map<FontKey, Set<number>> {
  const out = new Map<FontKey, Set<number>>();
  const add = (font: FontKey, chars: (into: Set<number>) => void) => {
    let set = out.get(font);
    if (!set) out.set(font, (set = new Set()));
    chars(set);
  };
  const tables = new Set<Table>();
  for (const p of doc.pages) {
    for (const it of p.items) if (it.kind === 'text') add(it.font, (set) => extraCodePoints(it.text, set));
    if (p.table) tables.add(p.table.table);
  }
  for (const t of tables) {
    add('bold', (set) => t.extra.bold.forEach((c) => set.add(c)));
    add('regular', (set) => t.extra.regular.forEach((c) => set.add(c)));
  }
  return out;
}

export async function drawPdf(doc: LaidDocument, ctx: RenderContext, opts: DrawOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const subsets = new Map<FontKey, FaceSubset>();
  const refs = new Map<FontKey, PDFRef>();
  for (const [face, extra] of extrasByFace(doc)) {
    const subset = await ctx.subsets.face(face, extra);
    subsets.set(face, subset);
    refs.set(face, copyInto(subset, pdf));
  }
  const draw: DrawFonts = {
    codes: (face) => subsets.get(face)!.codes,
    width: (face, text, size) => subsets.get(face)!.font.widthOfTextAtSize(text, size),
  };
  // A table's streams are reused by the next document only if its faces were encoded the same way.
  const key = tableKey(subsets.get('regular'), subsets.get('bold'));
  const pageRefs: PDFRef[] = [];
  for (const laid of doc.pages) {
    const page = pdf.addPage([PAGE.width, PAGE.height]);
    pageRefs.push(page.ref);
    const streams: Stream[] = [];
    if (laid.table) {
      const { table: t, page: p } = laid.table;
      streams.push(ctx.tables.stream(t, p, draw, key));
      opts.onRows?.((t.firstRows[p + 1] ?? t.ex.cases.length) - t.firstRows[p]!);
    }
    streams.push(drawItems(laid.items, draw, ctx.ops));
    for (const face of new Set(streams.flatMap((s) => s.faces))) page.node.setFontDictionary(PDFName.of(FONT_NAME[face]), refs.get(face)!);
    for (const s of streams) page.node.addContentStream(pdf.context.register(pdf.context.stream(s.bytes, s.deflated ? { Filter: 'FlateDecode' } : {})));
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
  // No yielding to the event loop every 50 objects: each yield waits a timer tick, and a thousand-page exhibit has thousands of objects.
  return pdf.save({ useObjectStreams: true, objectsPerTick: Infinity });
}

/** Bookmarks (rule 3.1110(f)): the document parts and every exhibit, with PageMode /UseOutlines. */
export function addOutline(pdf: PDFDocument, entries: OutlineEntry[], pageRefs: PDFRef[]): void {
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
