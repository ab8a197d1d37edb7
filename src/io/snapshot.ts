/** Read a finished run (manifest.json with its index.csv and struck.csv) for the change report. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Papa from 'papaparse';
import type { ManifestLike, RunSnapshot } from '../changes/report';

const unquote = (s: string | undefined) => (s ?? '').replace(/^'(?=[=+\-@\t\r])/, '');

export function readSnapshot(manifestPath: string): RunSnapshot {
  const dir = path.dirname(manifestPath);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestLike;
  return snapshotFrom(manifestPath, manifest, readFileSync(path.join(dir, 'index.csv'), 'utf8'), existsSync(path.join(dir, 'struck.csv')) ? readFileSync(path.join(dir, 'struck.csv'), 'utf8') : '');
}

export function snapshotFrom(label: string, manifest: ManifestLike, indexCsv: string, struckCsv: string): RunSnapshot {
  const parse = (text: string) => (text ? Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data : []);
  return {
    label,
    manifest,
    index: parse(indexCsv).map((r) => ({ caseNumber: unquote(r.case_number), filingId: r.filing_id ?? '', courtId: r.court_id ?? '', relief: r.relief ?? '' })),
    struck: parse(struckCsv).map((r) => ({ caseNumber: unquote(r.case_number), courtId: r.court_id ?? '', reason: unquote(r.reason) })),
  };
}
