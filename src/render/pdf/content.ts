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

/**
 * Each code point's glyph code in a font subset (two bytes, Identity-H): the
 * Basic Multilingual Plane in a typed array (-1 where the subset has no
 * glyph, -2 where `other` has it), and in `other` the characters outside it
 * or laid out as several glyphs.
 */
export interface GlyphCodes {
  readonly bmp: Int32Array;
  readonly other: ReadonlyMap<number, readonly number[]>;
}

/** One content stream, and the faces it uses. */
export interface Stream {
  bytes: Uint8Array;
  /** FlateDecode; a short stream (a page number) is stored as it is. */
  deflated: boolean;
  faces: FontKey[];
}

const num = (n: number) => round(n).toString();

/** A byte inside a literal string: 0, or the character after the backslash that escapes it (parentheses, backslash, CR, LF). */
const ESCAPE = new Uint8Array(256);
ESCAPE[0x28] = 0x28;
ESCAPE[0x29] = 0x29;
ESCAPE[0x5c] = 0x5c;
ESCAPE[0x0d] = 0x72;
ESCAPE[0x0a] = 0x6e;

export interface DrawFonts {
  codes(face: FontKey): GlyphCodes;
  /** Advance width, for underlines. */
  width(face: FontKey, text: string, size: number): number;
}

/**
 * A page's operators, written as bytes into one buffer reused page after
 * page (one per run, in its render context): the bytes live only until they
 * are compressed, and glyph codes go straight in, never through a string.
 */
export class OpsBuffer {
  private buf = Buffer.allocUnsafe(1 << 16);
  private at = 0;

  /** Start a new stream (the last one's bytes are overwritten). */
  start(): void {
    this.at = 0;
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  /** Operators: ASCII. */
  text(s: string): void {
    this.room(s.length);
    const b = this.buf;
    let at = this.at;
    for (let i = 0; i < s.length; i++) b[at++] = s.charCodeAt(i);
    this.at = at;
  }

  /**
   * `text` as glyph codes inside a literal string (PDF 32000 7.3.4.2): two
   * bytes a glyph, half the size of hex. Parentheses and backslash are
   * escaped, and CR and LF, which a reader would otherwise normalise. A
   * character the subset lacks is glyph 0 (.notdef).
   */
  glyphs(text: string, codes: GlyphCodes): void {
    // At most four bytes a glyph (both bytes escaped); a character of several glyphs makes room for them.
    this.room(text.length * 4);
    let b = this.buf;
    let at = this.at;
    const bmp = codes.bmp;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let code = bmp[c]!;
      // The common case, a character of one glyph, written here; its bytes escaped by the table.
      if (code >= 0 && (c < 0xd800 || c > 0xdbff)) {
        const hi = code >> 8;
        const lo = code & 0xff;
        let e = ESCAPE[hi]!;
        if (e) (b[at++] = 0x5c), (b[at++] = e);
        else b[at++] = hi;
        e = ESCAPE[lo]!;
        if (e) (b[at++] = 0x5c), (b[at++] = e);
        else b[at++] = lo;
        continue;
      }
      let cp = c;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (cp = text.codePointAt(i)!) > 0xffff) (code = -2), i++;
      let ids: readonly number[] = [code < 0 ? 0 : code];
      if (code === -2) {
        const several = codes.other.get(cp);
        if (several) {
          this.at = at;
          this.room(several.length * 4 + (text.length - i) * 4);
          (b = this.buf), (at = this.at);
          ids = several;
        }
      }
      for (const id of ids) {
        for (const byte of [id >> 8, id & 0xff]) {
          const e = ESCAPE[byte]!;
          if (e) (b[at++] = 0x5c), (b[at++] = e);
          else b[at++] = byte;
        }
      }
    }
    this.at = at;
  }

  /**
   * A number as `round(n).toString()` writes it (points.ts: to a hundredth),
   * digit by digit, with no string made: a table page has a thousand of them.
   */
  num(n: number): void {
    let k = Math.round(round(n) * 100);
    this.room(24);
    const b = this.buf;
    let at = this.at;
    if (k < 0) (b[at++] = 0x2d), (k = -k);
    const whole = Math.floor(k / 100);
    const frac = k - whole * 100;
    if (whole >= 1e15) {
      // Beyond any page: the general form.
      this.at = at;
      this.text(String(whole + frac / 100));
      return;
    }
    if (whole === 0) b[at++] = 0x30;
    else {
      const start = at;
      for (let w = whole; w > 0; w = Math.floor(w / 10)) b[at++] = 0x30 + (w % 10);
      for (let lo = start, hi = at - 1; lo < hi; lo++, hi--) {
        const d = b[lo]!;
        b[lo] = b[hi]!;
        b[hi] = d;
      }
    }
    if (frac !== 0) {
      b[at++] = 0x2e;
      b[at++] = 0x30 + Math.floor(frac / 10);
      if (frac % 10 !== 0) b[at++] = 0x30 + (frac % 10);
    }
    this.at = at;
  }

  /** The stream written so far, valid until the next start(). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.at);
  }

  /** Let the buffer go (it grows again if used). */
  release(): void {
    this.buf = Buffer.alloc(0);
    this.at = 0;
  }
}

