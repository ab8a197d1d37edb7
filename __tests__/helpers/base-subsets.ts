/** The ready-made base subsets' file as a fresh build makes it (for the accept step and its test). */
import { storeBase, type StoredSubsets } from '../../src/render/pdf/base-subsets';
import { BASE } from '../../src/render/pdf/charset';
import { faceSubsetData, SUBSET_NAME } from '../../src/render/pdf/font-set';
import type { FontBytes } from '../../src/render/pdf/fonts';

/** No ready-made subsets: every subset is made afresh. */
export const NONE: StoredSubsets = { generated: '', faces: {} };

export function freshBaseFile(bytes: FontBytes): string {
  return storeBase(bytes, (face) => ({ name: SUBSET_NAME[face], asked: [...BASE], data: faceSubsetData(bytes[face], face, [], NONE) }));
}
