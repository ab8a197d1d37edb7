/**
 * npm run bench [-- 10000 66000 ...]
 *
 * For each size: generate a synthetic Los Angeles-shaped list, then run the
 * full generate (DOCX and PDF for every filing) stage by stage in a child
 * process, reporting wall time, peak RSS and output size per stage, and the
 * two floors on the same exhibit rows: plain WordprocessingML + zip, and a
 * plain PDF content stream. Timing lives here, never in a test.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { ZipFile } from 'yazl';
import { composeAll, renderDocuments } from '../src/documents';
import { DocxThread } from '../src/render/docx/thread';
import { loadFonts } from '../src/io/fonts';
import { Staging } from '../src/io/staging';
import { loadTemplates } from '../src/io/templates';
import { exhibitCells, exhibitFor } from '../src/model/exhibit';
import { describe, manifestFile, outputFiles } from '../src/output/manifest';
import { runPipeline } from '../src/pipeline';
import { libreOfficeStage } from './libreoffice';

const root = path.join(__dirname, '..', '..');
const CONFIG = path.join(root, 'samples', 'los-angeles', 'config.yaml');

interface Stage {
  stage: string;
  ms: number;
  peakRssMB: number;
  outputMB?: number;
}

const now = () => Number(process.hrtime.bigint() / 1_000_000n);
const peak = () => Math.round(process.resourceUsage().maxRSS / 1024);
const mb = (n: number) => +(n / 1e6).toFixed(1);

async function timed<T>(stages: Stage[], stage: string, fn: () => Promise<T> | T, size?: (r: T) => number): Promise<T> {
  const t0 = now();
  const r = await fn();
  stages.push({ stage, ms: now() - t0, peakRssMB: peak(), ...(size ? { outputMB: mb(size(r)) } : {}) });
  return r;
}

/** Floor 1: the exhibit rows as bare WordprocessingML in a zip. */
async function docxFloor(rows: string[][]): Promise<number> {
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

/** Floor 2: the same rows as one plain PDF content stream per page (a standard font, no layout). */
function pdfFloor(rows: string[][]): number {
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

async function measure(file: string, outDir: string): Promise<void> {
  const stages: Stage[] = [];
  const configText = readFileSync(CONFIG, 'utf8');
  const asOf = '2026-11-26';
  const result = await timed(stages, 'ingest + plan', () => runPipeline({ configText, configFile: CONFIG, cases: [{ name: file, open: () => createReadStream(file) }], asOf }));
  const config = result.config!;
  const plan = result.plan!;
  const t = await loadTemplates(CONFIG, undefined);
  const fonts = loadFonts();
  const composed = (await timed(stages, 'compose', () => composeAll({ plan, config, templates: t.set!, asOf, formats: [], fonts }))).models!;
  // Each format alone; the documents are counted, not kept.
  let docxBytes = 0;
  let pdfBytes = 0;
  let documents = 0;
  await timed(stages, 'render DOCX', () => renderDocuments({ plan, config, templates: t.set!, asOf, formats: ['docx'], fonts, composed, emit: async (f) => ((docxBytes += f.content.length), describe(f)) }), () => docxBytes);
  await timed(stages, 'render PDF', () => renderDocuments({ plan, config, templates: t.set!, asOf, formats: ['pdf'], fonts, composed, emit: async (f) => ((pdfBytes += f.content.length), documents++, describe(f)) }), () => pdfBytes);
  // Both formats as `generate` renders them: Word files on a second thread while the PDFs render here,
  // each document staged on disk as it is done.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.dirname(outDir), { recursive: true });
  const stage = await Staging.open(path.resolve(outDir), 'bench');
  const { records } = await timed(stages, 'render DOCX + PDF (2 threads)', async () => {
    const thread = DocxThread.start(fonts.metrics);
    if (!thread) throw new Error('bench: the compiled DOCX worker is missing');
    try {
      return await renderDocuments({ plan, config, templates: t.set!, asOf, formats: ['docx', 'pdf'], fonts, composed, docx: thread, emit: (f) => stage.put(f) });
    } finally {
      await thread.close();
    }
  });
  // plan.json, index.csv and the other listings, then the manifest, as `generate` writes them.
  await timed(stages, 'write', async () => {
    const all = [...records];
    for (const f of outputFiles(result, [])) all.push(await stage.put(f));
    await stage.commit([manifestFile(result, { toolVersion: 'bench', asOf, config: { file: CONFIG, sha256: '' }, inputs: [] }, all)], undefined);
  });
  // The floors, on the same exhibit rows (every filed case, once per document kind, as we render them).
  const rows = plan.filings.flatMap((f) => {
    const ex = exhibitFor(f, config);
    return f.cases.map((c, i) => exhibitCells(ex, c, i));
  });
  const kinds = 2;
  const floorDocx = await timed(stages, 'floor: WordprocessingML + zip', async () => {
    let n = 0;
    for (let k = 0; k < kinds; k++) n += await docxFloor(rows);
    return n;
  }, (n) => n);
  const floorPdf = await timed(stages, 'floor: PDF content stream', () => {
    let n = 0;
    for (let k = 0; k < kinds; k++) n += pdfFloor(rows);
    return n;
  }, (n) => n);
  void floorDocx;
  void floorPdf;
  process.stdout.write(JSON.stringify({ cases: result.reconciliation!.counts.filedCases, rows: result.reconciliation!.counts.inputRows, filings: plan.filings.length, documents: documents * 2, stages }) + '\n');
}

/** The best of `runs` measurements of each stage (this machine's timings vary by +-20 % from run to run). */
function best(runs: Array<{ stages: Stage[] }>): Stage[] {
  return runs[0]!.stages.map((s, i) => ({ ...s, ms: Math.min(...runs.map((r) => r.stages[i]!.ms)), peakRssMB: Math.max(...runs.map((r) => r.stages[i]!.peakRssMB)) }));
}

function main(): void {
  if (process.argv[2] === '--measure') {
    void measure(process.argv[3]!, process.argv[4]!);
    return;
  }
  const args = process.argv.slice(2);
  const noLibreOffice = args.includes('--no-libreoffice') ? (args.splice(args.indexOf('--no-libreoffice'), 1), true) : false;
  const at = args.indexOf('--repeat');
  const repeat = at >= 0 ? Math.max(1, Number(args.splice(at, 2)[1]) || 1) : 1;
  const sizes = args.map(Number).filter(Boolean);
  const data = path.join(root, 'bench', 'data');
  const results = path.join(root, 'bench', 'results');
  mkdirSync(data, { recursive: true });
  mkdirSync(results, { recursive: true });
  const table: string[] = [];
  for (const n of sizes.length ? sizes : [10000, 66000, 250000, 1000000]) {
    const file = path.join(data, `la-${n}.csv`);
    if (!existsSync(file)) execFileSync(process.execPath, [path.join(root, 'dist', 'samples', 'main.js'), '--cases', String(n), '--seed', '7', '--out', file], { stdio: 'ignore' });
    const runs: Array<{ cases: number; rows: number; filings: number; documents: number; stages: Stage[] }> = [];
    for (let k = 0; k < repeat; k++) {
      const out = execFileSync(process.execPath, ['--max-old-space-size=4096', __filename, '--measure', file, path.join(root, 'bench', 'out', String(n))], { encoding: 'utf8', maxBuffer: 1 << 24 });
      runs.push(JSON.parse(out.trim().split('\n').pop()!));
    }
    const r = { ...runs[0]!, runs: repeat, stages: best(runs) };
    writeFileSync(path.join(results, `la-${n}.json`), JSON.stringify(r, null, 2) + '\n');
    const get = (s: string) => r.stages.find((x) => x.stage === s)!;
    const ratio = (ms: number, floor: number) => (ms / Math.max(1, floor)).toFixed(1);
    const floorDocx = get('floor: WordprocessingML + zip').ms;
    const floorPdf = get('floor: PDF content stream').ms;
    const sec = (s: string) => `${(get(s).ms / 1000).toFixed(1)} s`;
    table.push(
      `| ${n.toLocaleString('en-US')} | ${r.rows.toLocaleString('en-US')} | ${sec('ingest + plan')} | ${sec('compose')} | ${sec('render DOCX')} | ${sec('render PDF')} | ${sec('render DOCX + PDF (2 threads)')} | ${sec('write')} | ${Math.max(...r.stages.map((s) => s.peakRssMB))} MB | ${get('render DOCX').outputMB} MB | ${get('render PDF').outputMB} MB | ${ratio(get('render DOCX').ms, floorDocx)}x | ${ratio(get('render PDF').ms, floorPdf)}x | ${ratio(get('render DOCX + PDF (2 threads)').ms, floorDocx + floorPdf)}x |`,
    );
    process.stdout.write(`${n}: ${JSON.stringify(r.stages)}\n`);
  }
  const head = [
    `Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Best of ${repeat} run(s) per stage.`,
    '',
    '| cases | rows | ingest + plan | compose | render DOCX | render PDF | render both, 2 threads | write | peak RSS | DOCX size | PDF size | DOCX / floor | PDF / floor | both / both floors |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  process.stdout.write('\n' + [...head, ...table].join('\n') + '\n');
  // Optional: each Word file of the Los Angeles-size run opened in LibreOffice, when it is installed (bench/libreoffice.ts).
  if (!noLibreOffice && (sizes.length ? sizes : [66000]).includes(66000)) libreOfficeStage(path.join(root, 'bench', 'out', '66000'), path.join(results, 'la-66000-libreoffice.md'));
}

main();
