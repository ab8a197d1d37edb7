/**
 * The impact summary on generated data: how long summary.html and summary.pdf
 * take after ingest + plan, in one process, as `generate` makes them.
 *   npm run bench:summary -- 1000000 [more sizes...] [--repeat N]
 * Timing lives here, never in a test.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { loadFonts } from '../src/io/fonts';
import { memoryPolicy } from '../src/io/memory';
import type { RunMeta } from '../src/output/manifest';
import { runPipeline } from '../src/pipeline';
import { runAggregates, summaryFiles } from '../src/summary';

const root = path.join(__dirname, '..', '..');
const AS_OF = '2026-11-26';

async function measure(file: string, repeat: number): Promise<void> {
  const configFile = path.join(root, 'samples', 'los-angeles', 'config.yaml');
  memoryPolicy(statSync(file).size);
  const r = await runPipeline({ configText: readFileSync(configFile, 'utf8'), configFile, cases: [{ name: file, open: () => createReadStream(file) }], asOf: AS_OF });
  const meta: RunMeta = { toolVersion: 'bench', asOf: AS_OF, config: { file: configFile, sha256: '-' }, inputs: [{ file, sha256: '-' }] };
  const fonts = loadFonts();
  for (let k = 0; k < repeat; k++) {
    let t = process.hrtime.bigint();
    runAggregates(r, AS_OF);
    const aggregatesMs = Number(process.hrtime.bigint() - t) / 1e6;
    t = process.hrtime.bigint();
    const c = process.cpuUsage();
    const files = await summaryFiles(r, meta, { fonts, producer: 'bench' });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const cpu = process.cpuUsage(c);
    process.stdout.write(
      JSON.stringify({ file: path.basename(file), filedCases: r.reconciliation?.counts.filedCases, run: k + 1, aggregatesMs: Math.round(aggregatesMs), summaryMs: Math.round(ms), summaryCpuMs: Math.round((cpu.user + cpu.system) / 1000), bytes: files.reduce((s, f) => s + f.content.length, 0), heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) }) + '\n',
    );
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf('--repeat');
  const repeat = at >= 0 ? Math.max(1, Number(args.splice(at, 2)[1]) || 1) : 3;
  if (args[0] === '--measure') {
    void measure(args[1]!, repeat);
    return;
  }
  const dataDir = path.join(root, 'bench', 'data');
  mkdirSync(dataDir, { recursive: true });
  for (const n of args.length ? args.map(Number) : [66000]) {
    const file = path.join(dataDir, `la-${n}.csv`);
    if (!existsSync(file)) execFileSync(process.execPath, [path.join(root, 'dist', 'samples', 'main.js'), '--cases', String(n), '--seed', '7', '--out', file], { stdio: 'ignore' });
    execFileSync(process.execPath, [__filename, '--measure', file, '--repeat', String(repeat)], { stdio: 'inherit' });
  }
}

main();
