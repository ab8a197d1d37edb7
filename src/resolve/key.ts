/**
 * A review row's key: what matches an answered review.csv row to the input
 * row it is about, by content rather than by file or line, so the answers
 * keep working after the list is exported again (rows reordered, rows added,
 * another file name). It is a hash of the row's columns by header name (in
 * any column order), leaving out the personal columns (src/output/personal.ts).
 */
import { createHash } from 'node:crypto';
import { normaliseHeader, type PersonalTest } from '../output/personal';

export const ROW_KEY_PREFIX = 'rk';

export function rowKey(header: readonly string[], fields: readonly string[], personal: PersonalTest): string {
  const cells: string[] = [];
  header.forEach((h, i) => {
    if (!personal(h)) cells.push(`${normaliseHeader(h)}\u0000${(fields[i] ?? '').trim()}`);
  });
  cells.sort();
  const h = createHash('sha256');
  for (const c of cells) h.update(c + '\u0001');
  // A letter first, so no spreadsheet reads the key as a number (1e5...).
  return ROW_KEY_PREFIX + h.digest('hex').slice(0, 20);
}
