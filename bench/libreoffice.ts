/**
 * LibreOffice: how long a user's office suite takes to open our Word files.
 *
 *   node .bench-dist/bench/libreoffice.js shapes [--rows 10000,20000] [--runs 2] [--only a,b]
 *     The exhibit table's XML shape against LibreOffice's conversion time: one
 *     exhibit-only document of N rows of the Los Angeles list's largest filing,
 *     rendered by our DOCX renderer, then rewritten into variants (rows per
 *     table, cantSplit, the header repeat, fixed layout, cell widths, direct
 *     formatting instead of styles). Each variant is converted `--runs` times
 *     (median), each run with its own profile; every case is looked for in the
 *     PDF with pdftotext. Pages are rendered to PNG (pdftoppm -r 60) to look at.
 *   node .bench-dist/bench/libreoffice.js files DIR [--runs N] [--filing ID] [--save FILE.md]
 *     Every DOCX of a generate run in DIR, converted one at a time: seconds,
 *     pages, and whether every case the manifest gives the file is in its PDF.
 *
 * `npm run bench` runs the second on its Los Angeles-size output when soffice
 * exists (bench/run.ts). Timing lives here, never in a test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import Papa from 'papaparse';
import { loadFonts } from '../src/io/fonts';
import { exhibitFor } from '../src/model/exhibit';
import type { DocumentModel } from '../src/model/types';
import { runPipeline } from '../src/pipeline';
import { renderDocx } from '../src/render/docx/index';

const root = path.join(__dirname, '..', '..');
const CONFIG = path.join(root, 'samples', 'los-angeles', 'config.yaml');
const now = () => Number(process.hrtime.bigint() / 1_000_000n);

export const hasSoffice = () => spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;

export interface Conversion {
  /** Wall seconds. */
  s: number;
  /** CPU seconds of soffice (user + sys), less sensitive than wall time to other work on the machine. */
  cpu: number;
  pdf: string;
  pages: number;
}

/** Convert one DOCX to PDF with a profile of its own; throws when no PDF comes out (soffice exits 0 anyway). */
export function convert(docx: string, outDir: string, timeoutS = 1800): Conversion {
  const profile = path.join(outDir, `.lo-profile-${process.pid}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(outDir, { recursive: true });
  const pdf = path.join(outDir, path.basename(docx).replace(/\.docx$/, '.pdf'));
  rmSync(pdf, { force: true });
  const t0 = now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', 'soffice', `-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, docx], { encoding: 'utf8', timeout: timeoutS * 1000 });
  const s = (now() - t0) / 1000;
  rmSync(profile, { recursive: true, force: true });
  if (!existsSync(pdf)) throw new Error(`LibreOffice did not convert ${docx} (${r.error?.message ?? `exit ${r.status}`})`);
  const [u, sy] = (r.stderr.trim().split('\n').pop() ?? '0 0').split(' ').map(Number);
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return { s, cpu: (u ?? 0) + (sy ?? 0), pdf, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0) };
}

/** The whitespace-separated words of a PDF's text (pdftotext), as a set. */
export function pdfWords(pdf: string): Set<string> {
  return new Set(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 30 }).split(/\s+/));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// ---------------------------------------------------------------- shapes

interface Variant {
  name: string;
  what: string;
  rowsPerTable: number;
  rewrite?: (xml: string) => string;
}

const BODY_TRPR = '<w:trPr><w:cantSplit/></w:trPr>';
const STYLED = /<w:pPr><w:pStyle w:val="(BMc|BMr|BMh)"\/><\/w:pPr>(<w:r>)?/g;

/** Every cell paragraph formatted on itself (spacing, alignment, size, weight), as before styles were used. */
function direct(xml: string): string {
  return xml.replace(STYLED, (_m, id: string, run?: string) => {
    const jc = id === 'BMr' ? '<w:jc w:val="right"/>' : '';
    const rpr = `<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>${id === 'BMh' ? '<w:b/><w:bCs/>' : ''}<w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>`;
    return `<w:pPr><w:spacing w:before="0" w:after="0" w:line="260" w:lineRule="atLeast"/>${jc}${rpr}</w:pPr>${run ? `<w:r>${rpr}` : ''}`;
  });
}

