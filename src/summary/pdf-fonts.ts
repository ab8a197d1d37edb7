/**
 * The summary PDF's fonts: Liberation Serif, embedded by pdf-lib as a subset.
 * pdf-lib lays out every string it measures or draws with fontkit, OpenType
 * shaping included; two things make that cheaper without changing a byte:
 * - it reads only the glyphs of the layout and their advance widths, never the
 *   glyph positions, so the positioning features (kerning, mark and cursive
 *   attachment: GPOS) are turned off; the substitutions (GSUB: composed
 *   accents, ligatures), which choose the glyphs, stay on;
 * - each string's width and glyphs are remembered: the summary measures the
 *   same labels many times (a long table once for each number of rows it tries
 *   on a page) and draws the same words often.
 */
import * as fontkit from '@cantoo/fontkit';
import type { PDFDocument, PDFFont, PDFHexString } from '@cantoo/pdf-lib';

export const UNPOSITIONED = { kern: false, mark: false, mkmk: false, curs: false };

/** `bytes` embedded in `pdf` as a subset named `customName`, laid out as above. */
export async function embedFont(pdf: PDFDocument, bytes: Uint8Array, customName: string): Promise<PDFFont> {
  pdf.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  return remembering(await pdf.embedFont(bytes, { subset: true, customName, features: UNPOSITIONED }));
}

/** The font, answering each width and encoding it has given before from memory: the same answers. */
function remembering(font: PDFFont): PDFFont {
  const widths = new Map<string, number>();
  const encoded = new Map<string, PDFHexString>();
  const width = font.widthOfTextAtSize.bind(font);
  const encode = font.encodeText.bind(font);
  return Object.assign(font, {
    widthOfTextAtSize(text: string, size: number): number {
      const key = `${size} ${text}`;
      let w = widths.get(key);
      if (w === undefined) widths.set(key, (w = width(text, size)));
      return w;
    },
    encodeText(text: string): PDFHexString {
      let e = encoded.get(text);
      if (e === undefined) encoded.set(text, (e = encode(text)));
      return e;
    },
  });
}
