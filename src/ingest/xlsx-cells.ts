/**
 * One Excel cell as the text a CSV field would hold, so a workbook's rows go
 * through exactly the checks a CSV's do. The rules (docs/input-formats.md):
 *  - text (shared, inline, rich text) is its plain text, Excel's `_xHHHH_`
 *    escapes undone;
 *  - a number shown with a date format is an ISO date, YYYY-MM-DD (with the
 *    time, when the format shows one), counted in the workbook's date system:
 *    1900 (with Excel's phantom 29 February 1900) or 1904;
 *  - any other number is the text Excel shows for it (its number format
 *    applied: `000000` keeps leading zeros), unless that text loses digits
 *    (`1.23457E+11`, `1.2E+10`): then a whole number's exact digits;
 *  - TRUE/FALSE, and an error's code (`#N/A`);
 *  - a formula is its cached result, by the same rules.
 * A cell whose text may not be what was meant is marked with a Doubt; the
 * ingest refuses a doubtful cell in a column that holds an identifier (a case
 * number, a CII number), and takes it as text anywhere else.
 */
import { format, isDateFormat, getFormatDateInfo } from 'numfmt';

/**
 * Why a cell's text may not be the identifier a person typed:
 *  - date: the cell is a date (Excel turns some typed values, `3-12`, into dates);
 *  - digits: a number whose digits are not all known (more than 15 of them, or a fraction shown rounded);
 *  - error: a formula or cell whose value is an error (`#N/A`);
 *  - uncalculated: a formula saved without its result.
 */
export type Doubt = 'date' | 'digits' | 'error' | 'uncalculated';

export interface CellText {
  text: string;
  doubt?: Doubt;
}

/** The largest serial Excel shows as a date: 9999-12-31. */
const MAX_SERIAL = 2_958_465;
/** Days from 1900-01-00 to 1904-01-01: a 1904-system serial plus this is the 1900 system's. */
const DAYS_1904 = 1462;
/** Excel keeps 15 significant digits. */
const MAX_EXACT = 1e15;

/** The text of one cell value as exceljs's streaming reader gives it. */
export function cellText(value: unknown, numFmt: string | undefined, date1904: boolean): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: unescapeExcel(value) };
  if (typeof value === 'number') return numberText(value, numFmt, date1904);
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return numberText(serialOf(value, date1904), numFmt, date1904);
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text?: string | null }>; error?: string; formula?: string; sharedFormula?: string; result?: unknown; text?: unknown };
    if (Array.isArray(v.richText)) return { text: unescapeExcel(v.richText.map((r) => r.text ?? '').join('')) };
    if (typeof v.error === 'string') return { text: v.error, doubt: 'error' };
    if ('formula' in v || 'sharedFormula' in v) {
      if (v.result === undefined || v.result === null) return { text: '', doubt: 'uncalculated' };
      // exceljs reads a formula's result as a number unless it is text; an error result comes as NaN.
      if (typeof v.result === 'number' && Number.isNaN(v.result)) return { text: '', doubt: 'error' };
      return cellText(v.result, numFmt, date1904);
    }
    if ('text' in v) return cellText(v.text, numFmt, date1904);
  }
  return { text: String(value) };
}

/** A number as Excel shows it, or as an ISO date when its format is a date format. */
export function numberText(n: number, numFmt: string | undefined, date1904: boolean): CellText {
  if (!Number.isFinite(n)) return { text: '', doubt: 'error' };
  const fmt = numFmt && numFmt.trim() !== '' ? numFmt : 'General';
  // The common case, a whole number shown as General: its digits (Excel shows 12 or more as 1.23457E+11).
  if ((fmt === 'General' || fmt === '0') && Number.isInteger(n) && Math.abs(n) < MAX_EXACT) return { text: String(n) };
  // A short fraction shown as General (39.2): as written. General shows at most 11 characters.
  if (fmt === 'General') {
    const s = String(n);
    if (s.length <= 11 && !s.includes('e')) return { text: s };
  }
  if (isDate(fmt)) return dateText(n, fmt, date1904);
  const shown = formatted(fmt, n);
  if (Math.abs(n) >= MAX_EXACT) return { text: shown, doubt: 'digits' };
  const exact = Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
  if (sameDigits(shown, exact)) return { text: shown };
  // The format hides digits (1.23E+10, a rounded fraction): a whole number's digits are known exactly.
  if (Number.isInteger(n)) return { text: exact };
  return { text: shown, doubt: 'digits' };
}

/** Serial day number -> ISO date (and time, when the format shows one). */
export function dateText(serial: number, fmt: string, date1904: boolean): CellText {
  const s = date1904 ? serial + DAYS_1904 : serial;
  if (s < 0 || s >= MAX_SERIAL + 1) return { text: String(serial), doubt: 'date' };
  const info = dateInfo(fmt);
  const timeShown = info.hours || info.minutes || info.seconds;
  const dayShown = info.year || info.month || info.day;
  // numfmt counts the 1900 system with Lotus's phantom 1900-02-29 (serial 60), as Excel does.
  const text = !timeShown ? format('yyyy-mm-dd', Math.floor(s)) : !dayShown ? format('hh:mm:ss', s) : format('yyyy-mm-dd hh:mm:ss', s);
  return { text, doubt: 'date' };
}

/** exceljs turned a date-formatted number into a Date (UTC); this is the serial it came from. */
function serialOf(d: Date, date1904: boolean): number {
  return d.getTime() / 86_400_000 + 25_569 - (date1904 ? DAYS_1904 : 0);
}

const dateFormats = new Map<string, boolean>();
function isDate(fmt: string): boolean {
  let v = dateFormats.get(fmt);
  if (v === undefined) {
    try {
      v = isDateFormat(fmt);
    } catch {
      v = false;
    }
    if (dateFormats.size < 1000) dateFormats.set(fmt, v);
  }
  return v;
}

function dateInfo(fmt: string): { year: boolean; month: boolean; day: boolean; hours: boolean; minutes: boolean; seconds: boolean } {
  try {
    return getFormatDateInfo(fmt);
  } catch {
    return { year: true, month: true, day: true, hours: false, minutes: false, seconds: false };
  }
}

function formatted(fmt: string, n: number): string {
  try {
    return format(fmt, n, { throws: true });
  } catch {
    return format('General', n);
  }
}

/** Whether `shown` has the digits of `exact`, leading zeros and any decoration (`BA`, `,`, `-`) aside. */
function sameDigits(shown: string, exact: string): boolean {
  const digits = (s: string) => s.replace(/[^0-9]/g, '').replace(/^0+/, '');
  return digits(shown) === digits(exact);
}

/** Excel writes characters XML cannot hold as `_xHHHH_` (and a literal `_x` as `_x005F_x`). NUL is left escaped. */
export function unescapeExcel(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (m, hex: string) => (hex === '0000' ? m : String.fromCharCode(parseInt(hex, 16))));
}

/** Column number (1-based) -> Excel letters: 1 -> A, 27 -> AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
