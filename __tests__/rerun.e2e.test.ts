/**
 * Reruns and diff through the built CLI: after a relief change the old
 * filing's folder is gone; changes.md speaks the documents' words, names both
 * runs and says which exhibit rows were renumbered; diff exits 0, 1 or 2 as
 * diff(1) and will not compare two counties without --force.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';
import { parse } from 'yaml';
import { expectOutputMatchesManifest } from './helpers/output';

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const sample = (county: string, f: string) => path.join(root, 'samples', county, f);
const la = (f: string) => sample('los-angeles', f);
const config = parse(readFileSync(la('config.yaml'), 'utf8')) as { courts: Array<{ id: string; name: string }>; agencies: Array<{ id: string; name: string }> };

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const generate = (out: string, ...extra: string[]) => run(['generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', out, '--as-of', '2026-11-26', '--quiet', ...extra]);
const rows = (file: string) => Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;

let tmp: string;
let first: string;
let index: Array<Record<string, string>>;
beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm test` (it builds first) or `npm run build`');
  tmp = mkdtempSync(path.join(tmpdir(), 'bm-rerun-'));
  first = path.join(tmp, 'first');
  expect(generate(first).code).toBe(3);
  index = rows(path.join(first, 'index.csv'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a relief change moves the only case of a filing to another', () => {
  let out: string;
  let md: string;
  let c: Record<string, string>;
  beforeAll(() => {
    out = path.join(tmp, 'relief');
    cpSync(first, out, { recursive: true });
    c = index.find((r) => r.filing_id === 'hawthorne-misdemeanor-dismiss-and-seal')!;
    // Someone opened the filing's documents: Finder and Word left their litter in its folder.
    for (const f of ['.DS_Store', '~$motion.docx']) writeFileSync(path.join(out, c.filing_id!, f), 'x');
    const edits = path.join(tmp, 'relief.csv');
    writeFileSync(edits, `case_number,action,value,reason\n${c.case_number},set_relief,reduce_to_infraction,Court reduced instead\n`);
    expect(generate(out, '--edits', edits).code).toBe(3);
    md = readFileSync(path.join(out, 'changes.md'), 'utf8');
  });

  test("the old filing's folder is gone: the output folder holds exactly the new run", () => {
    expect(existsSync(path.join(out, 'hawthorne-misdemeanor-dismiss-and-seal'))).toBe(false);
    expect(existsSync(path.join(out, 'hawthorne-misdemeanor-reduce-to-infraction', 'motion.pdf'))).toBe(true);
    expect(md).toContain('- hawthorne-misdemeanor-dismiss-and-seal/motion.pdf');
    expectOutputMatchesManifest(out);
  });

  test("changes.md speaks the documents' words: court and office names, relief titles; changes.json keeps the ids", () => {
    const court = config.courts.find((x) => x.id === c.court_id)!.name;
    const office = config.agencies.find((x) => x.id === 'hawthorne')!.name;
    expect(md).toContain(`## ${office}: Dismiss and Seal Cannabis Convictions, misdemeanors (removed)`);
    expect(md).toContain(`- ${c.case_number}, ${court}: Dismiss and Seal Cannabis Convictions -> Redesignate Cannabis Misdemeanors as Infractions`);
    expect(md).toContain(`, to ${office}: Redesignate Cannabis Misdemeanors as Infractions, misdemeanors (\`hawthorne-misdemeanor-reduce-to-infraction/\`)`);
    // No internal id where a person reads: ids only as folder names.
    expect(md).not.toMatch(/dismiss_and_seal|reduce_to_infraction ->|camc-|casc-/);
    const json = JSON.parse(readFileSync(path.join(out, 'changes.json'), 'utf8'));
    const moved = json.filings.find((f: { id: string }) => f.id === 'hawthorne-misdemeanor-reduce-to-infraction');
    expect(moved.reliefChanged).toEqual([{ caseNumber: c.case_number, courtId: c.court_id, from: 'dismiss_and_seal', to: 'reduce_to_infraction' }]);
    expect(moved.title).toBe(`${office}: Redesignate Cannabis Misdemeanors as Infractions, misdemeanors`);
    expect(json.names.courts[c.court_id!]).toBe(court);
    expect(json.names.reliefs.dismiss_and_seal).toBe('Dismiss and Seal Cannabis Convictions');
  });

  test('changes.md names the previous run and the new one: folder, as-of date, cases filed', () => {
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const filed = `${m.counts.filedCases} cases in ${m.filings.filter((f: { challenge?: boolean }) => !f.challenge).length} motions`;
    expect(md).toContain('|  | Previous run | This run |');
    expect(md).toContain(`| Folder | \`${out}\` (as it was before this run) | \`${out}\` |`);
    expect(md).toContain('| As of | 2026-11-26 | 2026-11-26 |');
    expect(md).toContain(`| Filed | ${filed} | ${filed} |`);
    // Not the one manifest path twice, as it was.
    expect(md.split(path.join(out, 'manifest.json')).length).toBe(1);
    expect(m.county).toBe('Los Angeles');
  });
});

test('a struck case renumbers the rows after it, and changes.md says so for its filing', () => {
  const out = path.join(tmp, 'strike');
  cpSync(first, out, { recursive: true });
  const filing = index.filter((r) => r.filing_id === 'da-felony-dismiss-and-seal');
  const edits = path.join(tmp, 'strike.csv');
  writeFileSync(edits, `case_number,action,value,reason\n${filing[4]!.case_number},strike,,Prosecution challenge\n`);
  expect(generate(out, '--edits', edits).code).toBe(3);
  const md = readFileSync(path.join(out, 'changes.md'), 'utf8');
  const section = md.slice(md.indexOf('## Los Angeles County District Attorney: Dismiss and Seal Cannabis Convictions, felonies (changed)'));
  expect(section.split('\n## ')[0]).toContain(`Exhibit A rows 5-${filing.length - 1} are renumbered (${filing.length - 5} cases have a new row number); cite cases by case number, not row.`);
  expect(md.match(/renumbered/g)).toHaveLength(1);
});

describe('diff', () => {
  let again: string;
  let edited: string;
  let alameda: string;
  beforeAll(() => {
    again = path.join(tmp, 'diff-again');
    edited = path.join(tmp, 'diff-edited');
    alameda = path.join(tmp, 'diff-alameda');
    expect(generate(again).code).toBe(3);
    const edits = path.join(tmp, 'diff-edits.csv');
    writeFileSync(edits, `case_number,action,value,reason\n${index[0]!.case_number},strike,,Prosecution challenge\n`);
    expect(generate(edited, '--edits', edits).code).toBe(3);
    expect(run(['validate', '--cases', sample('alameda', 'cases.csv'), '--config', sample('alameda', 'config.yaml'), '--out', alameda, '--as-of', '2026-11-26', '--quiet']).code).not.toBe(1);
  });

  test('exits 0 when nothing changed and 1 when something did, as diff(1)', () => {
    const same = run(['diff', first, again]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('Nothing changed');
    const changed = run(['diff', first, edited, '--json']);
    expect(changed.code).toBe(1);
    const json = JSON.parse(changed.stdout);
    for (const k of ['old', 'new', 'asOf', 'config', 'templates', 'edits', 'filings', 'identical', 'runs', 'names']) expect(json).toHaveProperty(k);
    expect(json.identical).toBe(false);
  });

  test('exits 2 for trouble: a run that cannot be read, or a usage error', () => {
    const missing = run(['diff', first, path.join(tmp, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('BM101');
    expect(run(['diff', first]).code).toBe(2);
  });

  test('refuses two runs of different counties (BM820, exit 2) unless --force', () => {
    const refused = run(['diff', first, alameda]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/fatal BM820 diff-different-counties: the runs are of different counties \(Los Angeles and Alameda\)/);
    const json = run(['diff', first, alameda, '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, diagnostics: [{ code: 'BM820' }] });
    const forced = run(['diff', first, alameda, '--force']);
    expect(forced.code).toBe(1);
    expect(forced.stdout).toContain('| County | Los Angeles | Alameda |');
  });

  test('a run recorded before manifests named the county is placed by its courts', () => {
    const old = path.join(tmp, 'old-la');
    cpSync(first, old, { recursive: true });
    const m = JSON.parse(readFileSync(path.join(old, 'manifest.json'), 'utf8'));
    delete m.county;
    delete m.names;
    writeFileSync(path.join(old, 'manifest.json'), JSON.stringify(m, null, 2));
    expect(run(['diff', old, first]).code).toBe(0);
    expect(run(['diff', old, alameda]).stderr).toContain('BM820');
  });

  test('--help documents the exit codes', () => {
    expect(run(['diff', '--help']).stdout).toContain('Exit status, as diff(1): 0 nothing changed, 1 something changed, 2 trouble');
  });
});
