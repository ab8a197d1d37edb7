/**
 * One TrueType subset as the PDF objects that embed it (PDF 32000 9.7, a
 * Type0 font with Identity-H encoding over a CIDFontType2), made with fontkit
 * directly: the objects pdf-lib's subset embedder writes, key for key
 * (__tests__/font-embed.test.ts compares them), without pdf-lib's document,
 * its JavaScript deflate, or a layout per string. The base subsets are made
 * ahead of time, the others once per run (font-set.ts, base-subsets.ts).
 */
import * as fontkit from '@cantoo/fontkit';
import { deflateSync } from 'node:zlib';
import type { GlyphCodes } from './content';

/** One object of a font, as PDF text with `\u0000i\u0000` where it refers to the font's object i; a stream has its stored bytes. */
export interface FontObject {
  text: string;
  stream?: Uint8Array;
}

export interface EmbeddedSubset {
  codes: GlyphCodes;
  /** The Type0 font first. */
  objects: FontObject[];
  /** Advance width of `text` at `size`, as laid out by the font (for underlines). */
  width(text: string, size: number): number;
}

interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

interface Font {
  unitsPerEm: number;
  italicAngle: number;
  ascent: number;
  descent: number;
  capHeight: number;
  xHeight: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  post?: { isFixedPitch?: number };
  head?: { macStyle?: { italic?: boolean } };
  'OS/2'?: { sFamilyClass: number };
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string): { glyphs: Glyph[] };
  createSubset(): { includeGlyph(g: Glyph): number; encode(): Uint8Array };
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0').toUpperCase();

/** PDF font flags as pdf-lib derives them (after pdfkit): serif by the OS/2 family class, always symbolic. */
function fontFlags(font: Font): number {
  const familyClass = font['OS/2'] ? font['OS/2'].sFamilyClass : 0;
  let flags = 0;
  if (font.post?.isFixedPitch) flags |= 1 << 0;
  if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
  flags |= 1 << 2;
  if (familyClass === 10) flags |= 1 << 3;
  if (font.head?.macStyle?.italic) flags |= 1 << 6;
  return flags;
}

/** The ToUnicode CMap: each subset glyph's characters. */
function toUnicode(glyphs: readonly Glyph[]): string {
  const cp = (c: number) => (c <= 0xffff ? hex4(c) : hex4(0xd800 + ((c - 0x10000) >> 10)) + hex4(0xdc00 + ((c - 0x10000) & 0x3ff)));
  const chars = glyphs.map((g, i) => `<${hex4(i + 1)}> <${g.codePoints.map(cp).join('')}>`);
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo <<',
    '  /Registry (Adobe)',
    '  /Ordering (UCS)',
    '  /Supplement 0',
    '>> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000><ffff>',
    'endcodespacerange',
    `${chars.length} beginbfchar`,
    ...chars,
    'endbfchar',
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** Each character's glyph codes in a subset, in the order the subset was asked for (their codes follow it). */
export type SubsetChars = ReadonlyArray<readonly [cp: number, codes: readonly number[]]>;

/** What a subset is, as plain data: its characters' codes and its objects (font-set.ts keeps the base subsets ready made). */
export interface SubsetData {
  chars: SubsetChars;
  /** The Type0 font first. */
  objects: FontObject[];
}

const open = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes)) as unknown as Font;

/** The glyph code tables for a subset's characters. */
export function glyphCodes(chars: SubsetChars): GlyphCodes {
  const codes = { bmp: new Int32Array(0x10000).fill(-1), other: new Map<number, number[]>() };
  for (const [cp, ids] of chars) {
    if (cp <= 0xffff && ids.length === 1) codes.bmp[cp] = ids[0]!;
    else (codes.other.set(cp, [...ids]), cp <= 0xffff && (codes.bmp[cp] = -2));
  }
  return codes;
}

/** Advance width of text at a size as the font lays it out (for underlines); the font is opened on first use. */
export function layoutWidth(bytes: Uint8Array, opened?: Font): (text: string, size: number) => number {
  let font = opened;
  return (text, size) => {
    font ??= open(bytes);
    const scale = 1000 / font.unitsPerEm;
    let total = 0;
    for (const g of font.layout(text).glyphs) total += g.advanceWidth * scale;
    return total * (size / 1000);
  };
}

