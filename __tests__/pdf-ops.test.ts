/**
 * Page operators written as bytes (src/render/pdf/content.ts, OpsBuffer):
 * glyph codes inside a literal string, and numbers, are what the plain
 * definitions give, for any text and any code table.
 */
import fc from 'fast-check';
import { OpsBuffer, type GlyphCodes } from '../src/render/pdf/content';
import { round } from '../src/render/pdf/points';

/** The definition: each character (a surrogate pair is one) its codes, or .notdef; two bytes a code; ( ) \ CR LF escaped. */
function plain(text: string, codes: GlyphCodes): string {
  let out = '';
  const byte = (b: number) => (b === 0x28 || b === 0x29 || b === 0x5c ? `\\${String.fromCharCode(b)}` : b === 0x0d ? '\\r' : b === 0x0a ? '\\n' : String.fromCharCode(b));
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && text.codePointAt(i)! > 0xffff;
    const cp = pair ? text.codePointAt(i)! : c;
    if (pair) i++;
    const one = !pair ? codes.bmp[cp]! : -2;
    const ids = one >= 0 ? [one] : one === -2 ? (codes.other.get(cp) ?? [0]) : [0];
    for (const id of ids) out += byte(id >> 8) + byte(id & 0xff);
  }
  return out;
}

/** A code table over a few characters: single codes (escape bytes among them), several glyphs, astral ones. */
const table = fc
  .array(fc.tuple(fc.constantFrom(0x41, 0x28, 0x5c, 0xe9, 0xd800, 0xdc00, 0x1f600, 0x10ffff, 0x4e2d), fc.array(fc.oneof(fc.constantFrom(0x28, 0x29, 0x5c, 0x0d, 0x0a, 0x2829, 0x0a0d, 0x5c5c), fc.integer({ min: 1, max: 0xffff })), { minLength: 1, maxLength: 3 })))
  .map((entries): GlyphCodes => {
    const bmp = new Int32Array(0x10000).fill(-1);
    const other = new Map<number, number[]>();
    for (const [cp, ids] of entries) {
      if (cp <= 0xffff && ids.length === 1) bmp[cp] = ids[0]!;
      else (other.set(cp, ids), cp <= 0xffff && (bmp[cp] = -2));
    }
    return { bmp, other };
  });

test('glyph codes: any text, any table, as the definition gives them', () => {
  const ops = new OpsBuffer();
  const text = fc.string({ unit: fc.constantFrom('A', '(', '\\', 'é', 'x', '\ud800', '\udc00', '😀', '\u{10ffff}', '中', ')') });
  fc.assert(
    fc.property(text, table, (t, codes) => {
      ops.start();
      ops.glyphs(t, codes);
      expect(ops.bytes().toString('latin1')).toBe(plain(t, codes));
    }),
    { numRuns: 2000 },
  );
});

test('numbers: as round(n).toString() writes them', () => {
  const ops = new OpsBuffer();
  fc.assert(
    fc.property(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -100000, max: 100000 }).map((k) => k / 100)), (n) => {
      ops.start();
      ops.num(n);
      expect(ops.bytes().toString('latin1')).toBe(round(n).toString());
    }),
    { numRuns: 5000 },
  );
});
