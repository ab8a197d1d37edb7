/**
 * Ingest: CSV text in, cases and accounted-for rows out. The caller (the I/O
 * edge) opens the files and hands us their byte streams.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';
import type { Config } from '../config/schema';
import { courtMatcher, looseKey } from '../config/courts';
import { parseCsv } from './csv';
import { canonicalMapper } from './canonical';
import { gogenMapper } from './gogen';
import { CaseMerger } from './merge';
import { router } from '../config/routing';
import type { IngestContext } from './row';
import { packRow, type IngestResult, type InputFileSummary, type ListedRow, type RowMapper } from './types';

export type Preset = 'gogen' | 'canonical';

export interface IngestOptions {
  config: Config;
  preset: Preset;
  asOf: string;
}

export interface Ingest {
  /** Read one file. `name` is how diagnostics name it. */
  addFile(name: string, input: string | Buffer | NodeJS.ReadableStream): Promise<void>;
  finish(): IngestResult;
}

export function createIngest(opts: IngestOptions): Ingest {
  // Personal data is held only when a document will print it: a public exhibit column the office asked for, or the confidential file.
  const personal = new Set(opts.config.exhibit.confidential ? (['defendant_name', 'dob', 'cii'] as const) : opts.config.exhibit.columns.filter((c): c is 'defendant_name' | 'dob' | 'cii' => c === 'defendant_name' || c === 'dob' || c === 'cii'));
  const ctx: IngestContext = { config: opts.config, courts: courtMatcher(opts.config), asOf: opts.asOf, personal, countyKey: looseKey(opts.config.county) };
  const merger = new CaseMerger(router(opts.config), {
    sentenceNotCompleted: opts.config.sentence_not_completed,
    beyondStatuteAgencies: new Set(opts.config.agencies.filter((a) => a.beyond_statute_basis !== undefined).map((a) => a.id)),
  });
  const rejected: ListedRow[] = [];
  const diagnostics: Diagnostic[] = [];
  const files: InputFileSummary[] = [];
  let fatal = false;
  let inputRows = 0;

  return {
    async addFile(name, input) {
      let header: string[] = [];
      let mapper: RowMapper | undefined;
      const outcome = await parseCsv(input, name, {
        header(fields, line) {
          header = fields.map((h) => h.trim());
          const dup = checkHeader(header, name, line);
          if (dup) return dup;
          const m = opts.preset === 'gogen' ? gogenMapper(header, name, line, ctx) : canonicalMapper(header, name, line, ctx);
          mapper = m.mapper;
          return m.fatal;
        },
        row(fields, line) {
          const raw = { ref: { file: name, line }, header, fields };
          if (fields.length !== header.length) {
            const d = diag('BM201', { file: name, line }, `the row has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${header.length}`, 'a comma inside a value needs the value in double quotes; or a column is missing on this line');
            rejected.push({ raw: packRow(raw), diagnostic: d });
            diagnostics.push(d);
            return;
          }
          const r = mapper!.map(raw);
          if (r.row) merger.add(r.row);
          else {
            rejected.push({ raw: packRow(raw), diagnostic: r.reject! });
            diagnostics.push(r.reject!);
          }
        },
      });
      files.push({ file: name, rows: outcome.rows });
      inputRows += outcome.rows;
      if (outcome.fatal) {
        fatal = true;
        diagnostics.push(outcome.fatal);
      } else if (outcome.rows === 0) {
        diagnostics.push(diag('BM103', { file: name, line: 1 }, 'the file has a header but no rows', 'check that you exported the right list'));
      }
    },

    finish() {
      const merged = merger.finish();
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
        fatal,
      };
    },
  };
}

function checkHeader(header: string[], file: string, line: number): Diagnostic | undefined {
  if (header.length === 1 && /[;\t|]/.test(header[0]!)) {
    const sep = header[0]!.includes(';') ? 'semicolons' : header[0]!.includes('\t') ? 'tabs' : 'pipes';
    return diag('BM106', { file, line }, `the header is separated by ${sep}, not commas`, 'save the list as CSV with comma separators (in Excel: "CSV UTF-8 (Comma delimited)")');
  }
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

/** One note per determination; the rows themselves are listed in excluded.csv. */
function summariseExclusions(rows: ListedRow[]): Diagnostic[] {
  const counts = new Map<string, { code: 'BM401' | 'BM402'; n: number }>();
  for (const r of rows) {
    const k = r.determination ?? '';
    const c = counts.get(k) ?? { code: r.diagnostic.code as 'BM401' | 'BM402', n: 0 };
    c.n++;
    counts.set(k, c);
  }
  return [...counts.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([det, c]) => diag(c.code, {}, `${c.n} row${c.n === 1 ? '' : 's'} excluded as "${det}"; listed in excluded.csv`));
}