/** A width on every cell (tcW), from the table grid. */
function cellWidths(xml: string): string {
  return xml.replace(/<w:tbl>.*?<\/w:tbl>/gs, (tbl) => {
    const widths = [...(/<w:tblGrid>(.*?)<\/w:tblGrid>/.exec(tbl)?.[1] ?? '').matchAll(/w:w="(\d+)"/g)].map((m) => m[1]);
    return tbl.replace(/<w:tr>(.*?)<\/w:tr>/gs, (tr) => {
      let i = 0;
      return tr.replace(/<w:tc>/g, () => `<w:tc><w:tcPr><w:tcW w:w="${widths[i++ % widths.length]}" w:type="dxa"/></w:tcPr>`);
    });
  });
}

const VARIANTS: Variant[] = [
  { name: 'rpt2000', what: '2,000 rows per table, fixed layout, grid widths, cell styles, cantSplit on every row, repeated header (the shape before issue 19)', rowsPerTable: 2000 },
  { name: 'rpt1000', what: '1,000 rows per table', rowsPerTable: 1000 },
  { name: 'rpt500', what: '500 rows per table', rowsPerTable: 500 },
  { name: 'rpt250', what: '250 rows per table', rowsPerTable: 250 },
  { name: 'rpt100', what: '100 rows per table', rowsPerTable: 100 },
  { name: 'rpt500-nocantsplit', what: '500 per table, no cantSplit on body rows', rowsPerTable: 500, rewrite: (x) => x.split(BODY_TRPR).join('') },
  { name: 'rpt500-noheader', what: '500 per table, header row not repeated', rowsPerTable: 500, rewrite: (x) => x.replace(/<w:tblHeader\/>/g, '') },
  { name: 'rpt500-autolayout', what: '500 per table, automatic layout (no tblLayout fixed)', rowsPerTable: 500, rewrite: (x) => x.replace(/<w:tblLayout w:type="fixed"\/>/g, '') },
  { name: 'rpt500-tcw', what: '500 per table, a width on every cell (tcW)', rowsPerTable: 500, rewrite: cellWidths },
  { name: 'rpt500-direct', what: '500 per table, direct formatting on every paragraph and run instead of styles', rowsPerTable: 500, rewrite: direct },
];

async function largestFiling() {
  const file = path.join(root, 'bench', 'data', 'la-66000.csv');
  if (!existsSync(file)) execFileSync(process.execPath, [path.join(root, 'dist', 'samples', 'main.js'), '--cases', '66000', '--seed', '7', '--out', file], { stdio: 'ignore' });
  const result = await runPipeline({ configText: readFileSync(CONFIG, 'utf8'), configFile: CONFIG, cases: [{ name: file, open: () => createReadStream(file) }], asOf: '2026-11-26' });
  const filing = [...result.plan!.filings].sort((a, b) => b.caseCount - a.caseCount)[0]!;
  return { filing, config: result.config! };
}

/** An exhibit-only document (as a volume is) of the first `rows` cases, rendered by the current code, then rewritten. */
async function variantDocx(v: Variant, rows: number, dir: string, base: Awaited<ReturnType<typeof largestFiling>>, metrics: ReturnType<typeof loadFonts>['metrics']): Promise<{ file: string; cases: string[] }> {
  const ex = { ...exhibitFor(base.filing, base.config), cases: base.filing.cases.slice(0, rows) };
  const model: DocumentModel = { kind: 'motion', title: 'Bench', footer: 'BENCH', author: 'bench', subject: 'bench', parts: [{ kind: 'exhibit', exhibit: ex }] };
  const bytes = await renderDocx(model, { asOf: '2026-11-26', metrics, rowsPerTable: v.rowsPerTable });
  const parts = unzipSync(new Uint8Array(bytes));
  if (v.rewrite) parts['word/document.xml'] = strToU8(v.rewrite(strFromU8(parts['word/document.xml']!)));
  const file = path.join(dir, `${v.name}-${rows}.docx`);
  writeFileSync(file, zipSync(parts, { level: 2 }));
  return { file, cases: ex.cases.map((c) => c.caseNumber) };
}

