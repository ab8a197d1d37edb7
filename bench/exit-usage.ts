/**
 * Preloaded into a `generate` the bench runs (node -r): on exit, the
 * process's resource usage (peak RSS, CPU time) goes to the file named by
 * BENCH_USAGE_FILE, so the bench needs no /usr/bin/time.
 */
import { writeFileSync } from 'node:fs';

const to = process.env.BENCH_USAGE_FILE;
if (to) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(to, JSON.stringify({ peakRssMB: Math.round(u.maxRSS / 1024), cpuMs: Math.round((u.userCPUTime + u.systemCPUTime) / 1000) }));
  });
}