/**
 * Embed the font `bytes` as a subset named `name` holding the characters
 * `chars`, in that order (their glyph codes follow it); those in `ifPresent`
 * only where the font has a glyph for them.
 */
export function embedSubset(bytes: Uint8Array, name: string, chars: readonly number[], ifPresent: ReadonlySet<number> = new Set()): EmbeddedSubset {
  const font = open(bytes);
  const data = subsetOf(font, name, chars, ifPresent);
  return { codes: glyphCodes(data.chars), objects: data.objects, width: layoutWidth(bytes, font) };
}

/** The subset as plain data (embedSubset's work, without the code tables). */
export function subsetData(bytes: Uint8Array, name: string, chars: readonly number[], ifPresent: ReadonlySet<number> = new Set()): SubsetData {
  return subsetOf(open(bytes), name, chars, ifPresent);
}

function subsetOf(font: Font, name: string, chars: readonly number[], ifPresent: ReadonlySet<number>): SubsetData {
  const cps = chars.filter((cp) => !ifPresent.has(cp) || font.hasGlyphForCodePoint(cp));
  const subset = font.createSubset();
  const scale = 1000 / font.unitsPerEm;
  /** The subset's glyphs by their code - 1 (code 0 is .notdef). */
  const glyphs: Glyph[] = [];
  const include = (g: Glyph) => {
    const id = subset.includeGlyph(g);
    glyphs[id - 1] = g;
    return id;
  };
  const codes: Array<[number, number[]]> = [];
  // One layout of every character, spaced so no two can form a ligature: the same glyphs, in the same
  // order, as a layout per character, at a fraction of the cost. Checked, else one at a time.
  const laid = font.layout(cps.map((cp) => String.fromCodePoint(cp)).join(' ')).glyphs;
  const spaced = laid.length === 2 * cps.length - 1 && laid.every((g, i) => i % 2 === 0 || g.id === laid[1]!.id);
  if (spaced) {
    const ids = laid.map(include);
    cps.forEach((cp, i) => codes.push([cp, [ids[2 * i]!]]));
  } else {
    for (const cp of cps) codes.push([cp, font.layout(String.fromCodePoint(cp)).glyphs.map(include)]);
  }
  // Widths, in runs of consecutive codes: the codes are 1..n, one run.
  const widths = glyphs.map((g) => String(g.advanceWidth * scale));
  const { minX, minY, maxX, maxY } = font.bbox;
  const objects: FontObject[] = [
    { text: `<</Type /Font/Subtype /Type0/BaseFont /${name}/Encoding /Identity-H/DescendantFonts [\u00001\u0000]/ToUnicode \u00002\u0000>>` },
    {
      text: `<</Type /Font/Subtype /CIDFontType2/CIDToGIDMap /Identity/BaseFont /${name}/CIDSystemInfo <</Registry (Adobe)/Ordering (Identity)/Supplement 0>>/FontDescriptor \u00003\u0000/W [${glyphs.length ? `1 [${widths.join(' ')}]` : ''}]>>`,
    },
    { text: '<</Filter /FlateDecode>>', stream: deflateSync(Buffer.from(toUnicode(glyphs), 'latin1')) },
    {
      text: `<</Type /FontDescriptor/FontName /${name}/Flags ${fontFlags(font)}/FontBBox [${[minX * scale, minY * scale, maxX * scale, maxY * scale].join(' ')}]/ItalicAngle ${font.italicAngle}/Ascent ${font.ascent * scale}/Descent ${font.descent * scale}/CapHeight ${(font.capHeight || font.ascent) * scale}/XHeight ${(font.xHeight || 0) * scale}/StemV 0/FontFile2 \u00004\u0000>>`,
    },
    { text: '<</Filter /FlateDecode>>', stream: deflateSync(subset.encode()) },
  ];
  return { chars: codes, objects };
}
