/**
 * The summary PDF's fonts (src/summary/pdf-fonts.ts) are laid out without
 * glyph positioning and remember what they measured: they must measure and
 * encode every string exactly as pdf-lib's plain embedding of the same font.
 */
import * as fontkit from '@cantoo/fontkit';
import { PDFDocument } from '@cantoo/pdf-lib';
import { loadFonts } from '../src/io/fonts';
import { embedFont } from '../src/summary/pdf-fonts';

test('the summary fonts give the widths and glyphs of a plain pdf-lib embedding, string by string and size by size', async () => {
  const bytes = loadFonts().bytes.regular;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const plain = await doc.embedFont(bytes, { subset: true });
  const ours = await embedFont(await PDFDocument.create(), bytes, 'BMTEST+LiberationSerif');
  // Kerning pairs, ligature candidates, an accent composed from a combining mark (GSUB ccmp), figures, dashes.
  const strings = ['AV To Wa', 'fi ffl office', 'e\u0301 cafe\u0301 Pe\u00f1a', '1,234,567 fewer than 11', 'Cases by court \u2013 2010s \u2019', 'AV To Wa'];
  for (const size of [9, 7.5, 16, 9]) {
    for (const s of strings) {
      expect(`${size} ${s}: ${ours.widthOfTextAtSize(s, size)}`).toBe(`${size} ${s}: ${plain.widthOfTextAtSize(s, size)}`);
      expect(ours.encodeText(s).toString()).toBe(plain.encodeText(s).toString());
    }
  }
});
