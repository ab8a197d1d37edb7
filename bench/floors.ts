/**
 * The floors the bench compares each stage with: the same data through the
 * least work that still touches all of it, with no layout, no checks and no
 * formatting. A stage's time over its floor says how much of it is ours.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { ZipFile } from 'yazl';
import type { Plan } from '../src/plan';

/** Ingest: the file's bytes decoded and cut into lines and fields (a comma split, quotes ignored). */
export async function ingestFloor(file: string): Promise<number> {
  let fields = 0;
  let carry = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop()!;
    for (const l of lines) fields += l.split(',').length;
  }
  return fields + carry.split(',').length;
}

/** DOCX: the exhibit rows as bare WordprocessingML in a zip. */
export async function docxFloor(rows: string[][]): Promise<number> {
  const zip = new ZipFile();
  const parts: Buffer[] = [];
  let piece = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>';
  for (const r of rows) {
    piece += `<w:tr>${r.map((t) => `<w:tc><w:p><w:r><w:t>${t.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr>`;
    if (piece.length > 1 << 20) (parts.push(Buffer.from(piece)), (piece = ''));
  }
  parts.push(Buffer.from(piece + '</w:tbl></w:body></w:document>'));
  zip.addBuffer(Buffer.concat(parts), 'word/document.xml', { compress: true });
  zip.end();
  let n = 0;
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) n += c.length;
  return n;
}

/** PDF: the same rows as one plain content stream per page (a standard font, no layout), deflated. */
export function pdfFloor(rows: string[][]): number {
  let bytes = 0;
  for (let p = 0; p < rows.length; p += 55) {
    let ops = 'BT /F1 9 Tf\n';
    rows.slice(p, p + 55).forEach((r, i) => {
      r.forEach((t, k) => (ops += `1 0 0 1 ${54 + k * 85} ${730 - i * 13} Tm (${t.replace(/[()\\]/g, '\\$&')}) Tj\n`));
    });
    bytes += deflateSync(Buffer.from(ops + 'ET', 'latin1'), { level: 2 }).length;
  }
  return bytes;
}

/**
 * Listings: every filed case as one JSON line (its plan.json fields, no
 * indentation) and one CSV line (index.csv's fields joined by commas, nothing
 * quoted), each file hashed and written to `dir` in 1 MB pieces.
 */
export async function listingsFloor(plan: Plan, dir: string): Promise<number> {
  await fs.mkdir(dir, { recursive: true });
  let total = 0;
  const write = async (name: string, lines: (emit: (s: string) => void) => void) => {
    const pieces: string[] = [];
    let piece = '';
    lines((s) => {
      piece += s;
      if (piece.length > 1 << 20) (pieces.push(piece), (piece = ''));
    });
    pieces.push(piece);
    const hash = createHash('sha256');
    const out = await fs.open(path.join(dir, name), 'w');
    for (const p of pieces) {
      const b = Buffer.from(p, 'utf8');
      hash.update(b);
      total += b.length;
      await out.write(b);
    }
    await out.close();
    hash.digest('hex');
  };
  await write('plan.jsonl', (emit) => {
    for (const f of plan.filings) for (const c of f.cases) emit(JSON.stringify({ caseNumber: c.caseNumber, court: c.court, codeSections: c.codeSections, convictionDate: c.convictionDate, sources: c.sources.map((s) => `${s.file}:${s.line}`) }) + '\n');
  });
  await write('index.csv', (emit) => {
    for (const f of plan.filings) f.cases.forEach((c, i) => emit(`${c.caseNumber},${f.id},${i + 1},${c.court},${c.caseType},${c.relief},${c.codeSections.join('; ')},${c.convictionDate},${c.sources.map((s) => `${s.file}:${s.line}`).join('; ')}\r\n`));
  });
  return total;
}
