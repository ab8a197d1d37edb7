/**
 * Font subsets made once per run, not once per document. Subsetting and
 * compressing a TrueType font costs more than drawing a short document
 * (bench/README.md), and a county run draws dozens of them. Each face's subset holds a fixed base set (Latin, Latin
 * Extended-A, Vietnamese, common punctuation) in a fixed order, so a glyph's
 * code is the same in every document; a document with characters outside it
 * gets a subset with those added, sorted, and kept under them. The bundled
 * fonts' base subsets are made ahead of time (base-subsets.ts); the others
 * when first asked for.
 *
 * A subset's objects (the Type0 font, its descendant, descriptor, font
 * program and ToUnicode map) are made once (font-embed.ts), serialised with a
 * slot for each reference between them, and every PDF writes them under its
 * own object numbers (writer.ts).
 */
import { readyBase, type StoredSubsets } from './base-subsets';
import { BASE } from './charset';
import type { GlyphCodes } from './content';
import { glyphCodes, layoutWidth, subsetData, type FontObject, type SubsetData } from './font-embed';
import type { FontBytes, FontKey } from './fonts';
import type { PdfFile } from './writer';

export type { FontObject };

/** Subset font names are a six-letter tag, then the font's name (PDF 32000 9.6.4). */
export const SUBSET_NAME: Record<FontKey, string> = {
  regular: 'BMAAAA+LiberationSerif',
  bold: 'BMAAAB+LiberationSerif-Bold',
  italic: 'BMAAAC+LiberationSerif-Italic',
  boldItalic: 'BMAAAD+LiberationSerif-BoldItalic',
};

export interface FaceSubset {
  /** Identifies the subset: equal keys, equal glyph codes. */
  key: string;
  codes: GlyphCodes;
  /** The font's objects, serialised: the Type0 font first. */
  objects: readonly FontObject[];
  /** Advance width of `text` at `size` (for underlines). */
  width(text: string, size: number): number;
}

/**
 * A face's subset as data, with the base set and `extra` (sorted, outside it).
 * The base alone comes ready made for the bundled fonts (base-subsets.ts;
 * `stored` is that file's contents, for the tests).
 */
export function faceSubsetData(bytes: Uint8Array, face: FontKey, extra: readonly number[], stored?: StoredSubsets): SubsetData {
  // A character the font lacks stays out of the base; drawn, it gets .notdef like any other.
  const chars = [...BASE, ...extra];
  return (extra.length === 0 ? readyBase(face, bytes, SUBSET_NAME[face], chars, stored) : undefined) ?? subsetData(bytes, SUBSET_NAME[face], chars, BASE);
}

function build(bytes: Uint8Array, face: FontKey, extra: number[]): FaceSubset {
  const data = faceSubsetData(bytes, face, extra);
  return { key: `${face}:${extra.map((c) => c.toString(16)).join(',')}`, codes: glyphCodes(data.chars), objects: data.objects, width: layoutWidth(bytes) };
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
      hit = Promise.resolve(build(this.fonts[face], face, sorted));
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
