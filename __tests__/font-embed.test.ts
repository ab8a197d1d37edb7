/**
 * A font subset embedded with fontkit directly (src/render/pdf/font-embed.ts)
 * is what pdf-lib's subset embedder made: the same objects, key for key, the
 * same glyph codes, the same font program and ToUnicode map once inflated,
 * the same widths for underlines.
 */
import { inflateSync } from 'node:zlib';
import * as fontkit from '@cantoo/fontkit';
import { PDFArray, PDFDict, PDFDocument, PDFRawStream, PDFRef, type PDFObject } from '@cantoo/pdf-lib';
import { loadFonts } from '../src/io/fonts';
import { BASE } from '../src/render/pdf/charset';
import { embedSubset, type FontObject } from '../src/render/pdf/font-embed';
import { FONT_KEYS } from '../src/render/pdf/fonts';

/** pdf-lib's objects for the font, root first, as text with `\u0000i\u0000` for references (font-embed's form). */
function serialise(doc: PDFDocument, root: PDFRef): FontObject[] {
  const order: PDFRef[] = [];
  const index = new Map<string, number>();
  const slot = (ref: PDFRef) => {
    let i = index.get(ref.tag);
    if (i === undefined) index.set(ref.tag, (i = order.push(ref) - 1));
    return i;
  };
  const text = (o: PDFObject): string => {
    if (o instanceof PDFRef) return `\u0000${slot(o)}\u0000`;
    if (o instanceof PDFDict) {
      let out = '<<';
      for (const [k, v] of o.entries()) if (k.asString() !== '/Length') out += `${k.asString()} ${text(v)}`;
      return `${out}>>`;
    }
    if (o instanceof PDFArray) return `[${o.asArray().map(text).join(' ')}]`;
    return o.toString();
  };
  const out: FontObject[] = [];
  slot(root);
  for (let i = 0; i < order.length; i++) {
    const o = doc.context.lookup(order[i]!);
    if (o instanceof PDFRawStream) out.push({ text: text(o.dict), stream: o.getContents() });
    else out.push({ text: text(o!) });
  }
  return out;
}

const bytes = loadFonts().bytes;
/** The base set, a few characters outside it (one outside the BMP), and one the font lacks. */
const chars = [...BASE, 0x0410, 0x4e2d, 0x1f600, 0x05d0];

test.each(FONT_KEYS)('%s: the objects, codes and widths pdf-lib made', async (face) => {
  const name = `BMTEST+${face}`;
  const ours = embedSubset(bytes[face], name, chars, BASE);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const font = await doc.embedFont(bytes[face], { subset: true, customName: name });
  const probe = fontkit.create(Buffer.from(bytes[face])) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
  const kept = chars.filter((cp) => !BASE.has(cp) || probe.hasGlyphForCodePoint(cp));
  const hex = font.encodeText(kept.map((cp) => String.fromCodePoint(cp)).join(' ')).asString();
  await doc.flush();
  const theirs = serialise(doc, font.ref);
  expect(ours.objects.map((o) => o.text)).toEqual(theirs.map((o) => o.text));
  ours.objects.forEach((o, i) => {
    if (!o.stream) return expect(theirs[i]!.stream).toBeUndefined();
    expect(Buffer.from(inflateSync(o.stream)).equals(Buffer.from(inflateSync(theirs[i]!.stream!)))).toBe(true);
  });
  // Each character's code: pdf-lib's, from the same spaced layout.
  kept.forEach((cp, i) => {
    const code = parseInt(hex.slice(2 * i * 4, 2 * i * 4 + 4), 16);
    const mine = cp <= 0xffff && ours.codes.bmp[cp]! >= 0 ? [ours.codes.bmp[cp]!] : ours.codes.other.get(cp);
    expect([cp, mine]).toEqual([cp, [code]]);
  });
  for (const text of ['Hello', 'office', 'Nguyễn Thị', '§§ 11361.8']) expect(ours.width(text, 12)).toBe(font.widthOfTextAtSize(text, 12));
});
