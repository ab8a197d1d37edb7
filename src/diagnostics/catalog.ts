/**
 * The diagnostic catalogue. Codes are stable: users grep for them and script
 * against them, so a code is never renamed or reused. Add new ones at the end
 * of their series. docs/diagnostics.md documents each one.
 *
 * outcome says what the diagnostic does to the row or case it is about:
 *  - fatal:   the run stops and nothing is written (exit 1)
 *  - reject:  the row is malformed and is listed in rejects.csv
 *  - review:  the case needs a person and is listed in review.csv
 *  - exclude: the row is not fileable by its screening and is listed in excluded.csv
 *  - none:    a warning or note; the row goes on
 */
export type Severity = 'fatal' | 'error' | 'warning' | 'info';
export type Outcome = 'fatal' | 'reject' | 'review' | 'exclude' | 'none';

export interface CatalogEntry {
  name: string;
  severity: Severity;
  outcome: Outcome;
}

export const CATALOG = {
  // 100s: a file as a whole
  BM101: { name: 'file-unreadable', severity: 'fatal', outcome: 'fatal' },
  BM102: { name: 'file-empty', severity: 'fatal', outcome: 'fatal' },
  BM103: { name: 'no-data-rows', severity: 'warning', outcome: 'none' },
  BM104: { name: 'missing-column', severity: 'fatal', outcome: 'fatal' },
  BM105: { name: 'duplicate-header', severity: 'fatal', outcome: 'fatal' },
  BM106: { name: 'wrong-delimiter', severity: 'fatal', outcome: 'fatal' },
  BM107: { name: 'bad-encoding', severity: 'fatal', outcome: 'fatal' },
  BM108: { name: 'nul-bytes', severity: 'fatal', outcome: 'fatal' },
  // (the output folder, checked by the engine before a run writes)
  BM109: { name: 'output-would-replace-input', severity: 'fatal', outcome: 'fatal' },
  BM110: { name: 'output-folder-locked', severity: 'fatal', outcome: 'fatal' },
  BM111: { name: 'output-unwritable', severity: 'fatal', outcome: 'fatal' },
  BM112: { name: 'stale-lock-taken-over', severity: 'warning', outcome: 'none' },
  BM113: { name: 'duplicate-input', severity: 'fatal', outcome: 'fatal' },
  // (Excel workbooks and files in other formats; docs/input-formats.md)
  BM114: { name: 'unsupported-file-format', severity: 'fatal', outcome: 'fatal' },
  BM115: { name: 'sheet-not-found', severity: 'fatal', outcome: 'fatal' },
  BM116: { name: 'workbook-unreadable', severity: 'fatal', outcome: 'fatal' },
  BM117: { name: 'other-sheets-not-read', severity: 'warning', outcome: 'none' },
  // (an input's path: a case list, the config, the edits, the answers, the previous run, the templates)
  BM120: { name: 'file-not-found', severity: 'fatal', outcome: 'fatal' },
  BM121: { name: 'file-is-folder', severity: 'fatal', outcome: 'fatal' },
  BM122: { name: 'not-a-folder', severity: 'fatal', outcome: 'fatal' },
  BM123: { name: 'permission-denied', severity: 'fatal', outcome: 'fatal' },
  // (the command line)
  BM124: { name: 'usage-error', severity: 'fatal', outcome: 'fatal' },

  // 200s: a row rejected as malformed
  BM201: { name: 'ragged-row', severity: 'error', outcome: 'reject' },
  BM202: { name: 'unterminated-quote', severity: 'fatal', outcome: 'fatal' },
  BM203: { name: 'unknown-court', severity: 'error', outcome: 'reject' },
  BM204: { name: 'invalid-date', severity: 'error', outcome: 'reject' },
  BM205: { name: 'date-out-of-range', severity: 'error', outcome: 'reject' },
  BM206: { name: 'invalid-case-type', severity: 'error', outcome: 'reject' },
  BM207: { name: 'invalid-relief', severity: 'error', outcome: 'reject' },
  BM208: { name: 'missing-value', severity: 'error', outcome: 'reject' },
  BM209: { name: 'unknown-agency', severity: 'error', outcome: 'reject' },
  BM210: { name: 'wrong-county', severity: 'error', outcome: 'reject' },
  BM211: { name: 'unknown-determination', severity: 'error', outcome: 'reject' },
  BM212: { name: 'field-too-long', severity: 'error', outcome: 'reject' },
  BM213: { name: 'unknown-flag', severity: 'error', outcome: 'reject' },
  BM214: { name: 'number-not-text', severity: 'error', outcome: 'reject' },

  // 300s: a case sent to a person for review
  BM301: { name: 'case-number-missing', severity: 'error', outcome: 'review' },
  BM302: { name: 'case-number-ambiguous', severity: 'error', outcome: 'review' },
  BM303: { name: 'case-type-missing', severity: 'error', outcome: 'review' },
  BM304: { name: 'conflicting-relief', severity: 'error', outcome: 'review' },
  BM305: { name: 'conflicting-case-type', severity: 'error', outcome: 'review' },
  BM306: { name: 'no-filing-agency', severity: 'error', outcome: 'review' },
  BM307: { name: 'case-number-malformed', severity: 'error', outcome: 'review' },
  BM308: { name: 'undetermined-counts', severity: 'error', outcome: 'review' },
  BM309: { name: 'no-relief-for-case-type', severity: 'error', outcome: 'review' },
  BM310: { name: 'relief-beyond-statute', severity: 'error', outcome: 'review' },
  BM311: { name: 'after-prop-64', severity: 'error', outcome: 'review' },
  BM312: { name: 'sentence-not-completed', severity: 'error', outcome: 'review' },
  BM313: { name: 'not-a-cannabis-section', severity: 'error', outcome: 'review' },
  BM314: { name: 'different-people', severity: 'error', outcome: 'review' },
  BM315: { name: 'conviction-dates-apart', severity: 'error', outcome: 'review' },
  BM316: { name: 'flagged-for-review', severity: 'error', outcome: 'review' },
  BM317: { name: 'challenge-unplaceable', severity: 'error', outcome: 'review' },

  // 400s: rows excluded by their screening (counted, listed, never filed)
  BM401: { name: 'excluded-determination', severity: 'info', outcome: 'exclude' },
  BM402: { name: 'not-evaluated', severity: 'info', outcome: 'exclude' },
  BM403: { name: 'excluded-by-flag', severity: 'info', outcome: 'exclude' },
  BM404: { name: 'excluded-on-review', severity: 'info', outcome: 'exclude' },

  // 500s: warnings; the row goes on
  BM501: { name: 'case-number-normalised', severity: 'warning', outcome: 'none' },
  BM502: { name: 'case-number-in-two-courts', severity: 'warning', outcome: 'none' },
  BM503: { name: 'case-in-two-files', severity: 'warning', outcome: 'none' },
  BM504: { name: 'conviction-date-missing', severity: 'warning', outcome: 'none' },
  BM505: { name: 'case-has-ineligible-counts', severity: 'warning', outcome: 'none' },
  BM506: { name: 'invalid-dob', severity: 'warning', outcome: 'none' },
  BM507: { name: 'unknown-filing-override', severity: 'warning', outcome: 'none' },
  BM508: { name: 'previous-run-unreadable', severity: 'warning', outcome: 'none' },
  BM509: { name: 'sentence-recall', severity: 'info', outcome: 'none' },
  BM510: { name: 'hearing-before-as-of', severity: 'warning', outcome: 'none' },
  BM511: { name: 'config-placeholder', severity: 'warning', outcome: 'none' },
  BM512: { name: 'challenge-without-public-defender', severity: 'warning', outcome: 'none' },

  // 600s: the configuration (always fatal)
  BM601: { name: 'config-unreadable', severity: 'fatal', outcome: 'fatal' },
  BM602: { name: 'config-invalid', severity: 'fatal', outcome: 'fatal' },
  BM603: { name: 'config-duplicate-alias', severity: 'fatal', outcome: 'fatal' },
  BM604: { name: 'config-unknown-reference', severity: 'fatal', outcome: 'fatal' },
  BM605: { name: 'config-duplicate-id', severity: 'fatal', outcome: 'fatal' },
  BM606: { name: 'config-files-ineligible', severity: 'fatal', outcome: 'fatal' },
  BM607: { name: 'not-ready-to-file', severity: 'fatal', outcome: 'fatal' },

  // 700s: templates (always fatal: a document must not go out half-merged)
  BM701: { name: 'template-syntax', severity: 'fatal', outcome: 'fatal' },
  BM702: { name: 'template-missing-field', severity: 'fatal', outcome: 'fatal' },
  BM703: { name: 'template-unknown-helper', severity: 'fatal', outcome: 'fatal' },
  BM704: { name: 'template-markup', severity: 'fatal', outcome: 'fatal' },
  BM705: { name: 'template-folder-missing', severity: 'fatal', outcome: 'fatal' },
  BM706: { name: 'law-table-invalid', severity: 'fatal', outcome: 'fatal' },

  // 800s: the edits file (always fatal: a judge's edit must apply exactly or not at all)
  BM801: { name: 'edit-unknown-case', severity: 'fatal', outcome: 'fatal' },
  BM802: { name: 'edit-invalid-action', severity: 'fatal', outcome: 'fatal' },
  BM803: { name: 'edit-invalid-value', severity: 'fatal', outcome: 'fatal' },
  BM804: { name: 'edit-ambiguous-case', severity: 'fatal', outcome: 'fatal' },
  BM805: { name: 'edit-missing-reason', severity: 'fatal', outcome: 'fatal' },
  BM806: { name: 'edit-missing-column', severity: 'fatal', outcome: 'fatal' },
  // (the resolved file: a review.csv with a person's answers, --resolved; docs/review.md)
  BM807: { name: 'resolved-missing-column', severity: 'fatal', outcome: 'fatal' },
  BM808: { name: 'resolution-invalid-value', severity: 'fatal', outcome: 'fatal' },
  BM809: { name: 'resolution-unknown-row', severity: 'fatal', outcome: 'fatal' },
  BM810: { name: 'resolution-ambiguous-row', severity: 'fatal', outcome: 'fatal' },
  BM811: { name: 'resolution-partial-case', severity: 'fatal', outcome: 'fatal' },
  // (comparing two runs: diff)
  BM820: { name: 'diff-different-counties', severity: 'fatal', outcome: 'fatal' },

  // 900s: the tool's own invariants
  BM901: { name: 'reconciliation-failed', severity: 'fatal', outcome: 'fatal' },
  BM902: { name: 'internal-error', severity: 'fatal', outcome: 'fatal' },
} as const satisfies Record<string, CatalogEntry>;

