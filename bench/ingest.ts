/**
 * Ingest + plan on generated data: wall time and peak RSS.
 *   npm run bench:ingest -- 66000
 * Timing lives here, never in a test.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { runPipeline } from '../src/pipeline';
import { gogenCondensedLines } from '../src/samples/gogen-generator';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 66000);
  const configText = readFileSync(path.join(__dirname, '..', '..', 'samples', 'los-angeles', 'config.yaml'), 'utf8');
  // Generate into memory first so generation is not timed.
  const chunks: string[] = [];
  for (const line of gogenCondensedLines({ cases: n, seed: 7 })) chunks.push(line);
  const bytes = Buffer.from(chunks.join(''), 'utf8');
  chunks.length = 0;
  if (global.gc) global.gc();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = process.hrtime.bigint();
  const r = await runPipeline({
    configText,
    configFile: 'config.yaml',
    cases: [{ name: `la-${n}.csv`, open: () => Readable.from([bytes], { objectMode: false, highWaterMark: 1 << 20 }) }],
    asOf: '2026-11-26',
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const c = r.reconciliation?.counts;
  console.log(
    JSON.stringify({
      cases: n,
      inputMB: +(bytes.length / 1e6).toFixed(1),
      rows: c?.inputRows,
      filedCases: c?.filedCases,
      filings: c?.filings,
      ms: Math.round(ms),
      peakRssMB: Math.round(peak / 1e6),
      rssBeforeMB: Math.round(rss0 / 1e6),
      reconciled: r.reconciliation?.ok,
    }),
  );
}

void main();
