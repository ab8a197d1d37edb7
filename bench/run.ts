/**
 * npm run bench [-- 10000 66000 ...] [--repeat N]
 *
 * For each size: generate a synthetic Los Angeles-shaped list, then, N times
 * and interleaved: (1) in a child process, run the job stage by stage and each
 * stage's floor on the same data (bench/floors.ts), reporting wall time, CPU
 * time, peak RSS and output size per stage; (2) the real `generate` through
 * the CLI with --threads 2 and --threads 1, wall time and peak RSS. Prints
 * each stage against its floor, with medians over the N runs and their
 * spread (this machine is shared: see bench/README.md). Timing lives here,
 * never in a test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import * as path from 'node:path';
import { composeAll, renderDocuments } from '../src/documents';
import { DocxThread } from '../src/render/docx/thread';
import { loadFonts } from '../src/io/fonts';
import { Staging } from '../src/io/staging';
import { loadTemplates } from '../src/io/templates';
import { exhibitCells, exhibitFor } from '../src/model/exhibit';
import { describe, manifestFile, outputFiles } from '../src/output/manifest';
import { runPipeline } from '../src/pipeline';
import { libreOfficeStage } from './libreoffice';
import { docxFloor, ingestFloor, listingsFloor, pdfFloor } from './floors';

const root = path.join(__dirname, '..', '..');
const CONFIG = path.join(root, 'samples', 'los-angeles', 'config.yaml');
const AS_OF = '2026-11-26';

interface Stage {
  stage: string;
  ms: number;
  /** CPU time of the process over the stage, every thread (a second thread's too). */
  cpuMs: number;
  peakRssMB: number;
  outputMB?: number;
}

interface Measured {
  cases: number;
  rows: number;
  filings: number;
  documents: number;
  stages: Stage[];
}

const now = () => Number(process.hrtime.bigint() / 1_000_000n);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const peak = () => Math.round(process.resourceUsage().maxRSS / 1024);
const mb = (n: number) => +(n / 1e6).toFixed(1);

async function timed<T>(stages: Stage[], stage: string, fn: () => Promise<T> | T, size?: (r: T) => number): Promise<T> {
  const t0 = now();
  const c0 = cpu();
  const r = await fn();
  stages.push({ stage, ms: now() - t0, cpuMs: Math.round(cpu() - c0), peakRssMB: peak(), ...(size ? { outputMB: mb(size(r)) } : {}) });
  return r;
}

/** Which floor each stage is compared with. */
const FLOOR: Record<string, string[]> = {
  'ingest + plan': ['floor: CSV lines and fields'],
  'render DOCX': ['floor: WordprocessingML + zip'],
  'render PDF': ['floor: PDF content stream'],
  'render DOCX + PDF (2 threads)': ['floor: WordprocessingML + zip', 'floor: PDF content stream'],
  write: ['floor: listings as plain lines'],
};

