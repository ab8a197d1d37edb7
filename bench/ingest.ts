/**
 * Ingest + plan on generated data: wall time and peak RSS.
 *   npm run bench:ingest -- 66000 [more sizes...]
 * Each size runs in its own process, reading the generated file from disk the
 * way the CLI does. Timing lives here, never in a test.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { runPipeline } from '../src/pipeline';

const root = path.join(__dirname, '..', '..');

async function measure(file: string): Promise<void> {
  const configText = readFileSync(path.join(root, 'samples', 'los-angeles', 'config.yaml'), 'utf8');
  const t0 = process.hrtime.bigint();
  const r = await runPipeline({ configText, configFile: 'config.yaml', cases: [{ name: file, open: () => createReadStream(file) }], asOf: '2026-11-26' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = r.reconciliation?.counts;
  process.stdout.write(
    JSON.stringify({ file: path.basename(file), inputMB: +(statSync(file).size / 1e6).toFixed(1), rows: c?.inputRows, filedCases: c?.filedCases, filings: c?.filings, ingestPlanMs: Math.round(ms), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), reconciled: r.reconciliation?.ok }) + '\n',
  );
}

function main(): void {
  if (process.argv[2] === '--measure') {
    void measure(process.argv[3]!);
    return;
  }
  const sizes = process.argv.slice(2).map(Number);
  const dataDir = path.join(root, 'bench', 'data');
  mkdirSync(dataDir, { recursive: true });
  for (const n of sizes.length ? sizes : [10000, 66000]) {
    const file = path.join(dataDir, `la-${n}.csv`);
    if (!existsSync(file)) execFileSync(process.execPath, [path.join(root, 'dist', 'samples', 'main.js'), '--cases', String(n), '--seed', '7', '--out', file], { stdio: 'ignore' });
    execFileSync(process.execPath, [__filename, '--measure', file], { stdio: 'inherit' });
  }
}

main();
