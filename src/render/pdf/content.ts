/**
 * Positioned lines to one page content stream: PDF operators, glyph codes
 * from the font subsets' tables, deflated. No PDF objects here, so a worker
 * thread can draw table pages too (table-streams.ts).
 */
import { deflateSync } from 'node:zlib';
import { PAGE } from '../pleading';
import type { FontKey } from './fonts';
import type { Item } from './types';

export const FONT_NAME: Record<FontKey, string> = { regular: 'F1', bold: 'F2', italic: 'F3', boldItalic: 'F4' };

/** Each code point's glyph code: two bytes, escaped for a PDF literal string. */
export type GlyphCodes = ReadonlyMap<number, string>;

/** One content stream, deflated, and the faces it uses. */
export interface Stream {
  bytes: Uint8Array;
  faces: FontKey[];
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();

/** Glyph codes for text, as the inside of a literal string. A character not in the table is .notdef. */
export function encodeLiteral(codes: GlyphCodes, text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    out += codes.get(cp) ?? '\0\0';
  }
  return out;
}

export interface DrawFonts {
  codes(face: FontKey): GlyphCodes;
  /** Advance width, for underlines. */
  width(face: FontKey, text: string, size: number): number;
}

export function drawItems(items: readonly Item[], fonts: DrawFonts): Stream {
  const faces = new Set<FontKey>();
  const ops: string[] = ['0 g 0 G'];
  let inText = false;
  let font: string | undefined;
  for (const it of items) {
    if (it.kind === 'rule') {
      if (inText) (ops.push('ET'), (inText = false));
      ops.push(`${num(it.width)} w ${num(it.x1)} ${num(PAGE.height - it.y1)} m ${num(it.x2)} ${num(PAGE.height - it.y2)} l S`);
      continue;
    }
    if (!inText) (ops.push('BT'), (inText = true), (font = undefined));
    const f = `/${FONT_NAME[it.font]} ${num(it.size)} Tf`;
    if (f !== font) (ops.push(f), (font = f));
    faces.add(it.font);
    ops.push(`1 0 0 1 ${num(it.x)} ${num(PAGE.height - it.y)} Tm (${encodeLiteral(fonts.codes(it.font), it.text)}) Tj`);
    if (it.underline) {
      const w = fonts.width(it.font, it.text, it.size);
      ops.push('ET', `0.5 w ${num(it.x)} ${num(PAGE.height - it.y - 1.5)} m ${num(it.x + w)} ${num(PAGE.height - it.y - 1.5)} l S`);
      inText = false;
    }
  }
  if (inText) ops.push('ET');
  // Node's native deflate: several times faster than pdf-lib's JavaScript one on exhibit pages.
  return { bytes: deflateSync(Buffer.from(ops.join('\n'), 'latin1'), { level: 2 }), faces: [...faces] };
}
