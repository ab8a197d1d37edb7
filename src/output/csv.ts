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
