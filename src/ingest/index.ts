/**
 * Ingest: case lists (CSV, or a sheet of an Excel workbook) in, cases and
 * accounted-for rows out. The caller (the I/O edge) opens the files and hands
 * us their byte streams; src/ingest/table.ts tells the formats apart and
 * gives every row as fields, so both formats meet the same checks.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';
import type { Config } from '../config/schema';
import { courtMatcher, looseKey } from '../config/courts';
import { parseTable, type Doubt } from './table';
import { columnLetter } from './xlsx-cells';
import { canonicalMapper } from './canonical';
import { gogenMapper } from './gogen';
import { CaseMerger, screeningOptions } from './merge';
import { router } from '../config/routing';
import type { IngestContext } from './row';
import { packRow, type IngestResult, type InputFileSummary, type ListedRow, type RowMapper } from './types';
import { plural } from '../words';

export type Preset = 'gogen' | 'canonical';

export interface IngestOptions {
  config: Config;
  preset: Preset;
  asOf: string;
  /**
   * How many files the run reads. With more than one, each row's fingerprint is kept, so a row
   * repeated in a second file (gogen's All_Results.csv and Prop64_Results.csv together) is found.
   */
  files?: number;
  /** The sheet to read from each Excel workbook (default: its first). */
  sheet?: string;
  /** Called for every data row read (for progress). */
  onRow?: () => void;
}

export interface Ingest {
  /** Read one file. `name` is how diagnostics name it. */
  addFile(name: string, input: string | Buffer | NodeJS.ReadableStream): Promise<void>;
  /** `onCase`: told as each case is made of its counts (for progress). */
  finish(onCase?: (done: number, total: number) => void): IngestResult;
}

