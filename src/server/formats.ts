/**
 * What a loaded file looks like, said to the user as it is loaded: a config,
 * a gogen (Clear My Record) list, a canonical list, an Excel workbook. Read
 * from the file's first bytes; the engine decides how it is read.
 */
import { promises as fs } from 'node:fs';

async function head(file: string, bytes = 64 * 1024): Promise<Buffer> {
  const h = await fs.open(file, 'r');
  try {
    const b = Buffer.alloc(bytes);
    const { bytesRead } = await h.read(b, 0, bytes, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await h.close();
  }
}

export async function detectFormat(file: string, role: 'config' | 'cases'): Promise<string> {
  const b = await head(file);
  if (b.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004', 'latin1'))) return 'Excel workbook (.xlsx)';
  if (b.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'))) return 'old Excel workbook (.xls): save it as CSV or .xlsx';
  const text = b.toString('utf8').replace(/^\uFEFF/, '');
  if (role === 'config') return /^\s*county\s*:/m.test(text) ? 'YAML config' : 'YAML (no county: key found)';
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const cells = header.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  if (cells.includes('eligibility determination')) return 'CSV, gogen (Clear My Record) results';
  if (cells.includes('case_number')) return 'CSV, canonical columns';
  if (header.includes('\t')) return 'tab-separated text';
  return cells.length > 1 ? 'CSV, columns mapped by the config' : 'not recognised as CSV';
}
