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

/** Widths per code point, cached: a county exhibit measures the same few hundred characters a million times. */
export function metricsFrom(bytes: FontBytes): Metrics {
  const fonts = {} as Record<FontKey, { font: FontLike; cache: Map<number, number> }>;
  for (const k of FONT_KEYS) {
    const font = fontkit.create(Buffer.from(bytes[k])) as unknown as FontLike;
    fonts[k] = { font, cache: new Map() };
  }
  return {
    width(text, key, size) {
      const f = fonts[key];
      let units = 0;
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        let w = f.cache.get(cp);
        if (w === undefined) {
          w = f.font.glyphForCodePoint(cp).advanceWidth / f.font.unitsPerEm;
          f.cache.set(cp, w);
        }
        units += w;
      }
      return units * size;
    },
  };
}