export function createIngest(opts: IngestOptions): Ingest {
  // Personal data is held only when a document will print it: a public exhibit column the office asked for, or the confidential file.
  const personal = new Set(opts.config.exhibit.confidential ? (['defendant_name', 'dob', 'cii'] as const) : opts.config.exhibit.columns.filter((c): c is 'defendant_name' | 'dob' | 'cii' => c === 'defendant_name' || c === 'dob' || c === 'cii'));
  const ctx: IngestContext = { config: opts.config, courts: courtMatcher(opts.config), asOf: opts.asOf, personal, countyKey: looseKey(opts.config.county), demographics: opts.config.summary.demographics };
  const merger = new CaseMerger(router(opts.config), screeningOptions(opts.config));
  const rejected: ListedRow[] = [];
  const diagnostics: Diagnostic[] = [];
  const files: InputFileSummary[] = [];
  let fatal = false;
  let inputRows = 0;
  /** sha256 of each file read whole -> its name: the same list given twice is fatal. */
  const digests = new Map<string, string>();
  /** Row fingerprint (53 bits) -> file index * 2^32 + a second, independent 32-bit hash. */
  const fingerprints = (opts.files ?? 1) > 1 ? new Map<number, number>() : undefined;

  return {
    async addFile(name, input) {
      let header: string[] = [];
      let mapper: RowMapper | undefined;
      let order: number[] = [];
      const fileIndex = files.length;
      let repeated: { line: number; of: string } | undefined;
      /** Set when the file is an Excel workbook. */
      let sheet: string | undefined;
      const outcome = await parseTable(input, name, {
        header(fields, line, sheetName) {
          sheet = sheetName;
          header = headerNames(fields);
          const delimiter = wrongDelimiter(header, name, line);
          if (delimiter) return delimiter;
          // Required columns first: a file without a header row must not have its first row quoted as "names".
          const m = opts.preset === 'gogen' ? gogenMapper(header, name, line, ctx) : canonicalMapper(header, name, line, ctx);
          if (m.fatal) return m.fatal;
          const dup = duplicateHeader(header, name, line);
          if (dup) return dup;
          mapper = m.mapper;
          order = header.map((_, i) => i).sort((a, b) => (header[a]!.toLowerCase() < header[b]!.toLowerCase() ? -1 : 1));
          return undefined;
        },
        row(fields, line, doubts) {
          opts.onRow?.();
          if (fingerprints && fields.length === header.length) {
            const [h1, h2] = fingerprint(header, fields, order);
            const prev = fingerprints.get(h1);
            if (prev === undefined) fingerprints.set(h1, fileIndex * 2 ** 32 + h2);
            else if (prev % 2 ** 32 === h2 && Math.floor(prev / 2 ** 32) !== fileIndex) repeated ??= { line, of: files[Math.floor(prev / 2 ** 32)]!.file };
          }
          const raw = { ref: sheet === undefined ? { file: name, line } : { file: name, line, sheet }, header, fields };
          const reject = (d: Diagnostic) => {
            rejected.push({ raw: packRow(raw), diagnostic: d });
            diagnostics.push(d);
          };
          if (fields.length !== header.length) {
            if (sheet === undefined) reject(diag('BM201', { file: name, line }, `the row has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${header.length}`, 'a comma inside a value needs the value in double quotes; or a column is missing on this line'));
            else reject(unheaded(name, sheet, line, fields, header.length));
            return;
          }
          const doubt = doubts && mapper!.textColumns?.find((i) => doubts.has(i));
          if (doubt !== undefined && doubts) {
            reject(doubtful(name, line, header[doubt]!, doubts.get(doubt)!));
            return;
          }
          const r = mapper!.map(raw);
          if (r.row) merger.add(r.row);
          else {
            rejected.push({ raw: packRow(raw), diagnostic: r.reject! });
            diagnostics.push(r.reject!);
          }
        },
      }, opts.sheet !== undefined ? { sheet: opts.sheet } : {});
      files.push(sheet === undefined ? { file: name, rows: outcome.rows } : { file: name, rows: outcome.rows, sheet, header });
      inputRows += outcome.rows;
      if (outcome.warnings) diagnostics.push(...outcome.warnings);
      const twin = outcome.sha256 !== undefined && !outcome.fatal ? digests.get(outcome.sha256) : undefined;
      if (outcome.sha256 !== undefined && !outcome.fatal && twin === undefined) digests.set(outcome.sha256, name);
      if (outcome.fatal) {
        fatal = true;
        diagnostics.push(outcome.fatal);
      } else if (twin !== undefined) {
        fatal = true;
        const same = twin === name ? 'is given twice' : `has exactly the same content as ${twin}`;
        diagnostics.push(diag('BM113', { file: name }, `the case list ${same}, so every row would be counted twice`, 'pass each case list once'));
      } else if (repeated) {
        fatal = true;
        diagnostics.push(diag('BM113', { file: name, line: repeated.line }, `line ${repeated.line} repeats a row of ${repeated.of} exactly (all its columns): the two files hold the same counts, which would be counted twice`, opts.preset === 'gogen' ? 'pass only one of All_Results.csv or Prop64_Results.csv (Prop64_Results.csv is part of All_Results.csv)' : 'pass each row once: remove the repeated rows from one of the files'));
      } else if (outcome.rows === 0) {
        diagnostics.push(diag('BM103', { file: name, line: 1, ...(sheet !== undefined ? { sheet } : {}) }, `the ${sheet === undefined ? 'file' : 'sheet'} has a header but no rows`, 'check that you exported the right list'));
      }
    },

    finish(onCase) {
      const merged = merger.finish(onCase);
      diagnostics.push(...merged.diagnostics, ...summariseExclusions(merged.excluded));
      return {
        cases: merged.cases,
        filedRows: merged.filedRows,
        excluded: merged.excluded,
        review: merged.review,
        rejected,
        diagnostics,
        files,
        inputRows,
        flags: merged.flags,
        fatal,
      };
    },
  };
}

