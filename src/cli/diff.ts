/** diff: the change report between two finished runs. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { changeReport, changesMarkdown, type RunSnapshot } from '../changes/report';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { readSnapshot } from '../io/snapshot';
import { printDiagnostics } from './print';
import { EXIT } from './run';

export function diffCommand(oldPath: string, newPath: string, json: boolean): number {
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
  if (problems.length) {
    if (json) process.stdout.write(JSON.stringify({ ok: false, diagnostics: problems }, null, 2) + '\n');
    printDiagnostics(problems, (s) => process.stderr.write(s + '\n'));
    return EXIT.fatal;
  }
  const r = changeReport(runs[0]!, runs[1]!);
  process.stdout.write(json ? JSON.stringify(r, null, 2) + '\n' : changesMarkdown(r));
  return EXIT.ok;
}
