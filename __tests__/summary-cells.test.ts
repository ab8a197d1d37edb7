/**
 * The summary's counting pieces, on their own: distinct people per group
 * (typed arrays, no set of keys) and the demographic tables against plain
 * counts, and the small-cell rule with its second, complementary withholding.
 */
import fc from 'fast-check';
import { Demography } from '../src/summary/demography';
import { PeopleTally } from '../src/summary/people';
import { group, withhold } from '../src/summary/withhold';

// Person keys as ingest makes them (integers below 2^53), some alike in their low or their high 32 bits.
const keyOf = (person: number) => (person < 6 ? [7, 2 ** 32 * 5 + 7, 2 ** 32 * 9 + 7, 2 ** 53 - 1, 2 ** 32 * 5 + 11, 0][person]! : person * 2 ** 40 + 7);

test('people per bit equal a plain count with Sets; a case without a person key is a person of its own', () => {
  fc.assert(
    fc.property(fc.array(fc.record({ person: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }), nan: fc.boolean(), bits: fc.array(fc.integer({ min: 0, max: 69 }), { maxLength: 3 }) }), { maxLength: 200 }), (cases) => {
      const tally = new PeopleTally(cases.length, 70);
      const who = (i: number) => (cases[i]!.person === undefined ? `case${i}` : `p${cases[i]!.person}`);
      for (const c of cases) {
        const p = tally.person(c.person === undefined ? (c.nan ? Number.NaN : undefined) : keyOf(c.person));
        for (const b of c.bits) tally.mark(p, b);
      }
      expect(tally.count).toBe(new Set(cases.map((_, i) => who(i))).size);
      expect(tally.unidentified).toBe(cases.filter((c) => c.person === undefined).length);
      const perBit = tally.perBit();
      for (let b = 0; b < 70; b++) expect(perBit[b]).toBe(new Set(cases.map((c, i) => (c.bits.includes(b) ? who(i) : undefined)).filter(Boolean)).size);
    }),
  );
});

test('a tally takes no more cases than it has room for', () => {
  const tally = new PeopleTally(2, 1);
  tally.person(1);
  tally.person(1);
  tally.person(2);
  expect(() => tally.person(3)).toThrow(/room/);
});

test("demographics: a person's race from their first case that says, their age band from their youngest", () => {
  fc.assert(
    fc.property(fc.array(fc.record({ person: fc.integer({ min: 0, max: 8 }), race: fc.option(fc.constantFrom('WHITE', 'BLACK', 'HISPANIC'), { nil: undefined }), age: fc.option(fc.integer({ min: 10, max: 80 }), { nil: undefined }) }), { maxLength: 60 }), (cases) => {
      const tally = new PeopleTally(cases.length, 0);
      const demo = new Demography(cases.length);
      for (const c of cases) demo.add(tally.person(keyOf(c.person)), { ...(c.race ? { race: c.race } : {}), ...(c.age !== undefined ? { age: c.age } : {}) });
      const tables = demo.tables(tally.count);
      const first = new Map<number, string>();
      const youngest = new Map<number, number>();
      for (const c of cases) {
        if (c.race && !first.has(c.person)) first.set(c.person, c.race);
        if (c.age !== undefined) youngest.set(c.person, Math.min(c.age, youngest.get(c.person) ?? Infinity));
      }
      const people = new Set(cases.map((c) => c.person)).size;
      const race = (v: string) => [...first.values()].filter((r) => r === v).length;
      const expected: Array<{ key: string; people: number }> = [...new Set(cases.flatMap((c) => (c.race ? [c.race as string] : [])))].sort().map((v) => ({ key: v, people: race(v) }));
      expected.push({ key: 'none', people: people - first.size });
      expect((tables.race ?? []).map((g) => ({ key: g.key, people: g.people }))).toEqual(first.size ? expected.filter((g) => g.people > 0) : []);
      const band = (a: number) => [0, 18, 25, 35, 45, 55, 65].filter((from) => a >= from).pop()!;
      const ages = new Map<string, number>();
      for (const a of youngest.values()) ages.set(String(band(a)), (ages.get(String(band(a))) ?? 0) + 1);
      if (people - youngest.size > 0 && youngest.size) ages.set('none', people - youngest.size);
      expect(Object.fromEntries((tables.age ?? []).map((g) => [g.key, g.people]))).toEqual(Object.fromEntries(ages));
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
