/**
 * Diagnostics about rows of an Excel workbook say where as a person finds it
 * in Excel: the sheet, the row, and the column by letter beside its header
 * name (`cases.xlsx [Cases] row 12, column C (Case Number)`). The checks name
 * columns by header, whatever the format; this adds the sheet and the letter
 * to every diagnostic naming a workbook that was read, once, at the end of
 * the pipeline, so no check needs to know about workbooks.
 */
import type { Diagnostic } from '../diagnostics/catalog';
import type { InputFileSummary } from './types';
import { columnLetter } from './xlsx-cells';

export function locateInWorkbooks(diagnostics: Diagnostic[], files: readonly InputFileSummary[] | undefined): Diagnostic[] {
  const sheets = new Map<string, { sheet: string; letters: Map<string, string> }>();
  for (const f of files ?? []) {
    if (f.sheet === undefined) continue;
    const letters = new Map<string, string>();
    (f.header ?? []).forEach((h, i) => {
      const k = h.trim().toLowerCase();
      if (!letters.has(k)) letters.set(k, columnLetter(i + 1));
    });
    sheets.set(f.file, { sheet: f.sheet, letters });
  }
  if (sheets.size === 0) return diagnostics;
  return diagnostics.map((d) => {
    const s = d.file === undefined ? undefined : sheets.get(d.file);
    if (!s || (d.sheet !== undefined && (d.column === undefined || d.columnLetter !== undefined))) return d;
    const letter = d.columnLetter ?? (d.column === undefined ? undefined : s.letters.get(d.column.trim().toLowerCase()));
    // Field order as diag() writes it: file, sheet, line, column, columnLetter, message, hint.
    const { code, name, severity, outcome, file, line, column, message, hint } = d;
    return {
      code,
      name,
      severity,
      outcome,
      file,
      sheet: d.sheet ?? s.sheet,
      ...(line !== undefined ? { line } : {}),
      ...(column !== undefined ? { column } : {}),
      ...(letter !== undefined ? { columnLetter: letter } : {}),
      message,
      ...(hint !== undefined ? { hint } : {}),
    };
  });
}
