/**
 * Positioned lines to one page content stream: PDF operators, glyph codes
 * from the font subsets' tables, deflated. No PDF objects here, so a worker
 * thread can draw table pages too (table-streams.ts).
 */
import { deflateSync } from 'node:zlib';
import { PAGE } from '../pleading';
import type { FontKey } from './fonts';
import { round } from './points';
import type { Item } from './types';

export const FONT_NAME: Record<FontKey, string> = { regular: 'F1', bold: 'F2', italic: 'F3', boldItalic: 'F4' };

/** Each code point's glyph code: two bytes, escaped for a PDF literal string. */
export type GlyphCodes = ReadonlyMap<number, string>;

/** One content stream, and the faces it uses. */
export interface Stream {
  bytes: Uint8Array;
  /** FlateDecode; a short stream (a page number) is stored as it is. */
  deflated: boolean;
  faces: FontKey[];
}

const num = (n: number) => round(n).toString();

/** Glyph codes for text, as the inside of a literal string. A character not in the table is .notdef. */
function encodeLiteral(codes: GlyphCodes, text: string): string {
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

/**
 * The page's operators, uncompressed, and the faces they use. The rules come
 * first, then all the text in one text object, each string placed by `Td`
 * from the one before: a table page is mostly strings, and this keeps its
 * stream short. Nothing on a page overlaps, so the order does not show.
 */
function contentOps(items: readonly Item[], fonts: DrawFonts): { ops: string; faces: FontKey[] } {
  const faces = new Set<FontKey>();
  let rules = '0 g 0 G\n';
  let lineWidth = -1;
  const rule = (width: number, x1: number, y1: number, x2: number, y2: number) => {
    if (width !== lineWidth) (rules += `${num(width)} w\n`), (lineWidth = width);
    rules += `${num(x1)} ${num(PAGE.height - y1)} m ${num(x2)} ${num(PAGE.height - y2)} l S\n`;
  };
  let text = '';
  let font: FontKey | undefined;
  let size = -1;
  // The start of the current text line, in PDF coordinates, as the reader tracks it.
  let lx = 0;
  let ly = 0;
  for (const it of items) {
    if (it.kind === 'rule') {
      rule(it.width, it.x1, it.y1, it.x2, it.y2);
      continue;
    }
    if (it.font !== font || it.size !== size) (text += `/${FONT_NAME[it.font]} ${num(it.size)} Tf\n`), (font = it.font), (size = it.size);
    faces.add(it.font);
    const x = num(it.x - lx);
    const y = num(PAGE.height - it.y - ly);
    text += `${x} ${y} Td (${encodeLiteral(fonts.codes(it.font), it.text)}) Tj\n`;
    lx += Number(x);
    ly += Number(y);
    if (it.underline) rule(0.5, it.x, it.y + 1.5, it.x + fonts.width(it.font, it.text, it.size), it.y + 1.5);
  }
  return { ops: text ? `${rules}BT\n${text}ET` : rules, faces: [...faces] };
}

/**
 * The operators as bytes, in one buffer reused page after page (one per run,
 * in its render context): the bytes live only until they are compressed, and
 * a fresh buffer per page would leave a statewide table's worth of them for
 * the garbage collector.
 */
export class OpsBuffer {
  private buf = Buffer.allocUnsafe(1 << 16);

  /** `s` as Latin-1 bytes, valid until the next call. */
  latin1(s: string): Buffer {
    if (s.length > this.buf.length) this.buf = Buffer.allocUnsafe(s.length * 2);
    return this.buf.subarray(0, this.buf.write(s, 0, 'latin1'));
  }

  /** Let the buffer go (it grows again if used). */
  release(): void {
    this.buf = Buffer.alloc(0);
  }
}

/**
 * Node's native deflate, not pdf-lib's JavaScript one: exhibit pages are most
 * of a run's bytes. Setting up a deflate costs about as much as compressing a
 * whole table page (bench/README.md), so a stream shorter than this is stored
 * as it is.
 */
const DEFLATE = { level: 2 };
const STORE_BELOW = 1024;

export function drawItems(items: readonly Item[], fonts: DrawFonts, buffer: OpsBuffer): Stream {
  const { ops, faces } = contentOps(items, fonts);
  const raw = buffer.latin1(ops);
  // The operators sit in the reused buffer: a stored stream takes a copy.
  if (raw.length < STORE_BELOW) return { bytes: Uint8Array.prototype.slice.call(raw), deflated: false, faces };
  // deflateSync answers with a view of a 16 KB buffer; a kept table page holds 2 KB of it. Keep only those.
  return { bytes: Uint8Array.prototype.slice.call(deflateSync(raw, DEFLATE)), deflated: true, faces };
}
