/**
 * The canonical preset: one row per case or per count, with the columns in
 * docs/input-formats.md. `input.columns` in the config maps a county's own
 * headers onto these fields, and `input.values` translates its codes.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { CANONICAL_FIELDS, type CanonicalField } from '../config/schema';
import { parseCaseType, parseRelief, splitCodeSections } from './fields';
import { buildCountRow, headerIndex, type Cell, type Extracted, type IngestContext } from './row';
import type { RawRow, RowMapper } from './types';
import { parseFlagNames } from './flags';

export const CANONICAL_REQUIRED: readonly CanonicalField[] = ['case_number', 'court', 'case_type', 'relief', 'code_sections', 'conviction_date'];

export function canonicalMapper(header: readonly string[], file: string, line: number, ctx: IngestContext): { mapper?: RowMapper; fatal?: Diagnostic } {
  const idx = headerIndex(header);
  const input = ctx.config.input;
  const sourceOf = (field: CanonicalField): string[] => {
    const m = Object.hasOwn(input.columns, field) ? input.columns[field] : undefined;
    return m === undefined ? [field] : Array.isArray(m) ? m : [m];
  };
  const missing: string[] = [];
  for (const field of CANONICAL_REQUIRED) for (const h of sourceOf(field)) if (!idx.has(h.trim().toLowerCase())) missing.push(h);
  if (missing.length) {
    const mapped = Object.keys(input.columns).length > 0;
    // Only header cells that are known column names are quoted: in a file without a header row the
    // "header" is a person's row (a name, a date of birth, a CII number).
    const known = new Set<string>(CANONICAL_FIELDS.map((f) => f));
    for (const field of CANONICAL_FIELDS) for (const h of sourceOf(field)) known.add(h.trim().toLowerCase());
    const recognised = header.filter((h) => known.has(h.trim().toLowerCase()));
    const has = recognised.length ? `; of the known columns, line ${line} has ${recognised.map((h) => `"${h}"`).join(', ')}` : `; none of the ${header.length} cells on line ${line} is a known column name, so the file may have no header row`;
    return {
      fatal: diag('BM104', { file, line, column: missing[0] }, `missing required column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}${has}`, recognised.length === 0 ? 'the first line must be the header row (case_number, court, ...): add it, or map your headers under input.columns in the config' : mapped ? 'fix input.columns in the config so each field names a header in this file' : 'rename the columns, map your headers under input.columns in the config, or use --preset gogen for a gogen file'),
    };
  }
  const cellOf = (raw: RawRow, field: CanonicalField): Cell => {
    const h = sourceOf(field)[0]!;
    const i = idx.get(h.trim().toLowerCase());
    return { value: i === undefined ? '' : (raw.fields[i] ?? ''), column: h };
  };
  const has = (field: CanonicalField) => sourceOf(field).every((h) => idx.has(h.trim().toLowerCase()));
  const textColumns = (['case_number', 'cii'] as const).flatMap((f) => sourceOf(f).map((h) => idx.get(h.trim().toLowerCase()))).filter((i): i is number => i !== undefined);

  return {
    mapper: {
      textColumns,
      map(raw) {
        const at = { file: raw.ref.file, line: raw.ref.line };
        const typeCell = cellOf(raw, 'case_type');
        const reliefCell = cellOf(raw, 'relief');
        const relief = parseRelief(reliefCell.value, input.values.relief);
        let reliefOut: Extracted['relief'];
        if (relief === 'missing') reliefOut = { reject: diag('BM208', { ...at, column: reliefCell.column }, 'the relief is blank', 'fill in dismiss, dismiss_and_seal, reduce_to_misdemeanor, reduce_to_infraction or recall_sentence') };
        else if (relief === 'invalid') reliefOut = { reject: diag('BM207', { ...at, column: reliefCell.column }, `the relief (column "${reliefCell.column}") is not one we can file`, 'use dismiss, dismiss_and_seal, reduce_to_misdemeanor, reduce_to_infraction or recall_sentence (or map your words under input.values.relief)') };
        else reliefOut = { value: relief };

        const sections: string[] = [];
        for (const h of sourceOf('code_sections')) {
          const i = idx.get(h.trim().toLowerCase());
          if (i !== undefined) sections.push(...splitCodeSections(raw.fields[i] ?? ''));
        }
        const extracted: Extracted = {
          caseNumber: { kind: 'one', cell: cellOf(raw, 'case_number') },
          court: cellOf(raw, 'court'),
          caseType: { value: parseCaseType(typeCell.value, input.values.case_type), cell: typeCell },
          relief: reliefOut,
          codeSections: sections,
          sectionsColumn: sourceOf('code_sections')[0]!,
          date: { cell: cellOf(raw, 'conviction_date'), formats: input.date_formats },
        };
        if (has('agency')) extracted.agency = cellOf(raw, 'agency');
        if (has('dob')) extracted.dob = { cell: cellOf(raw, 'dob'), formats: input.date_formats };
        if (has('defendant_name')) extracted.defendantName = cellOf(raw, 'defendant_name').value;
        if (has('cii')) extracted.cii = cellOf(raw, 'cii').value;
        if (ctx.demographics && has('race')) extracted.race = cellOf(raw, 'race').value;
        if (ctx.demographics && has('gender')) extracted.gender = cellOf(raw, 'gender').value;
        if (has('notes')) extracted.notes = cellOf(raw, 'notes').value;
        if (has('flags')) {
          const cell = cellOf(raw, 'flags');
          const { mask, bad } = parseFlagNames(cell.value);
          extracted.flags = bad ? { mask, cell, bad } : { mask, cell };
        }
        if (has('sentence_completed')) {
          const done = cellOf(raw, 'sentence_completed');
          if (/^(n|no|false)$/i.test(done.value.trim())) extracted.sentenceNotCompleted = `"${done.column}" is ${done.value.trim()} (line ${raw.ref.line})`;
        }
        return buildCountRow(raw, extracted, ctx);
      },
    },
  };
}
