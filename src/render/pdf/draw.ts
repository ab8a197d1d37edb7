/**
 * Drawing: positioned lines to PDF bytes, the thin step. Each page's content
 * stream is written directly (one font resource per face per page, not one
 * per string), text is encoded glyph by glyph from a per-character cache,
 * and the fonts are embedded as subsets. Dates and the file ID come from the
 * as-of date and the content, so the same input gives the same bytes.
 */
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFFont, type PDFRef } from '@cantoo/pdf-lib';
import * as fontkit from '@cantoo/fontkit';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PAGE } from '../pleading';
import { FONT_KEYS, type FontBytes, type FontKey } from './fonts';
import type { LaidDocument, OutlineEntry } from './types';

export interface DrawOptions {
  asOf: string;
  producer: string;
}

const FONT_NAME: Record<FontKey, string> = { regular: 'F1', bold: 'F2', italic: 'F3', boldItalic: 'F4' };
/** Subset font names are a six-letter tag, then the font's name (PDF 32000 9.6.4). */
const SUBSET_NAME: Record<FontKey, string> = {
  regular: 'BMAAAA+LiberationSerif',
  bold: 'BMAAAB+LiberationSerif-Bold',
  italic: 'BMAAAC+LiberationSerif-Italic',
  boldItalic: 'BMAAAD+LiberationSerif-BoldItalic',
};

const num = (n: number) => (Math.round(n * 100) / 100).toString();

class GlyphEncoder {
  private cache = new Map<string, string>();
  constructor(private readonly font: PDFFont) {}
  hex(text: string): string {
    let out = '';
    for (const ch of text) {
      let h = this.cache.get(ch);
      if (h === undefined) {
        h = this.font.encodeText(ch).asString();
        this.cache.set(ch, h);
      }
      out += h;
    }
    return out;
  }
}

export async function drawPdf(doc: LaidDocument, fonts: FontBytes, opts: DrawOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const embedded = {} as Record<FontKey, PDFFont>;
  const encoders = {} as Record<FontKey, GlyphEncoder>;
  for (const k of FONT_KEYS) {
    embedded[k] = await pdf.embedFont(fonts[k], { subset: true, customName: SUBSET_NAME[k] });
    encoders[k] = new GlyphEncoder(embedded[k]);
  }
  const pageRefs: PDFRef[] = [];
  for (const laid of doc.pages) {
    const page = pdf.addPage([PAGE.width, PAGE.height]);
    pageRefs.push(page.ref);
    const used = new Set<FontKey>();
    const ops: string[] = ['0 g 0 G'];
    let inText = false;
    let font: string | undefined;
    for (const it of laid.items) {
      if (it.kind === 'rule') {
        if (inText) (ops.push('ET'), (inText = false));
        ops.push(`${num(it.width)} w ${num(it.x1)} ${num(PAGE.height - it.y1)} m ${num(it.x2)} ${num(PAGE.height - it.y2)} l S`);
        continue;
      }
      if (!inText) (ops.push('BT'), (inText = true), (font = undefined));
      const f = `/${FONT_NAME[it.font]} ${num(it.size)} Tf`;
      if (f !== font) (ops.push(f), (font = f));
      used.add(it.font);
      ops.push(`1 0 0 1 ${num(it.x)} ${num(PAGE.height - it.y)} Tm <${encoders[it.font].hex(it.text)}> Tj`);
      if (it.underline) {
        const w = embedded[it.font].widthOfTextAtSize(it.text, it.size);
        ops.push('ET', `0.5 w ${num(it.x)} ${num(PAGE.height - it.y - 1.5)} m ${num(it.x + w)} ${num(PAGE.height - it.y - 1.5)} l S`);
        inText = false;
      }
    }
    if (inText) ops.push('ET');
    for (const k of used) page.node.setFontDictionary(PDFName.of(FONT_NAME[k]), embedded[k].ref);
    // Node's native deflate: several times faster than pdf-lib's JavaScript one on exhibit pages.
    const stream = pdf.context.stream(deflateSync(Buffer.from(ops.join('\n'), 'latin1'), { level: 2 }), { Filter: 'FlateDecode' });
    page.node.addContentStream(pdf.context.register(stream));
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
  return pdf.save({ useObjectStreams: true });
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