async function shapes(args: string[]): Promise<void> {
  const opt = (k: string, d: string) => (args.includes(k) ? args[args.indexOf(k) + 1]! : d);
  const sizes = opt('--rows', '10000').split(',').map(Number);
  const runs = Number(opt('--runs', '2'));
  const only = args.includes('--only') ? new Set(opt('--only', '').split(',')) : undefined;
  const dir = path.join(root, 'bench', 'out', 'libreoffice-shapes');
  mkdirSync(dir, { recursive: true });
  const base = await largestFiling();
  const { metrics } = loadFonts();
  const lines: string[] = [];
  for (const rows of sizes) {
    for (const v of VARIANTS.filter((x) => !only || only.has(x.name))) {
      const { file, cases } = await variantDocx(v, rows, dir, base, metrics);
      const times: Conversion[] = [];
      for (let k = 0; k < runs; k++) times.push(convert(file, path.join(dir, 'pdf')));
      const last = times[times.length - 1]!;
      const words = pdfWords(last.pdf);
      const missing = cases.filter((c) => !words.has(c)).length;
      const png = path.join(dir, 'png', `${v.name}-${rows}`);
      mkdirSync(path.dirname(png), { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', last.pdf, png]);
      const wall = median(times.map((t) => t.s));
      const cpu = median(times.map((t) => t.cpu));
      const line = `| ${v.name} | ${rows.toLocaleString('en-US')} | ${wall.toFixed(1)} s (${times.map((t) => t.s.toFixed(0)).join(', ')}) | ${cpu.toFixed(1)} s | ${((wall / rows) * 1000).toFixed(2)} s | ${last.pages} | ${missing === 0 ? 'all' : `${missing} missing`} | ${(statSync(file).size / 1e6).toFixed(2)} MB |`;
      lines.push(line);
      process.stdout.write(line + '\n');
    }
  }
  writeFileSync(path.join(dir, 'results.md'), ['| variant | rows | wall, median of ' + runs + ' (each) | CPU, median | wall per 1,000 rows | pages | cases in PDF | DOCX |', '|---|---|---|---|---|---|---|---|', ...lines].join('\n') + '\n');
  process.stdout.write(VARIANTS.map((v) => `${v.name}: ${v.what}`).join('\n') + '\n');
}

// ---------------------------------------------------------------- files of a run

interface ManifestOutput {
  path: string;
  kind: string;
  format: string;
  volume?: number;
  cases?: number;
}

export interface FileResult {
  path: string;
  cases: number;
  s: number;
  cpu: number;
  pages: number;
  /** Cases of the file's filing and kind not found in any of its volumes' PDFs, or found in more than one. */
  missing: number;
  duplicated: number;
  volume: number;
  /** The number on its first page (w:pgNumType w:start; 1 without). */
  firstPage: number;
  /**
   * For a later volume: its first page number less the one after LibreOffice's last page of the volume
   * before (0 when our estimate from the PDF layout matched LibreOffice's pages).
   */
  off?: number;
}

/** Case numbers per filing, from the run's index.csv (motions) and challenged.csv (notices of challenge). */
function casesByFiling(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const name of ['index.csv', 'challenged.csv']) {
    if (!existsSync(path.join(dir, name))) continue;
    const rows = Papa.parse<Record<string, string>>(readFileSync(path.join(dir, name), 'utf8'), { header: true, skipEmptyLines: true }).data;
    for (const r of rows) {
      const list = out.get(r.filing_id!) ?? out.set(r.filing_id!, []).get(r.filing_id!)!;
      list.push(r.case_number!);
    }
  }
  return out;
}

/**
 * Convert every DOCX of a run, one at a time, and check per filing and kind that
 * each case is in exactly one of its volumes' PDFs (and every volume has as many
 * as the manifest says).
 */
export interface RunOptions {
  /** Conversions per file; the times are their median (default 1). */
  runs?: number;
  /** Only this filing's files. */
  filing?: string;
}

export function convertRun(dir: string, opts: RunOptions = {}, log: (s: string) => void = (s) => process.stdout.write(s + '\n')): FileResult[] {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { outputs: ManifestOutput[] };
  const docx = manifest.outputs.filter((o) => o.format === 'docx' && o.cases !== undefined && (!opts.filing || path.dirname(o.path) === opts.filing));
  const byFiling = casesByFiling(dir);
  const pdfDir = path.join(dir, '..', `${path.basename(dir)}-libreoffice`);
  rmSync(pdfDir, { recursive: true, force: true });
  const found = new Map<string, Map<string, number>>();
  const results: Array<FileResult & { key: string }> = [];
  for (const o of docx) {
    const runs: Conversion[] = [];
    for (let k = 0; k < (opts.runs ?? 1); k++) runs.push(convert(path.join(dir, o.path), path.join(pdfDir, path.dirname(o.path))));
    const c = { ...runs[runs.length - 1]!, s: median(runs.map((x) => x.s)), cpu: median(runs.map((x) => x.cpu)) };
    const words = pdfWords(c.pdf);
    const key = `${path.dirname(o.path)}|${o.kind}`;
    const seen = found.get(key) ?? found.set(key, new Map()).get(key)!;
    const mine = (byFiling.get(path.dirname(o.path)) ?? []).filter((n) => words.has(n));
    for (const n of mine) seen.set(n, (seen.get(n) ?? 0) + 1);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(path.join(dir, o.path))), { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']!);
    const firstPage = Number(/<w:pgNumType w:start="(\d+)"/.exec(xml)?.[1] ?? 1);
    results.push({ path: o.path, cases: o.cases!, s: c.s, cpu: c.cpu, pages: c.pages, missing: Math.max(0, o.cases! - mine.length), duplicated: 0, key, volume: o.volume ?? 1, firstPage });
    rmSync(c.pdf);
    log(`  ${o.path}: ${o.cases} cases, ${runs.map((x) => x.s.toFixed(1)).join(', ')} s, ${c.pages} pages, ${mine.length} of its filing's case numbers found`);
  }
  // Across the volumes of one document: every case of the filing exactly once.
  for (const r of results) {
    const seen = found.get(r.key)!;
    const all = byFiling.get(r.key.split('|')[0]!) ?? [];
    const first = results.find((x) => x.key === r.key) === r;
    if (first) {
      r.missing = Math.max(r.missing, all.filter((n) => !seen.has(n)).length);
      r.duplicated = all.filter((n) => (seen.get(n) ?? 0) > 1).length;
    }
  }
  // How far each later volume's page numbers are from LibreOffice's count of the volumes before it.
  for (const r of results) {
    const before = results.find((x) => x.key === r.key && x.volume === r.volume - 1);
    if (before) r.off = r.firstPage - (before.firstPage + before.pages);
  }
  rmSync(pdfDir, { recursive: true, force: true });
  return results.map(({ key: _k, ...r }) => r);
}

/** The markdown table of a run's conversions, largest first. */
export function filesTable(results: FileResult[]): string {
  const rows = [...results].sort((a, b) => b.cases - a.cases || (a.path < b.path ? -1 : 1));
  return [
    '| DOCX | cases | LibreOffice (wall) | CPU | pages | first page number (off by) | every case present |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.path} | ${r.cases.toLocaleString('en-US')} | ${r.s.toFixed(1)} s | ${r.cpu.toFixed(1)} s | ${r.pages} | ${r.firstPage}${r.off !== undefined ? ` (${r.off > 0 ? '+' : ''}${r.off})` : ''} | ${r.missing || r.duplicated ? `NO: ${r.missing} missing, ${r.duplicated} twice` : 'yes'} |`),
  ].join('\n');
}

/**
 * The bench's optional stage: every Word file of a run opened in LibreOffice, when soffice is installed.
 * Prints the table (and writes it to `save`); says so and returns when soffice is not there.
 */
export function libreOfficeStage(dir: string, save?: string, opts: RunOptions = {}): FileResult[] | undefined {
  if (!hasSoffice()) {
    process.stdout.write('\nLibreOffice: soffice not found, stage skipped\n');
    return undefined;
  }
  process.stdout.write(`\nLibreOffice: converting every DOCX of ${dir}, one at a time\n`);
  const results = convertRun(dir, opts);
  const ok = results.every((r) => !r.missing && !r.duplicated);
  const slowest = results.reduce((a, b) => (b.s > a.s ? b : a));
  const text = `${filesTable(results)}\n\nSlowest: ${slowest.path}, ${slowest.s.toFixed(1)} s. ${ok ? 'Every case present, once, in the PDFs of its document\'s volumes (pdftotext).' : 'CASES MISSING OR DUPLICATED.'}\n`;
  process.stdout.write('\n' + text);
  if (save) writeFileSync(save, text);
  return results;
}

function files(args: string[]): void {
  const dir = path.resolve(args[0] ?? path.join(root, 'bench', 'out', '66000'));
  if (!existsSync(path.join(dir, 'manifest.json'))) throw new Error(`no manifest.json in ${dir}`);
  const opt = (k: string) => (args.includes(k) ? args[args.indexOf(k) + 1] : undefined);
  libreOfficeStage(dir, opt('--save'), { runs: Number(opt('--runs') ?? 1), ...(opt('--filing') ? { filing: opt('--filing')! } : {}) });
}

if (require.main === module) {
  const [cmd, ...rest] = process.argv.slice(2);
  if (!hasSoffice()) {
    process.stderr.write('soffice is not installed: nothing to measure\n');
    process.exit(0);
  }
  if (cmd === 'shapes') void shapes(rest);
  else if (cmd === 'files') files(rest);
  else {
    process.stderr.write('usage: libreoffice.js shapes [--rows 10000] [--runs 2] [--only a,b] | files DIR [--runs N] [--filing ID] [--save FILE.md]\n');
    process.exit(2);
  }
}