/**
 * The page's operators and the faces they use. The rules come first, then all
 * the text in one text object, each string placed by `Td` from the one
 * before: a table page is mostly strings, and this keeps its stream short.
 * Nothing on a page overlaps, so the order does not show.
 */
function contentOps(items: readonly Item[], fonts: DrawFonts, out: OpsBuffer): FontKey[] {
  const faces = new Set<FontKey>();
  out.start();
  out.text('0 g 0 G\n');
  let lineWidth = -1;
  // `x1 y1 m x2 y2 l S`, each number as num() writes it, with no string made: a table page has a rule a row.
  const rule = (width: number, x1: number, y1: number, x2: number, y2: number) => {
    if (width !== lineWidth) out.num(width), out.text(' w\n'), (lineWidth = width);
    out.num(x1);
    out.text(' ');
    out.num(PAGE.height - y1);
    out.text(' m ');
    out.num(x2);
    out.text(' ');
    out.num(PAGE.height - y2);
    out.text(' l S\n');
  };
  // Rules first (underlines with them), in the order of the items.
  for (const it of items) {
    if (it.kind === 'rule') rule(it.width, it.x1, it.y1, it.x2, it.y2);
    else if (it.underline) rule(0.5, it.x, it.y + 1.5, it.x + fonts.width(it.font, it.text, it.size), it.y + 1.5);
  }
  let font: FontKey | undefined;
  let size = -1;
  // The start of the current text line, in PDF coordinates, as the reader tracks it.
  let lx = 0;
  let ly = 0;
  let inText = false;
  for (const it of items) {
    if (it.kind === 'rule') continue;
    if (!inText) out.text('BT\n'), (inText = true);
    if (it.font !== font || it.size !== size) out.text(`/${FONT_NAME[it.font]} ${num(it.size)} Tf\n`), (font = it.font), (size = it.size);
    faces.add(it.font);
    const x = round(it.x - lx);
    const y = round(PAGE.height - it.y - ly);
    out.num(x);
    out.text(' ');
    out.num(y);
    out.text(' Td (');
    out.glyphs(it.text, fonts.codes(it.font));
    out.text(') Tj\n');
    lx += x;
    ly += y;
  }
  if (inText) out.text('ET');
  return [...faces];
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
  const faces = contentOps(items, fonts, buffer);
  const raw = buffer.bytes();
  // The operators sit in the reused buffer: a stored stream takes a copy.
  if (raw.length < STORE_BELOW) return { bytes: Uint8Array.prototype.slice.call(raw), deflated: false, faces };
  // deflateSync answers with a view of a 16 KB buffer; a kept table page holds 2 KB of it. Keep only those.
  return { bytes: Uint8Array.prototype.slice.call(deflateSync(raw, DEFLATE)), deflated: true, faces };
}
