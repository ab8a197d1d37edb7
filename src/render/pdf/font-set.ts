/**
 * Font subsets made once per run, not once per document. Subsetting and
 * compressing a TrueType font costs more than drawing a short document
 * (bench/README.md), and a county run draws dozens of them. Each face's subset holds a fixed base set (Latin, Latin
 * Extended-A, Vietnamese, common punctuation) in a fixed order, so a glyph's
 * code is the same in every document; a document with characters outside it
 * gets a subset with those added, sorted, and kept under them.
 *
 * pdf-lib embeds a subset in a small source document once (the Type0 font,
 * its descendant, descriptor, font program and ToUnicode map); those objects
 * are then serialised once, with a slot for each reference between them, and
 * every PDF writes them under its own object numbers (writer.ts).
 */
import { PDFArray, PDFDict, PDFDocument, PDFRawStream, PDFRef, type PDFFont, type PDFObject } from '@cantoo/pdf-lib';
import * as fontkit from '@cantoo/fontkit';
import { BASE } from './charset';
import type { GlyphCodes } from './content';
import type { FontBytes, FontKey } from './fonts';
import type { PdfFile } from './writer';

/** Subset font names are a six-letter tag, then the font's name (PDF 32000 9.6.4). */
const SUBSET_NAME: Record<FontKey, string> = {
  regular: 'BMAAAA+LiberationSerif',
  bold: 'BMAAAB+LiberationSerif-Bold',
  italic: 'BMAAAC+LiberationSerif-Italic',
  boldItalic: 'BMAAAD+LiberationSerif-BoldItalic',
};

export interface FaceSubset {
  /** Identifies the subset: equal keys, equal glyph codes. */
  key: string;
  /** The subset font (pdf-lib's, in its own small document): widths for underlines. */
  font: PDFFont;
  codes: GlyphCodes;
  /** The font's objects, serialised: the Type0 font first (fontObjects). */
  objects: readonly FontObject[];
}

/** One object of a font, as PDF text with `\u0000i\u0000` where it refers to the font's object i; a stream has its stored bytes. */
export interface FontObject {
  text: string;
  stream?: Uint8Array;
}

/**
 * Hex glyph codes as the bytes of a PDF literal string (PDF 32000 7.3.4.2):
 * half the size of hex in the content stream, and it compresses better.
 * Parentheses and backslash are escaped, and CR and LF, which a reader would
 * otherwise normalise.
 */
function literalBytes(hex: string): string {
  let out = '';
  for (let i = 0; i < hex.length; i += 2) {
    const b = parseInt(hex.slice(i, i + 2), 16);
    out += b === 0x28 || b === 0x29 || b === 0x5c ? `\\${String.fromCharCode(b)}` : b === 0x0d ? '\\r' : b === 0x0a ? '\\n' : String.fromCharCode(b);
  }
  return out;
}

interface FontLike {
  hasGlyphForCodePoint(cp: number): boolean;
}

async function build(bytes: Uint8Array, face: FontKey, extra: number[]): Promise<FaceSubset> {
  const source = await PDFDocument.create({ updateMetadata: false });
  source.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const font = await source.embedFont(bytes, { subset: true, customName: SUBSET_NAME[face] });
  const probe = fontkit.create(Buffer.from(bytes)) as unknown as FontLike;
  // A character the font lacks stays out of the base; drawn, it gets .notdef like any other.
  const cps = [...BASE, ...extra].filter((cp) => probe.hasGlyphForCodePoint(cp) || !BASE.has(cp));
  const codes = new Map<number, string>();
  // One layout of every character, spaced so no two can form a ligature: the same glyphs, in the same
  // order, as one encodeText per character, at a fraction of the cost. Checked, else one at a time.
  const hex = font.encodeText(cps.map((cp) => String.fromCodePoint(cp)).join(' ')).asString();
  const space = hex.slice(4, 8);
  if (hex.length === (2 * cps.length - 1) * 4 && cps.every((_, i) => i === 0 || hex.slice((2 * i - 1) * 4, 2 * i * 4) === space)) {
    cps.forEach((cp, i) => codes.set(cp, literalBytes(hex.slice(2 * i * 4, 2 * i * 4 + 4))));
  } else {
    for (const cp of cps) codes.set(cp, literalBytes(font.encodeText(String.fromCodePoint(cp)).asString()));
  }
  await source.flush();
  return { key: `${face}:${extra.map((c) => c.toString(16)).join(',')}`, font, codes, objects: fontObjects(source, font.ref) };
}

/**
 * One run's subsets of its fonts (a render context holds one): per face, the
 * subsets made so far, keyed by the extra characters they add. The font bytes
 * are the run's, so the face and the extra set are all a subset depends on.
 */
export class FontSubsets {
  private byFace = new Map<FontKey, Map<string, Promise<FaceSubset>>>();

  constructor(private readonly fonts: FontBytes) {}

  /** The subset of one face with the base set plus `extra` (sorted here). */
  face(face: FontKey, extra: Iterable<number> = []): Promise<FaceSubset> {
    const sorted = [...new Set(extra)].filter((c) => !BASE.has(c)).sort((a, b) => a - b);
    const key = sorted.join(',');
    let byKey = this.byFace.get(face);
    if (!byKey) this.byFace.set(face, (byKey = new Map()));
    let hit = byKey.get(key);
    if (!hit) {
      // Every document is independent of which came first: a fresh subset per distinct extra set.
      hit = build(this.fonts[face], face, sorted);
      byKey.set(key, hit);
      // A run with many distinct extra sets (names in many scripts) must not grow without bound.
      if (byKey.size > 64) byKey.delete(byKey.keys().next().value!);
    }
    return hit;
  }

  /** Let every subset go. */
  clear(): void {
    this.byFace.clear();
  }
}

/** The objects reachable from `root` in `doc`, root first, serialised with slots for their references to each other. */
function fontObjects(doc: PDFDocument, root: PDFRef): FontObject[] {
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
      // A stream's /Length is the writer's.
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
    else if (o) out.push({ text: text(o) });
    else throw new Error(`bug: font object ${order[i]!.tag} is missing`);
  }
  return out;
}

/** Write the subset's objects into `file`; returns the font's object number there. */
export function writeFont(subset: FaceSubset, file: PdfFile): number {
  const nums = subset.objects.map(() => file.alloc());
  subset.objects.forEach((o, i) => {
    const text = o.text.replace(/\u0000(\d+)\u0000/g, (_, k: string) => `${nums[Number(k)]} 0 R`);
    if (o.stream) file.stream(nums[i]!, text.slice(2, -2), o.stream);
    else file.object(nums[i]!, text);
  });
  return nums[0]!;
}
