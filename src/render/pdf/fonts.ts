/**
 * Font metrics for layout, read with fontkit from the bundled Liberation
 * Serif (metric-compatible with Times New Roman, SIL Open Font License). The
 * caller reads the font files; this module only measures.
 */
import * as fontkit from '@cantoo/fontkit';

export const FONT_KEYS = ['regular', 'bold', 'italic', 'boldItalic'] as const;
export type FontKey = (typeof FONT_KEYS)[number];

export const FONT_FILES: Record<FontKey, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
};

export type FontBytes = Record<FontKey, Uint8Array>;

export interface Metrics {
  /** Advance width of `text` in points at `size`. */
  width(text: string, font: FontKey, size: number): number;
}

export function fontKey(bold?: boolean, italic?: boolean): FontKey {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

interface FontLike {
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

/**
 * Widths per code point, cached: a county exhibit measures the same few hundred
 * characters a million times. The Basic Multilingual Plane is a typed array
 * indexed by UTF-16 code unit (NaN until first measured); the rest is a map.
 */
export function metricsFrom(bytes: FontBytes): Metrics {
  const fonts = {} as Record<FontKey, { font: FontLike; bmp: Float64Array; astral: Map<number, number> }>;
  for (const k of FONT_KEYS) {
    const font = fontkit.create(Buffer.from(bytes[k])) as unknown as FontLike;
    fonts[k] = { font, bmp: new Float64Array(0x10000).fill(NaN), astral: new Map() };
  }
  const measure = (font: FontLike, cp: number) => font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
  return {
    width(text, key, size) {
      const f = fonts[key];
      let units = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
          const cp = text.codePointAt(i)!;
          if (cp > 0xffff) {
            i++;
            let w = f.astral.get(cp);
            if (w === undefined) f.astral.set(cp, (w = measure(f.font, cp)));
            units += w;
            continue;
          }
        }
        let w = f.bmp[c]!;
        if (w !== w) f.bmp[c] = w = measure(f.font, c);
        units += w;
      }
      return units * size;
    },
  };
}