async function measure(file: string, outDir: string): Promise<void> {
  const stages: Stage[] = [];
  const configText = readFileSync(CONFIG, 'utf8');
  const result = await timed(stages, 'ingest + plan', () => runPipeline({ configText, configFile: CONFIG, cases: [{ name: file, open: () => createReadStream(file) }], asOf: AS_OF }));
  const config = result.config!;
  const plan = result.plan!;
  const t = await loadTemplates(CONFIG, undefined);
  const fonts = loadFonts();
  const composed = (await timed(stages, 'compose', () => composeAll({ plan, config, templates: t.set!, asOf: AS_OF, formats: [], fonts }))).models!;
  // Each format alone, on this thread; the documents are counted, not kept.
  let docxBytes = 0;
  let pdfBytes = 0;
  let documents = 0;
  await timed(stages, 'render DOCX', () => renderDocuments({ plan, config, templates: t.set!, asOf: AS_OF, formats: ['docx'], fonts, composed, emit: async (f) => ((docxBytes += f.content.length), describe(f)) }), () => docxBytes);
  await timed(stages, 'render PDF', () => renderDocuments({ plan, config, templates: t.set!, asOf: AS_OF, formats: ['pdf'], fonts, composed, emit: async (f) => ((pdfBytes += f.content.length), documents++, describe(f)) }), () => pdfBytes);
  // Both formats as `generate` renders them: Word files on a second thread while the PDFs render here,
  // each document staged on disk as it is done.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.dirname(outDir), { recursive: true });
  const stage = await Staging.open(path.resolve(outDir), 'bench');
  const { records } = await timed(stages, 'render DOCX + PDF (2 threads)', async () => {
    const thread = DocxThread.start(fonts.metrics);
    if (!thread) throw new Error('bench: the compiled DOCX worker is missing');
    try {
      return await renderDocuments({ plan, config, templates: t.set!, asOf: AS_OF, formats: ['docx', 'pdf'], fonts, composed, docx: thread, emit: (f) => stage.put(f) });
    } finally {
      await thread.close();
    }
  });
  // plan.json, index.csv and the other listings, then the manifest, as `generate` writes them.
  await timed(stages, 'write', async () => {
    const all = [...records];
    for (const f of outputFiles(result, [])) all.push(await stage.put(f));
    await stage.commit([manifestFile(result, { toolVersion: 'bench', asOf: AS_OF, config: { file: CONFIG, sha256: '' }, inputs: [] }, all)], undefined);
  });
  // The floors, on the same data: the input file; the exhibit rows (every filed case, once per document
  // kind, as we render them); the filed cases' listing lines.
  await timed(stages, 'floor: CSV lines and fields', () => ingestFloor(file));
  const rows = plan.filings.flatMap((f) => {
    const ex = exhibitFor(f, config);
    return f.cases.map((c, i) => exhibitCells(ex, c, i));
  });
  const kinds = 2;
  await timed(stages, 'floor: WordprocessingML + zip', async () => {
    let n = 0;
    for (let k = 0; k < kinds; k++) n += await docxFloor(rows);
    return n;
  }, (n) => n);
  await timed(stages, 'floor: PDF content stream', () => {
    let n = 0;
    for (let k = 0; k < kinds; k++) n += pdfFloor(rows);
    return n;
  }, (n) => n);
  await timed(stages, 'floor: listings as plain lines', () => listingsFloor(plan, `${outDir}-floor`), (n) => n);
  rmSync(`${outDir}-floor`, { recursive: true, force: true });
  const measured: Measured = { cases: result.reconciliation!.counts.filedCases, rows: result.reconciliation!.counts.inputRows, filings: plan.filings.length, documents: documents * 2, stages };
  process.stdout.write(JSON.stringify(measured) + '\n');
}

/** `generate` through the CLI, as a user runs it: wall time, and the process's peak RSS and CPU time. */
function generate(file: string, out: string, threads: 1 | 2): { ms: number; cpuMs: number; peakRssMB: number } {
  rmSync(out, { recursive: true, force: true });
  const usage = `${out}.usage.json`;
  const t0 = now();
  const r = spawnSync(process.execPath, ['-r', path.join(__dirname, 'exit-usage.js'), path.join(root, 'dist', 'cli.js'), 'generate', '--cases', file, '--config', CONFIG, '--out', out, '--as-of', AS_OF, '--threads', String(threads), '--quiet'], {
    env: { ...process.env, BENCH_USAGE_FILE: usage },
    stdio: 'ignore',
  });
  const ms = now() - t0;
  // 3: done, with rows for review (the synthetic list is messy on purpose).
  if (r.status !== 0 && r.status !== 3) throw new Error(`bench: generate exited with ${r.status}`);
  const u = JSON.parse(readFileSync(usage, 'utf8')) as { peakRssMB: number; cpuMs: number };
  rmSync(usage, { force: true });
  rmSync(out, { recursive: true, force: true });
  return { ms, ...u };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
/** The median, and the spread over the runs when there are several. */
const spread = (xs: number[]) => (xs.length > 1 ? `${sec(median(xs))} (${sec(Math.min(...xs))}-${sec(Math.max(...xs))})` : sec(xs[0]!));
const ratio = (xs: number[]) => `${median(xs).toFixed(2)}x${xs.length > 1 ? ` (${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)})` : ''}`;

