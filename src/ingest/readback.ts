/**
 * Read back the fields of listed rows that ingest chose not to hold (rows of
 * a case that went to review only once all its rows were seen). One more
 * pass over just the files concerned; the line numbers are the same, because
 * the same parser reads the same bytes (a workbook's rows: the same sheet).
 */
import { parseTable } from './table';
import { packFields, type ListedRow, type StoredRow } from './types';

export function rowsToReadBack(lists: ReadonlyArray<readonly ListedRow[]>): StoredRow[] {
  const out: StoredRow[] = [];
  for (const list of lists) for (const r of list) if (r.raw.packed === undefined) out.push(r.raw);
  return out;
}

/** Fills `packed` on each row; returns the rows it could not find (the file changed under us). */
export async function readBack(rows: StoredRow[], open: (file: string) => string | Buffer | NodeJS.ReadableStream): Promise<StoredRow[]> {
  const byFile = new Map<string, Map<number, StoredRow>>();
  for (const r of rows) {
    const m = byFile.get(r.ref.file) ?? new Map<number, StoredRow>();
    m.set(r.ref.line, r);
    byFile.set(r.ref.file, m);
  }
  for (const [file, wanted] of byFile) {
    const lines = [...wanted.keys()].sort((a, b) => a - b);
    // Is any wanted line in [from, to)? Binary search over the sorted lines.
    const wantLines = (from: number, to: number): boolean => {
      let lo = 0;
      let hi = lines.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (lines[mid]! < from) lo = mid + 1;
        else hi = mid;
      }
      return lo < lines.length && lines[lo]! < to;
    };
    const sheet = wanted.values().next().value?.ref.sheet;
    await parseTable(
      open(file),
      file,
      {
        header: () => undefined,
        row(fields, line) {
          const r = wanted.get(line);
          if (r && fields.length === r.header.length) r.packed = packFields(fields);
        },
      },
      sheet === undefined ? { wantLines } : { wantLines, sheet },
    );
  }
  return rows.filter((r) => r.packed === undefined);
}