export type DiagnosticCode = keyof typeof CATALOG;

/** Errors as data, after PapaParse: {code, message, row} plus where. */
export interface Diagnostic {
  code: DiagnosticCode;
  name: string;
  severity: Severity;
  outcome: Outcome;
  file?: string;
  /** The sheet of an Excel workbook the row is on (then `line` is the sheet's row number). */
  sheet?: string;
  /** Physical line in the file, 1-based; the header is line 1. In a workbook: the row number. */
  line?: number;
  column?: string;
  /** In a workbook: the column's letter (A, B, ..., AA), beside its header name in `column`. */
  columnLetter?: string;
  message: string;
  /** How to fix it. */
  hint?: string;
}

export interface Where {
  file?: string;
  sheet?: string;
  line?: number;
  column?: string;
  columnLetter?: string;
}

export function diag(code: DiagnosticCode, where: Where, message: string, hint?: string): Diagnostic {
  const entry: CatalogEntry = CATALOG[code];
  const d: Diagnostic = { code, name: entry.name, severity: entry.severity, outcome: entry.outcome, message };
  if (where.file !== undefined) d.file = where.file;
  if (where.sheet !== undefined) d.sheet = where.sheet;
  if (where.line !== undefined) d.line = where.line;
  if (where.column !== undefined) d.column = where.column;
  if (where.columnLetter !== undefined) d.columnLetter = where.columnLetter;
  if (hint !== undefined) d.hint = hint;
  return d;
}

