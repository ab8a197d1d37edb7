/**
 * CSV lines as the listings have always been written (PapaParse's unparse
 * with escapeFormulae and CRLF, byte for byte: __tests__/output.test.ts
 * compares the two), one line at a time, so a listing is streamed rather than
 * built whole. A cell that starts with = + - @ (or tab or CR) gets a leading
 * quote so no spreadsheet runs it; a cell with a comma, quote, line break or
 * byte order mark, or a space at either end, is quoted, quotes doubled.
 */

/** PapaParse's formula test: the first character, and (its `.*$`) no line break after it. */
const FORMULA = /^[=+\-@\t\r].*$/;
// eslint-disable-next-line no-control-regex
const NEEDS_QUOTES = /[\r\n",\ufeff]/;

export function csvField(s: string): string {
  if (s === '') return s;
  const first = s.charCodeAt(0);
  // = + - @ tab CR: only then can the formula test match.
  if ((first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) && FORMULA.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  if (NEEDS_QUOTES.test(s) || s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32) return `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** One record, `width` cells (a short row's missing cells are empty, as a header gives the width), and CRLF. */
export function csvLine(cells: readonly (string | undefined)[], width = cells.length): string {
  let line = '';
  for (let i = 0; i < width; i++) {
    if (i > 0) line += ',';
    const c = cells[i];
    if (c !== undefined && c !== '') line += csvField(c);
  }
  return line + '\r\n';
}

/** Where a CSV line goes, a field at a time (chunks.ts). */
export interface CsvOut {
  text(s: string): void;
  csv(s: string): void;
}

/** csvLine, written into `out`. */
export function writeCsvLine(out: CsvOut, cells: readonly (string | undefined)[], width = cells.length): void {
  for (let i = 0; i < width; i++) {
    if (i > 0) out.text(',');
    const c = cells[i];
    if (c !== undefined && c !== '') out.csv(c);
  }
  out.text('\r\n');
}

/**
 * A table: the header line, then one line per row (as wide as the header),
 * yielding after each. With no rows, an empty line follows the header, as
 * PapaParse wrote it: the bytes stay those of earlier runs.
 */
export function* writeCsv(out: CsvOut, fields: readonly string[], rows: Iterable<readonly string[]>): Generator<void> {
  writeCsvLine(out, fields);
  let none = true;
  for (const r of rows) {
    none = false;
    writeCsvLine(out, r, fields.length);
    yield;
  }
  if (none) out.text('\r\n');
}

/**
 * Whether `s` can begin a CSV field, or stand inside one, and leave it as it
 * is: nothing that quotes a field, and no first character that makes it
 * quoted or formula-escaped. (A field's last character matters too: the
 * caller's to know.)
 */
export function csvPlain(s: string): boolean {
  return s !== '' && !NEEDS_QUOTES.test(s) && !/^[=+\-@\t\r ]/.test(s);
}
