/**
 * The summary's two counting pieces, on their own: distinct people per group
 * (typed arrays, no set of keys) against a plain Set count, and the
 * small-cell rule with its second, complementary withholding.
 */
import fc from 'fast-check';
import { PeopleIndex } from '../src/summary/people';
import { group, withhold } from '../src/summary/withhold';

test('people per group, per bit and per person equal a plain count with Sets', () => {
  fc.assert(
    fc.property(fc.array(fc.record({ person: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }), g: fc.integer({ min: -1, max: 4 }), bits: fc.integer({ min: 0, max: 7 }) }), { maxLength: 200 }), (cases) => {
      const keys = Float64Array.from(cases, (c) => (c.person === undefined ? Number.NaN : c.person * 2 ** 30 + 7));
      const idx = new PeopleIndex(keys);
      // A case without a person is a person of its own.
      const who = (i: number) => (cases[i]!.person === undefined ? `case${i}` : `p${cases[i]!.person}`);
      expect(idx.count).toBe(new Set(cases.map((_, i) => who(i))).size);
      expect(idx.unidentified).toBe(cases.filter((c) => c.person === undefined).length);
      const perGroup = idx.perGroup(Int32Array.from(cases, (c) => c.g), 5);
      for (let g = 0; g < 5; g++) expect(perGroup[g]).toBe(new Set(cases.map((c, i) => (c.g === g ? who(i) : undefined)).filter(Boolean)).size);
      const perBit = idx.perBit(Uint8Array.from(cases, (c) => c.bits), 3);
      for (let b = 0; b < 3; b++) expect(perBit[b]).toBe(new Set(cases.map((c, i) => (c.bits & (1 << b) ? who(i) : undefined)).filter(Boolean)).size);
      // Each person in one group: their first case's (when it has one).
      const first = idx.perPerson(5, (i) => cases[i]!.g, 'first');
      const expected = new Array(5).fill(0);
      const seen = new Map<string, number>();
      cases.forEach((c, i) => {
        if (c.g >= 0 && !seen.has(who(i))) seen.set(who(i), c.g);
      });
      for (const g of seen.values()) expected[g]++;
      expect(first).toEqual(expected);
    }),
  );
});

test('a row of fewer than k people is withheld whole; with a total printed, the smallest other row goes too', () => {
  const rows = [
    { key: 'a', label: 'A', people: 240, values: [240, 300] },
    { key: 'b', label: 'B', people: 3, values: [3, 40] },
    { key: 'c', label: 'C', people: 15, values: [15, 15] },
    { key: 'd', label: 'D', people: 0, values: [0, 0] },
    { key: 'e', label: 'E', people: 12, values: [12, 13] },
  ];
  const printed = withhold('t', ['people', 'cases'], rows, 11, true);
  const text = (k: string) => printed.find((r) => r.key === k)!.cells.map((c) => c.text).join(' | ');
  expect(text('a')).toBe('240 | 300');
  // 40 cases of 3 people: the cases are withheld with the people.
  expect(text('b')).toBe('fewer than 11 | fewer than 11');
  // Total minus the others would give B back: the smallest other row with people is withheld too.
  expect(text('e')).toBe('withheld | withheld');
  expect(text('c')).toBe('15 | 15');
  // A true zero is shown.
  expect(text('d')).toBe('0 | 0');
  expect(printed.flatMap((r) => r.cells).filter((c) => c.value === null).map((c) => c.key)).toEqual(['t.b.people', 't.b.cases', 't.e.people', 't.e.cases']);
  // Without a total, nothing can be subtracted: only B.
  expect(withhold('t', ['people', 'cases'], rows, 11, false).filter((r) => r.cells[0]!.value === null).map((r) => r.key)).toEqual(['b']);
  // Two withheld rows already hide each other.
  const two = withhold('t', ['people'], [rows[0]!, rows[1]!, { ...rows[2]!, people: 5 }], 11, true);
  expect(two.map((r) => r.cells[0]!.text)).toEqual(['240', 'fewer than 11', 'fewer than 11']);
  expect(group(1234567)).toBe('1,234,567');
});
