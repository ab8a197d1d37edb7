/** Read a finished run (manifest.json with its index.csv, struck.csv and challenged.csv) for the change report. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Papa from 'papaparse';
import { CHALLENGE_RELIEF, type ManifestLike, type RunSnapshot } from '../changes/report';

const unquote = (s: string | undefined) => (s ?? '').replace(/^'(?=[=+\-@\t\r])/, '');

/** `onProgress`: told the characters of the listings read so far, of all, every few thousand rows. */
export function readSnapshot(manifestPath: string, onProgress?: (done: number, total: number) => void): RunSnapshot {
  const dir = path.dirname(manifestPath);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestLike;
  const optional = (name: string) => (existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name), 'utf8') : '');
  return { ...snapshotFrom(manifestPath, manifest, readFileSync(path.join(dir, 'index.csv'), 'utf8'), optional('struck.csv'), optional('challenged.csv'), onProgress), folder: dir };
}

/** `challengedCsv`: the run's challenged.csv (a run before notices of challenge has none): its cases join the index with relief "challenge". */
export function snapshotFrom(label: string, manifest: ManifestLike, indexCsv: string, struckCsv: string, challengedCsv = '', onProgress?: (done: number, total: number) => void): RunSnapshot {
  const total = indexCsv.length + challengedCsv.length + struckCsv.length;
  let before = 0;
  let n = 0;
  // Row by row, keeping four fields: a statewide index.csv is a million rows, and a parsed row object
  // for each (ten fields) would hold more memory than the run it is compared with. Court, filing and
  // relief repeat from row to row: one string each.
  const strings = new Map<string, string>();
  const intern = (v: string | undefined) => {
    const s = v ?? '';
    let k = strings.get(s);
    // A copy, not a slice of the whole file's text, which a kept slice would keep alive.
    if (k === undefined) strings.set(s, (k = JSON.parse(JSON.stringify(s)) as string));
    return k;
  };
  // The court names the listings print beside each court id: the change report's words for a run that
  // recorded no names.
  const courts: Record<string, string> = {};
  const rows = <T>(text: string, pick: (r: Record<string, string>) => T): T[] => {
    const out: T[] = [];
    const step = (r: Papa.ParseStepResult<Record<string, string>>) => {
      const id = r.data.court_id;
      if (id && r.data.court && courts[id] === undefined) courts[id] = intern(unquote(r.data.court));
      out.push(pick(r.data));
      if (onProgress && ++n % 2000 === 0) onProgress(before + r.meta.cursor, total);
    };
    if (text) Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, step });
    before += text.length;
    onProgress?.(before, total);
    return out;
  };
  const row = (v: string | undefined) => (v && /^\d+$/.test(v) ? { row: Number(v) } : {});
  return {
    label,
    manifest,
    index: [
      ...rows(indexCsv, (r) => ({ caseNumber: unquote(r.case_number), filingId: intern(r.filing_id), courtId: intern(r.court_id), relief: intern(r.relief), ...row(r.exhibit_row) })),
      ...rows(challengedCsv, (r) => ({ caseNumber: unquote(r.case_number), filingId: intern(r.filing_id), courtId: intern(r.court_id), relief: CHALLENGE_RELIEF, ...row(r.exhibit_row) })),
    ],
    struck: rows(struckCsv, (r) => ({ caseNumber: unquote(r.case_number), courtId: intern(r.court_id), reason: unquote(r.reason), ...(r.relief === CHALLENGE_RELIEF ? { challenge: true } : {}) })),
    names: { courts },
  };
}
