/**
 * The resolved file: a review.csv this tool wrote (top-level or
 * confidential/), with a person's answers filled into its answer columns.
 * Rows whose answer columns are blank are unresolved and ignored. See
 * docs/review.md.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { parseCsv } from '../ingest/csv';
import { headerIndex } from '../ingest/row';
import { normaliseHeader, type PersonalTest } from '../output/personal';

/** The columns review.csv adds after the original columns: the key, then the answers. */
export const ANSWER_COLUMNS = ['row_key', 'decision', 'resolve_case_number', 'resolve_case_type', 'resolve_relief', 'resolve_court', 'resolve_note'] as const;
export const DECISIONS = ['file', 'exclude'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface Resolution {
  file: string;
  line: number;
  rowKey: string;
  decision: Decision;
  caseNumber: string;
  caseType: string;
  relief: string;
  court: string;
  note: string;
  /** Personal cells the file carries (the confidential copy does), by normalised header: they tell identical rows apart. */
  personal: Map<string, string>;
}

const CORRECTIONS = [
  ['resolve_case_number', 'caseNumber'],
  ['resolve_case_type', 'caseType'],
  ['resolve_relief', 'relief'],
  ['resolve_court', 'court'],
] as const;

/** A cell written with a leading ' so no spreadsheet runs it, read back as it was. */
export const unescapeCell = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

export async function parseResolved(name: string, input: string | Buffer | NodeJS.ReadableStream, personal: PersonalTest): Promise<{ resolutions: Resolution[]; diagnostics: Diagnostic[] }> {
  const resolutions: Resolution[] = [];
  const diagnostics: Diagnostic[] = [];
  let idx = new Map<string, number>();
  let personalAt: Array<[string, number]> = [];
  const outcome = await parseCsv(input, name, {
    header(fields, line) {
      idx = headerIndex(fields);
      const missing = ['row_key', 'decision'].filter((c) => !idx.has(c));
      if (missing.length) {
        return diag('BM807', { file: name, line, column: missing[0] }, `the resolved file has no ${missing.map((m) => `"${m}"`).join(' or ')} column`, 'pass a review.csv written by this version of bulk-motions (run validate with --out to get one), with its columns kept');
      }
      personalAt = fields.map((h, i) => [normaliseHeader(h), i] as [string, number]).filter(([h]) => personal(h));
      return undefined;
    },
    row(fields, line) {
      const get = (c: string) => (idx.has(c) ? (fields[idx.get(c)!] ?? '').trim() : '');
      const at = (column: string) => ({ file: name, line, column });
      const decision = get('decision').toLowerCase();
      const corrections = CORRECTIONS.filter(([c]) => get(c) !== '');
      if (decision === '' && corrections.length === 0) return; // unresolved
      if (decision !== '' && !(DECISIONS as readonly string[]).includes(decision)) {
        diagnostics.push(diag('BM808', at('decision'), `"${get('decision')}" is not a decision`, 'write file or exclude (or leave it blank to file with the corrections given)'));
        return;
      }
      if (decision === 'exclude' && corrections.length) {
        diagnostics.push(diag('BM808', at(corrections[0]![0]), 'the row is to be excluded but also has a correction', `clear ${corrections.map(([c]) => c).join(', ')}, or write decision file`));
        return;
      }
      const key = get('row_key');
      if (key === '') {
        diagnostics.push(diag('BM809', at('row_key'), 'the answered row has no row_key', 'copy the row_key from the review.csv the tool wrote; it is what ties the answer to its input row'));
        return;
      }
      const cells = new Map<string, string>();
      for (const [h, i] of personalAt) {
        const v = unescapeCell((fields[i] ?? '').trim());
        if (v !== '') cells.set(h, v);
      }
      resolutions.push({ file: name, line, rowKey: key, decision: (decision || 'file') as Decision, caseNumber: get('resolve_case_number'), caseType: get('resolve_case_type'), relief: get('resolve_relief'), court: get('resolve_court'), note: get('resolve_note'), personal: cells });
    },
  });
  if (outcome.fatal) diagnostics.push(outcome.fatal);
  return { resolutions, diagnostics };
}