/** Diagnostics about the config (where `column` is a key), not about rows of a case list. */
export function isConfigCode(code: DiagnosticCode): boolean {
  return code.startsWith('BM6') || code === 'BM507' || code === 'BM510' || code === 'BM511';
}

/**
 * The word people read for a diagnostic: what happens to the row, not how bad
 * it is. A row sent to review is "review", a rejected row "error", a stop
 * "fatal"; warnings and notes keep their severity. (JSON keeps `severity`;
 * its `outcome` says the same as this word.)
 */
export type Label = 'fatal' | 'error' | 'review' | 'warning' | 'info';

export function labelOf(d: Pick<Diagnostic, 'severity' | 'outcome'>): Label {
  if (d.outcome === 'fatal' || d.severity === 'fatal') return 'fatal';
  if (d.outcome === 'review') return 'review';
  if (d.outcome === 'reject' || d.severity === 'error') return 'error';
  return d.severity === 'warning' ? 'warning' : 'info';
}

/** How formatDiagnostic marks its parts on a terminal (colours); plain text by default. */
export interface Paint {
  label(label: Label, text: string): string;
  /** The code and name, and the "fix:" line: quieter than the message. */
  dim(text: string): string;
}

export const PLAIN: Paint = { label: (_l, t) => t, dim: (t) => t };

/** Where, for people: `cases.csv:12 (column "court")`, or in a workbook `cases.xlsx [Sheet1] row 12, column C (Case Number)`. */
export function formatDiagnostic(d: Diagnostic, paint: Paint = PLAIN): string {
  const label = labelOf(d);
  const head = `${locationOf(d)}${paint.label(label, label)} ${paint.dim(`${d.code} ${d.name}:`)} ${d.message}`;
  return d.hint ? `${head}\n    ${paint.dim('fix:')} ${d.hint}` : head;
}

/** The location part of formatDiagnostic, with its trailing ": " ('' when the diagnostic has none). */
function locationOf(d: Diagnostic): string {
  if (d.sheet !== undefined) {
    let loc = `${d.file ?? ''} [${d.sheet}]`;
    if (d.line !== undefined) loc += ` row ${d.line}`;
    if (d.columnLetter !== undefined) loc += `${d.line !== undefined ? ',' : ''} column ${d.columnLetter}${d.column ? ` (${d.column})` : ''}`;
    else if (d.column) loc += ` (column "${d.column}")`;
    return loc + ': ';
  }
  const loc = [d.file, d.line].filter((x) => x !== undefined).join(':');
  const col = d.column ? ` (${isConfigCode(d.code) ? 'key' : 'column'} "${d.column}")` : '';
  return loc ? loc + col + ': ' : '';
}
