/**
 * diff: the change report between two finished runs. Exits as diff(1) does:
 * 0 when nothing changed, 1 when something did, 2 for trouble (a run that
 * cannot be read, two runs of different counties without --force, a usage
 * error).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { changeReport, changesMarkdown, type RunSnapshot } from '../changes/report';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { readSnapshot } from '../io/snapshot';
import { printDiagnostics } from './print';

/** diff's exit codes (README, `diff --help`): 2 is also what a usage error exits with. */
export const DIFF_EXIT = { same: 0, changed: 1, trouble: 2 } as const;

/** The county a run was made for: the manifest's (recorded since diff compares it), else the courts its cases are in. */
function identity(s: RunSnapshot): { county?: string; courts: Set<string> } {
  const courts = new Set([...s.index.map((r) => r.courtId), ...s.struck.map((r) => r.courtId)]);
  return { ...(s.manifest.county !== undefined ? { county: s.manifest.county } : {}), courts };
}

/** Why the two runs are not of one county, or undefined when they may well be. */
export function differentCounties(a: RunSnapshot, b: RunSnapshot): string | undefined {
  const x = identity(a);
  const y = identity(b);
  const key = (s: string) => s.trim().toLowerCase();
  if (x.county !== undefined && y.county !== undefined) return key(x.county) === key(y.county) ? undefined : `the runs are of different counties (${x.county} and ${y.county})`;
  // A run recorded before the county was: its courts say which county it was.
  if (!x.courts.size || !y.courts.size || [...x.courts].some((c) => y.courts.has(c))) return undefined;
  return 'the runs have no court in common (one was made before manifests recorded the county), so they are not of one county';
}

export function diffCommand(oldPath: string, newPath: string, json: boolean, force = false): number {
  const manifest = (p: string) => (p.endsWith('.json') ? p : path.join(p, 'manifest.json'));
  const runs: RunSnapshot[] = [];
  const problems: Diagnostic[] = [];
  for (const p of [oldPath, newPath].map(manifest)) {
    if (!existsSync(p)) {
      problems.push(diag('BM101', { file: p }, 'no manifest.json there', 'name a finished run\'s folder or its manifest.json'));
      continue;
    }
    try {
      runs.push(readSnapshot(p));
    } catch {
      problems.push(diag('BM101', { file: p }, 'the run cannot be read: its manifest.json or index.csv is damaged or missing', 'name a finished run; run generate again to rebuild a damaged one'));
    }
  }
  const why = runs.length === 2 && !force ? differentCounties(runs[0]!, runs[1]!) : undefined;
  if (why) problems.push(diag('BM820', { file: manifest(newPath) }, `${why}; comparing them would report every case as added or removed`, 'compare two runs of one county (its output folder before and after), or pass --force to compare them anyway'));
  if (problems.length) {
    if (json) process.stdout.write(JSON.stringify({ ok: false, diagnostics: problems }, null, 2) + '\n');
    printDiagnostics(problems, (s) => process.stderr.write(s + '\n'));
    return DIFF_EXIT.trouble;
  }
  const r = changeReport(runs[0]!, runs[1]!);
  process.stdout.write(json ? JSON.stringify(r, null, 2) + '\n' : changesMarkdown(r));
  return r.identical ? DIFF_EXIT.same : DIFF_EXIT.changed;
}
