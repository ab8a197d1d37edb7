/**
 * The edits file: a judge's changes, one per row, applied after ingest and
 * before planning. Columns: case_number, action, value, reason, and an
 * optional court (needed only when one case number is in two courts).
 * See docs/edits.md.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { parseCsv } from '../ingest/csv';
import { headerIndex } from '../ingest/row';

export const ACTIONS = ['strike', 'restore', 'set_relief', 'set_court', 'correct_number'] as const;
export type Action = (typeof ACTIONS)[number];

export interface Edit {
  file: string;
  line: number;
  caseNumber: string;
  court: string;
  action: Action;
  value: string;
  reason: string;
}

const REQUIRED = ['case_number', 'action', 'value', 'reason'] as const;

export async function parseEdits(name: string, input: string | Buffer | NodeJS.ReadableStream): Promise<{ edits: Edit[]; diagnostics: Diagnostic[] }> {
  const edits: Edit[] = [];
  const diagnostics: Diagnostic[] = [];
  let idx = new Map<string, number>();
  const outcome = await parseCsv(input, name, {
    header(fields, line) {
      idx = headerIndex(fields);
      const missing = REQUIRED.filter((c) => !idx.has(c));
      if (missing.length) return diag('BM806', { file: name, line, column: missing[0] }, `the edits file is missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`, 'the header must be: case_number,action,value,reason (and optionally court)');
      return undefined;
    },
    row(fields, line) {
      const get = (c: string) => (idx.has(c) ? (fields[idx.get(c)!] ?? '').trim() : '');
      const at = (column: string) => ({ file: name, line, column });
      const action = get('action').toLowerCase().replace(/[\s-]+/g, '_');
      if (!(ACTIONS as readonly string[]).includes(action)) {
        diagnostics.push(diag('BM802', at('action'), `"${get('action')}" is not an edit action`, `use one of: ${ACTIONS.join(', ')}`));
        return;
      }
      if (get('case_number') === '') {
        diagnostics.push(diag('BM801', at('case_number'), 'the edit names no case number', 'fill in the case number the edit is for'));
        return;
      }
      if (get('reason') === '' && (action === 'strike' || action === 'restore')) {
        diagnostics.push(diag('BM805', at('reason'), `a ${action} needs a reason for the record`, 'say why, e.g. "struck at hearing 2027-02-11: prosecution challenge"'));
        return;
      }
      if (get('value') === '' && (action === 'set_relief' || action === 'set_court' || action === 'correct_number')) {
        diagnostics.push(diag('BM803', at('value'), `${action} needs a value`, action === 'set_relief' ? 'give the new relief, e.g. reduce_to_misdemeanor' : action === 'set_court' ? 'give the court as the config names it' : 'give the corrected case number'));
        return;
      }
      edits.push({ file: name, line, caseNumber: get('case_number'), court: get('court'), action: action as Action, value: get('value'), reason: get('reason') });
    },
  });
  if (outcome.fatal) diagnostics.push(outcome.fatal);
  return { edits, diagnostics };
}
