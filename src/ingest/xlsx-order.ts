/**
 * exceljs's streaming reader takes a workbook's zip entries in the order they
 * are stored. It can read a sheet as it streams by only once it has seen the
 * workbook part (the sheet names and tab order), its relationships and the
 * shared strings; a sheet stored before them is copied to a temporary file
 * (Excel stores the sheet first), and a sheet stored after the shared strings
 * but before the workbook part stops the reader. So the entries are laid out
 * again, unchanged and still compressed, with every other part before the
 * sheets: the reader then streams the sheet straight from memory, and no
 * personal data is written to a temporary file. Only the order of whole
 * entries changes (found with unzipper's reading of the zip's directory);
 * anything unexpected leaves the bytes as they are.
 */
// unzipper ships no types; this is the part of its directory reader used here.
const unzipper = require('unzipper') as { Open: { buffer(b: Buffer): Promise<ZipDirectory> } };

interface ZipDirectory {
  offsetToStartOfCentralDirectory: number;
  files: Array<{ path: string; offsetToLocalFileHeader: number }>;
}

const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

export async function sheetsLast(bytes: Buffer): Promise<Buffer> {
  let dir: ZipDirectory;
  try {
    dir = await unzipper.Open.buffer(bytes);
  } catch {
    return bytes;
  }
  const end = dir.offsetToStartOfCentralDirectory;
  const files = [...dir.files].sort((a, b) => a.offsetToLocalFileHeader - b.offsetToLocalFileHeader);
  // Each entry runs from its local header to the next one's (its data descriptor included).
  const spans = files.map((f, i) => ({ path: f.path, from: f.offsetToLocalFileHeader, to: i + 1 < files.length ? files[i + 1]!.offsetToLocalFileHeader : end }));
  if (files.length === 0 || spans[0]!.from !== 0 || spans.some((s) => s.to <= s.from) || end > bytes.length) return bytes;
  const ordered = [...spans.filter((s) => !SHEET.test(s.path)), ...spans.filter((s) => SHEET.test(s.path))];
  if (ordered.every((s, i) => s === spans[i])) return bytes;
  return Buffer.concat([...ordered.map((s) => bytes.subarray(s.from, s.to)), bytes.subarray(end)]);
}
