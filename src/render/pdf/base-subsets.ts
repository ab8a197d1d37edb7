/**
 * The bundled fonts' base subsets, made ahead of time. A face's subset of the
 * base character set (charset.ts) depends only on the font file and that set,
 * yet making it (fontkit's layout and subset encoding, then deflate) cost a
 * run ~180 ms whatever its size (bench/README.md). base-subsets.json holds
 * each face's subset as plain data (font-embed.ts's SubsetData: the
 * characters' glyph codes, the objects with their streams already
 * deflated), with what it was made from: the font file's SHA-256, the subset's
 * name and the characters asked for. A run uses it only when all three are
 * its own, and makes the subset itself otherwise, as before.
 *
 * The file is generated: `npm run accept` writes it
 * (__tests__/accept/font-subsets.accept.ts), and __tests__/base-subsets.test.ts
 * checks it against a fresh build, so a change to the fonts, the base set or
 * font-embed.ts that is not regenerated fails the tests.
 */
import { createHash } from 'node:crypto';
import ready from './base-subsets.json';
import type { FontObject, SubsetData } from './font-embed';
import { FONT_KEYS, type FontBytes, type FontKey } from './fonts';

interface StoredFace {
  /** SHA-256 of the font file, hex. */
  font: string;
  name: string;
  /** The characters asked for, in order (a character the font lacks is asked for but has no codes). */
  asked: number[];
  chars: Array<[number, number[]]>;
  /** Objects as font-embed makes them; a stream's bytes in base64. */
  objects: Array<{ text: string; stream?: string }>;
}

export interface StoredSubsets {
  generated: string;
  faces: Partial<Record<FontKey, StoredFace>>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The ready-made subset of `face` named `name` with the characters `asked`,
 * if `stored` holds one made from these very font bytes; else undefined.
 */
export function readyBase(face: FontKey, bytes: Uint8Array, name: string, asked: readonly number[], stored: StoredSubsets = ready as unknown as StoredSubsets): SubsetData | undefined {
  const s = stored.faces[face];
  if (!s || s.name !== name || !sameList(s.asked, asked) || s.font !== sha256(bytes)) return undefined;
  const objects: FontObject[] = s.objects.map((o) => (o.stream === undefined ? { text: o.text } : { text: o.text, stream: Buffer.from(o.stream, 'base64') }));
  return { chars: s.chars, objects };
}

/** The file's contents for these fonts: each face's subset as `make` builds it (for `npm run accept`). */
export function storeBase(bytes: FontBytes, make: (face: FontKey) => { name: string; asked: readonly number[]; data: SubsetData }): string {
  const faces: StoredSubsets['faces'] = {};
  for (const face of FONT_KEYS) {
    const { name, asked, data } = make(face);
    faces[face] = {
      font: sha256(bytes[face]),
      name,
      asked: [...asked],
      chars: data.chars.map(([cp, ids]) => [cp, [...ids]]),
      objects: data.objects.map((o) => (o.stream ? { text: o.text, stream: Buffer.from(o.stream).toString('base64') } : { text: o.text })),
    };
  }
  const out: StoredSubsets = { generated: 'by `npm run accept` (__tests__/accept/font-subsets.accept.ts) from fonts/liberation-serif: do not edit', faces };
  return `${JSON.stringify(out)}\n`;
}