/** BM201 on a sheet: a value in a column after the last one with a header. */
function unheaded(file: string, sheet: string, line: number, fields: readonly string[], width: number): Diagnostic {
  const i = fields.findIndex((f, k) => k >= width && f !== '');
  const letter = columnLetter((i < 0 ? width : i) + 1);
  return diag('BM201', { file, sheet, line, columnLetter: letter }, `the row has a value in column ${letter}, which has no header (the header row ends at column ${columnLetter(width)})`, `give column ${letter} a header, or clear the cell if it does not belong to the list`);
}

/** BM214: a cell of an identifier column whose text may not be what was typed. */
function doubtful(file: string, line: number, column: string, doubt: Doubt): Diagnostic {
  const what: Record<Doubt, string> = {
    date: 'is a date, not the identifier: Excel can turn a typed value such as 3-12 into a date',
    digits: 'is a number whose digits are not all known (a number keeps only 15 digits, and its format may round it)',
    error: 'holds an error (such as #N/A) instead of a value',
    uncalculated: 'holds a formula saved without its result',
  };
  const fix = doubt === 'error' || doubt === 'uncalculated' ? 'correct the formula, or paste the values in its place, save the workbook and run again' : 'format the column as Text in Excel, type the value again exactly as the court writes it, save and run again';
  return diag('BM214', { file, line, column }, `the cell of column "${column}" ${what[doubt]}, so the row is not read`, fix);
}

/** Header names trimmed; an empty one is named by its position (`column_12`), so its values are kept apart. */
export function headerNames(fields: readonly string[]): string[] {
  return fields.map((h, i) => (h.trim() === '' ? `column_${i + 1}` : h.trim()));
}

function wrongDelimiter(header: string[], file: string, line: number): Diagnostic | undefined {
  if (header.length === 1 && /[;\t|]/.test(header[0]!)) {
    const sep = header[0]!.includes(';') ? 'semicolons' : header[0]!.includes('\t') ? 'tabs' : 'pipes';
    return diag('BM106', { file, line }, `the header is separated by ${sep}, not commas`, 'save the list as CSV with comma separators (in Excel: "CSV UTF-8 (Comma delimited)")');
  }
  return undefined;
}

function duplicateHeader(header: string[], file: string, line: number): Diagnostic | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < header.length; i++) {
    const k = header[i]!.toLowerCase();
    if (k === '') continue;
    if (seen.has(k)) {
      return diag('BM105', { file, line, column: header[i] }, `column "${header[i]}" appears twice (columns ${seen.get(k)! + 1} and ${i + 1})`, 'rename or delete one of them so each value has one meaning');
    }
    seen.set(k, i);
  }
  return undefined;
}

/** Two independent 32-bit FNV-1a hashes of a row's columns by name (so column order does not matter). */
function fingerprint(header: readonly string[], fields: readonly string[], order: readonly number[]): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (const i of order) {
    const s = `${header[i]!.toLowerCase()}\u0000${fields[i]!}\u0001`;
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
  }
  // 53 bits for the key, 32 more to confirm a match.
  return [(a >>> 0) * 2 ** 21 + ((b >>> 0) & 0x1fffff), (Math.imul(a ^ b, 0x85ebca6b) ^ (a >>> 13)) >>> 0];
}

/** One note per determination (and one for the rows the flags policy excluded); the rows themselves are listed in excluded.csv. */
function summariseExclusions(rows: ListedRow[]): Diagnostic[] {
  const counts = new Map<string, { code: 'BM401' | 'BM402'; n: number }>();
  let byFlag = 0;
  for (const r of rows) {
    if (r.diagnostic.code === 'BM403') {
      byFlag++;
      continue;
    }
    const k = r.determination ?? '';
    const c = counts.get(k) ?? { code: r.diagnostic.code as 'BM401' | 'BM402', n: 0 };
    c.n++;
    counts.set(k, c);
  }
  const out = [...counts.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([det, c]) => diag(c.code, {}, `${plural(c.n, 'row')} excluded as "${det}"; listed in excluded.csv`));
  if (byFlag) out.push(diag('BM403', {}, `${plural(byFlag, 'row')} of cases the screening flagged excluded by the config's flags: policy; listed in excluded.csv`));
  return out;
}
