/**
 * Dates in the all-digit formats are read without dayjs (src/ingest/fields.ts
 * strictDigits); every answer must be the one a strict dayjs parse gives.
 */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import fc from 'fast-check';
import { parseDate, strictDigits, type DateResult } from '../src/ingest/fields';

dayjs.extend(customParseFormat);

/** parseDate as it was: dayjs, strict, for every format. */
function byDayjs(value: string, formats: readonly string[], asOf: string): DateResult {
  const v = value.trim();
  for (const f of formats) {
    const d = dayjs(v, f, true);
    if (d.isValid()) {
      const iso = d.format('YYYY-MM-DD');
      if (d.year() < 1900) return { ok: false, why: 'too-early' };
      if (iso > asOf) return { ok: false, why: 'future' };
      return { ok: true, iso };
    }
  }
  return { ok: false, why: 'invalid' };
}

const FORMAT_LISTS = [['YYYYMMDD'], ['MM/DD/YYYY', 'M/D/YYYY'], ['YYYY-MM-DD', 'MM/DD/YYYY'], ['M/D/YYYY'], ['YYYY-MM-DD'], ['DD.MM.YYYY', 'YYYYMMDD']] as const;

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Text near the formats' shapes: real and unreal dates, padded or not, with stray characters. */
const dateText = fc.oneof(
  fc
    .record({ y: fc.oneof(fc.integer({ min: 1850, max: 2100 }), fc.constantFrom(1899, 1900, 1996, 2000, 2001)), m: fc.oneof(fc.integer({ min: 0, max: 13 }), fc.constantFrom(2, 4, 12)), d: fc.oneof(fc.integer({ min: 0, max: 32 }), fc.constantFrom(28, 29, 30, 31)), padM: fc.boolean(), padD: fc.boolean(), shape: fc.constantFrom('ymd', 'y-m-d', 'm/d/y') })
    .map(({ y, m, d, padM, padD, shape }) => {
      const mm = padM ? pad(m, 2) : String(m);
      const dd = padD ? pad(d, 2) : String(d);
      return shape === 'ymd' ? `${pad(y, 4)}${mm}${dd}` : shape === 'y-m-d' ? `${pad(y, 4)}-${mm}-${dd}` : `${mm}/${dd}/${pad(y, 4)}`;
    }),
  fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '/', '-', ' ', '.'), minLength: 0, maxLength: 12 }),
);

test.each([
  ['19691024', ['YYYYMMDD'], { ok: true, iso: '1969-10-24' }],
  ['02/29/2000', ['MM/DD/YYYY'], { ok: true, iso: '2000-02-29' }],
  ['02/29/1900', ['MM/DD/YYYY'], { ok: false, why: 'invalid' }],
  ['2/5/2001', ['MM/DD/YYYY', 'M/D/YYYY'], { ok: true, iso: '2001-02-05' }],
  ['02/05/2001', ['M/D/YYYY'], { ok: false, why: 'invalid' }],
  ['18991231', ['YYYYMMDD'], { ok: false, why: 'too-early' }],
  ['20261127', ['YYYYMMDD'], { ok: false, why: 'future' }],
  [' 2001-13-01 ', ['YYYY-MM-DD'], { ok: false, why: 'invalid' }],
])('%j in %j', (value, formats, want) => {
  expect(parseDate(value, formats, '2026-11-26')).toEqual(want);
  expect(byDayjs(value, formats, '2026-11-26')).toEqual(want);
});

test('every date reads as a strict dayjs parse reads it', () => {
  fc.assert(
    fc.property(dateText, fc.constantFrom(...FORMAT_LISTS), (value, formats) => {
      // Each format list is a fresh array, so parseDate's memo never answers for another run.
      expect(parseDate(value, [...formats], '2026-11-26')).toEqual(byDayjs(value, formats, '2026-11-26'));
    }),
    { numRuns: 5_000 },
  );
});

test('formats other than the all-digit ones are left to dayjs', () => {
  expect(strictDigits('24.10.1969', 'DD.MM.YYYY')).toBeUndefined();
  expect(strictDigits('18991231', 'YYYYMMDD')).toBeUndefined();
  expect(strictDigits('1969-10-24', 'YYYYMMDD')).toBe(false);
});
