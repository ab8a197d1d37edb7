/**
 * The bundled fonts' base subsets, made ahead of time (src/render/pdf/
 * base-subsets.json, written by `npm run accept`): the file is what a fresh
 * build makes from the fonts and the code as they are now, a run uses it for
 * the bundled fonts and for nothing else, and text outside the base set still
 * gets a subset of its own.
 */
import { inflateSync } from 'node:zlib';
import { loadFonts } from '../src/io/fonts';
import { readyBase, type StoredSubsets } from '../src/render/pdf/base-subsets';
import stored from '../src/render/pdf/base-subsets.json';
import { BASE } from '../src/render/pdf/charset';
import { createRenderContext } from '../src/render/pdf';
import { faceSubsetData, SUBSET_NAME } from '../src/render/pdf/font-set';
import { FONT_KEYS } from '../src/render/pdf/fonts';
import { freshBaseFile, NONE } from './helpers/base-subsets';

const fonts = loadFonts();
const committed = stored as unknown as StoredSubsets;

/** A stored face with its streams inflated: deflate's bytes may differ between zlib versions, what they hold may not. */
const inflated = (file: StoredSubsets) =>
  FONT_KEYS.map((face) => {
    const f = file.faces[face];
    return f && { ...f, objects: f.objects.map((o) => ({ text: o.text, stream: o.stream && inflateSync(Buffer.from(o.stream, 'base64')).toString('base64') })) };
  });

test('base-subsets.json is what a fresh build makes (else: npm run accept)', () => {
  const fresh = JSON.parse(freshBaseFile(fonts.bytes)) as StoredSubsets;
  expect(inflated(committed)).toEqual(inflated(fresh));
});

test.each(FONT_KEYS)('%s: a run takes the ready-made base subset, the same objects and codes as one made afresh', async (face) => {
  const ready = readyBase(face, fonts.bytes[face], SUBSET_NAME[face], [...BASE]);
  expect(ready).toBeDefined();
  const fresh = faceSubsetData(fonts.bytes[face], face, [], NONE);
  expect(ready!.chars).toEqual(fresh.chars);
  expect(ready!.objects.map((o) => [o.text, o.stream && inflateSync(o.stream).toString('base64')])).toEqual(fresh.objects.map((o) => [o.text, o.stream && inflateSync(o.stream).toString('base64')]));
  const subset = await createRenderContext(fonts).subsets.face(face);
  expect(subset.objects).toEqual(ready!.objects);
});

test('other font bytes, another name or another character set get no ready-made subset', () => {
  const changed = Uint8Array.from(fonts.bytes.regular);
  changed[changed.length - 1] = changed[changed.length - 1]! ^ 1;
  expect(readyBase('regular', changed, SUBSET_NAME.regular, [...BASE])).toBeUndefined();
  expect(readyBase('regular', fonts.bytes.bold, SUBSET_NAME.regular, [...BASE])).toBeUndefined();
  expect(readyBase('regular', fonts.bytes.regular, SUBSET_NAME.bold, [...BASE])).toBeUndefined();
  expect(readyBase('regular', fonts.bytes.regular, SUBSET_NAME.regular, [...BASE].slice(1))).toBeUndefined();
});

test('a run with other fonts makes its base subsets from them', async () => {
  // The bold font's file where the regular one should be: the regular subset is the bold font's, made now.
  const swapped = createRenderContext({ bytes: { ...fonts.bytes, regular: fonts.bytes.bold }, metrics: fonts.metrics });
  const subset = await swapped.subsets.face('regular');
  const fresh = faceSubsetData(fonts.bytes.bold, 'regular', [], NONE);
  expect(subset.objects.map((o) => o.text)).toEqual(fresh.objects.map((o) => o.text));
  expect(subset.objects.map((o) => o.text)).not.toEqual(readyBase('regular', fonts.bytes.regular, SUBSET_NAME.regular, [...BASE])!.objects.map((o) => o.text));
});

test('text outside the base set gets its own subset, as made afresh', async () => {
  const extra = [0x416, 0x4e2d];
  const subset = await createRenderContext(fonts).subsets.face('regular', extra);
  const fresh = faceSubsetData(fonts.bytes.regular, 'regular', extra, NONE);
  expect(subset.key).toBe('regular:416,4e2d');
  expect(subset.objects.map((o) => o.text)).toEqual(fresh.objects.map((o) => o.text));
  expect(subset.codes.bmp[0x416]).toBeGreaterThan(0);
});