function report(n: number, runs: Measured[], gen: Record<1 | 2, Array<ReturnType<typeof generate>>>): string[] {
  const names = runs[0]!.stages.map((s) => s.stage);
  const of = (run: Measured, s: string) => run.stages.find((x) => x.stage === s)!;
  const floorMs = (run: Measured, s: string) => (FLOOR[s] ?? []).reduce((t, f) => t + of(run, f).ms, 0);
  const floorCpu = (run: Measured, s: string) => (FLOOR[s] ?? []).reduce((t, f) => t + of(run, f).cpuMs, 0);
  const lines = [
    `### ${n.toLocaleString('en-US')} cases (${runs[0]!.rows.toLocaleString('en-US')} rows, ${runs[0]!.filings} filings, ${runs[0]!.documents} documents), ${runs.length} run(s)`,
    '',
    '| stage | wall, median (range) | CPU, median | floor: wall | wall / floor, per run: median (range) | CPU / floor CPU, median | peak RSS | output |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const s of names.filter((x) => !x.startsWith('floor: '))) {
    const floors = FLOOR[s];
    const r = floors ? ratio(runs.map((run) => of(run, s).ms / Math.max(1, floorMs(run, s)))) : '-';
    const fl = floors ? `${floors.map((f) => f.slice(7)).join(' + ')}: ${spread(runs.map((run) => floorMs(run, s)))}` : '-';
    const out = of(runs[0]!, s).outputMB;
    const rc = floors ? `${median(runs.map((run) => of(run, s).cpuMs / Math.max(1, floorCpu(run, s)))).toFixed(2)}x` : '-';
    lines.push(`| ${s} | ${spread(runs.map((run) => of(run, s).ms))} | ${sec(median(runs.map((run) => of(run, s).cpuMs)))} | ${fl} | ${r} | ${rc} | ${Math.max(...runs.map((run) => of(run, s).peakRssMB))} MB | ${out !== undefined ? `${out} MB` : ''} |`);
  }
  // The whole job: `generate` against every stage's floor measured in the same iteration.
  const ALL = ['floor: CSV lines and fields', 'floor: WordprocessingML + zip', 'floor: PDF content stream', 'floor: listings as plain lines'];
  const allFloors = (run: Measured) => ALL.reduce((t, f) => t + of(run, f).ms, 0);
  const allFloorsCpu = (run: Measured) => ALL.reduce((t, f) => t + of(run, f).cpuMs, 0);
  for (const threads of [2, 1] as const) {
    const g = gen[threads];
    if (!g.length) continue;
    lines.push(
      `| \`generate --threads ${threads}\` (the CLI, end to end) | ${spread(g.map((x) => x.ms))} | ${sec(median(g.map((x) => x.cpuMs)))} | all four floors: ${spread(runs.map(allFloors))} | ${ratio(g.map((x, i) => x.ms / allFloors(runs[i]!)))} | ${median(g.map((x, i) => x.cpuMs / allFloorsCpu(runs[i]!))).toFixed(2)}x | ${Math.max(...g.map((x) => x.peakRssMB))} MB | |`,
    );
  }
  return lines;
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
  const out: string[] = [];
  for (const n of sizes.length ? sizes : [10000, 66000, 250000, 1000000]) {
    const file = path.join(data, `la-${n}.csv`);
    if (!existsSync(file)) execFileSync(process.execPath, [path.join(root, 'dist', 'samples', 'main.js'), '--cases', String(n), '--seed', '7', '--out', file], { stdio: 'ignore' });
    const runs: Measured[] = [];
    const gen: Record<1 | 2, Array<ReturnType<typeof generate>>> = { 1: [], 2: [] };
    const load: number[] = [];
    // Interleaved, so a change in the machine's load falls on every measurement alike.
    for (let k = 0; k < repeat; k++) {
      load.push(loadavg()[0]!);
      const stdout = execFileSync(process.execPath, ['--max-old-space-size=4096', __filename, '--measure', file, path.join(root, 'bench', 'out', String(n))], { encoding: 'utf8', maxBuffer: 1 << 24 });
      runs.push(JSON.parse(stdout.trim().split('\n').pop()!) as Measured);
      gen[2].push(generate(file, path.join(root, 'bench', 'out', `${n}-generate`), 2));
      gen[1].push(generate(file, path.join(root, 'bench', 'out', `${n}-generate`), 1));
      process.stdout.write(`${n}: run ${k + 1} of ${repeat} done\n`);
    }
    writeFileSync(path.join(results, `la-${n}.json`), JSON.stringify({ n, runs, generate: gen, load }, null, 2) + '\n');
    out.push(...report(n, runs, gen), '', `Load average (1 min) at each run's start: ${load.map((l) => l.toFixed(1)).join(', ')} (${cpus().length} cores).`, '');
  }
  const head = `Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Medians of ${repeat} interleaved run(s); ranges in brackets.`;
  process.stdout.write(['', head, '', ...out].join('\n'));
  // Optional: each Word file of the Los Angeles-size run opened in LibreOffice, when it is installed (bench/libreoffice.ts).
  if (!noLibreOffice && (sizes.length ? sizes : [66000]).includes(66000)) libreOfficeStage(path.join(root, 'bench', 'out', '66000'), path.join(results, 'la-66000-libreoffice.md'));
}

main();
