/**
 * End to end: the built CLI (dist/cli.js, built by `npm test`) on the bundled
 * samples, checking the contract users script against: flags, files, JSON
 * fields and exit codes.
 */
import { spawnSync } from 'node:child_process';
import { docxPart } from './helpers/documents';
import { expectOutputMatchesManifest, filesUnder } from './helpers/output';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const la = (f: string) => path.join(root, 'samples', 'los-angeles', f);

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm test` (it builds first) or `npm run build`');
  tmp = mkdtempSync(path.join(tmpdir(), 'bm-e2e-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('validate on the Los Angeles sample', () => {
  let out: string;
  let json: any;
  let code: number | null;
  beforeAll(() => {
    out = path.join(tmp, 'la');
    const r = run(['validate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--preset', 'gogen', '--out', out, '--json', '--as-of', '2026-11-26']);
    code = r.code;
    json = JSON.parse(r.stdout);
  });

  test('exits 3 because rows went to review, and says so in JSON', () => {
    expect(code).toBe(3);
    for (const k of ['excludedRows', 'filedCases', 'filedRows', 'filings', 'inputRows', 'rejectedRows', 'reviewRows', 'struckRows', 'challengedRows', 'challengedCases']) expect(json.counts).toHaveProperty(k);
    const c = json.counts;
    expect(c.reviewRows).toBeGreaterThan(0);
    // The sample's 12 rows screened "Not eligible" (7 cases) are challenged in the DA's notice, not excluded.
    expect(c.challengedRows).toBe(12);
    expect(c.challengedCases).toBe(7);
    expect(c.inputRows).toBe(c.filedRows + c.challengedRows + c.excludedRows + c.reviewRows + c.rejectedRows);
    const notices = json.filings.filter((f: { challenge?: boolean }) => f.challenge);
    expect(notices.map((f: { id: string }) => f.id)).toEqual(['da-felony-challenge']);
    expect(json.filings.filter((f: { challenge?: boolean }) => !f.challenge).reduce((n: number, f: { caseCount: number }) => n + f.caseCount, 0)).toBe(c.filedCases);
    expect(notices.reduce((n: number, f: { caseCount: number }) => n + f.caseCount, 0)).toBe(c.challengedCases);
    expect(json.reconciliation.join('\n')).toContain('12 challenged');
    for (const f of json.filings) for (const k of ['id', 'agency', 'caseType', 'relief', 'caseCount']) expect(f).toHaveProperty(k);
    for (const d of json.diagnostics) for (const k of ['code', 'severity', 'message']) expect(d).toHaveProperty(k);
  });

  test('writes every output, and the manifest hashes them', () => {
    for (const f of ['plan.json', 'index.csv', 'review.csv', 'rejects.csv', 'excluded.csv', 'challenged.csv', 'manifest.json']) expect(existsSync(path.join(out, f))).toBe(true);
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.tool.name).toBe('bulk-motions');
    expect(m.asOf).toBe('2026-11-26');
    expect(m.inputs[0].sha256).toBe(sha(la('cases.csv')));
    expect(m.inputs[0].rows).toBe(json.counts.inputRows);
    expect(m.counts).toEqual(json.counts);
    // Every output listed with its sha256, nothing else there, no stage left.
    expectOutputMatchesManifest(out);
  });

  test('challenged.csv lists every challenged case once, with its ground, and no personal data', () => {
    const text = readFileSync(path.join(out, 'challenged.csv'), 'utf8');
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(rows.meta.fields).toEqual(['case_number', 'filing_id', 'exhibit_row', 'court_id', 'court', 'case_type', 'code_sections', 'conviction_date', 'ground', 'screening_reason', 'source_rows']);
    expect(rows.data.length).toBe(json.counts.challengedCases);
    expect(rows.data.map((r) => r.exhibit_row)).toEqual(rows.data.map((_, i) => String(i + 1)));
    for (const r of rows.data) expect(r).toMatchObject({ filing_id: 'da-felony-challenge', ground: 'criteria' });
    // Not eligible rows are no longer in excluded.csv: they are accounted for here.
    const excluded = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'excluded.csv'), 'utf8'), { header: true, skipEmptyLines: true });
    expect(excluded.data.filter((r) => r.determination === 'Not eligible')).toEqual([]);
    expect(excluded.data.length).toBe(json.counts.excludedRows);
    // The sample's names and dates of birth appear nowhere in it.
    const people = Papa.parse<Record<string, string>>(readFileSync(la('cases.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    for (const p of people) if (p.PRI_NAME?.trim()) expect(text).not.toContain(p.PRI_NAME.trim());
  });

  test('index.csv lists every filed case once; review.csv keeps every original column', () => {
    const index = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'index.csv'), 'utf8'), { header: true, skipEmptyLines: true });
    expect(index.data.length).toBe(json.counts.filedCases);
    expect(new Set(index.data.map((r) => `${r.court_id}|${r.case_number}`)).size).toBe(index.data.length);
    const review = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'review.csv'), 'utf8'), { header: true, skipEmptyLines: true });
    expect(review.data.length).toBe(json.counts.reviewRows);
    const header = Papa.parse<string[]>(readFileSync(la('cases.csv'), 'utf8').split(/\r?\n/)[0]!).data[0]!;
    for (const h of header) expect(review.meta.fields).toContain(h.replace(/^\uFEFF/, ''));
    for (const r of review.data) expect(r.code).toMatch(/^BM3\d\d$/);
  });

  test('a second run gives byte-identical files', () => {
    const again = path.join(tmp, 'la2');
    run(['validate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', again, '--as-of', '2026-11-26', '--quiet']);
    // Paths differ only in --out, which is not recorded; inputs are named as given.
    for (const f of filesUnder(out)) expect(sha(path.join(again, f))).toBe(sha(path.join(out, f)));
  });
});

test('a clean list exits 0', () => {
  const r = run(['validate', '--cases', path.join(root, 'samples', 'alameda', 'cases.csv'), '--config', path.join(root, 'samples', 'alameda', 'config.yaml'), '--as-of', '2026-11-26']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/rows: +\d+ input = \d+ filed \+ 0 excluded \+ 0 review \+ 0 rejected \(ok\)/);
});

test('a fatal input exits 1 and writes nothing', () => {
  const bad = path.join(tmp, 'semi.csv');
  writeFileSync(bad, 'case_number;court\nBA1;X\n');
  const out = path.join(tmp, 'fatal-out');
  const r = run(['validate', '--cases', bad, '--config', la('config.yaml'), '--preset', 'canonical', '--out', out]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('BM106');
  expect(r.stderr).toContain('semi.csv:1');
  expect(existsSync(out)).toBe(false);
});

test('a broken config exits 1 naming the key and line', () => {
  const cfg = path.join(tmp, 'bad.yaml');
  writeFileSync(cfg, readFileSync(la('config.yaml'), 'utf8').replace('bar_number: "300001"', 'bar_numbr: "300001"'));
  const r = run(['validate', '--cases', la('cases.csv'), '--config', cfg]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/bad\.yaml:\d+ .*BM602/);
});

test.each([
  [['validate', '--config', 'x.yaml']],
  [['validate', '--cases', 'a.csv', '--config', 'c.yaml', '--as-of', '2026-13-45']],
  [['frobnicate']],
  [['validate', '--cases', 'a.csv', '--config', 'c.yaml', '--preset', 'excel']],
])('usage errors exit 2: %j', (args) => {
  const r = run(args);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/bulk-motions/);
});

test('a missing case list exits 1 with BM120', () => {
  const r = run(['validate', '--cases', path.join(tmp, 'nope.csv'), '--config', la('config.yaml')]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('BM120');
});

test('init writes a starter config listing every court spelling, which validates once the TODOs are filled', () => {
  const cfg = path.join(tmp, 'starter.yaml');
  const r = run(['init', '--cases', la('cases.csv'), '--out', cfg]);
  expect(r.code).toBe(0);
  const text = readFileSync(cfg, 'utf8');
  expect(text).toContain('county: "Los Angeles"');
  expect(text).toContain('TODO');
  const rows = Papa.parse<Record<string, string>>(readFileSync(la('cases.csv'), 'utf8'), { header: true, skipEmptyLines: true, transformHeader: (h) => h.replace(/^\uFEFF/, '') }).data;
  for (const court of new Set(rows.map((x) => x.STP_ORI_DESCR!.trim()))) expect(text).toContain(JSON.stringify(court));
  // Unfilled, it is refused with the TODO bar number named.
  const v = run(['validate', '--cases', la('cases.csv'), '--config', cfg]);
  expect(v.code).toBe(1);
  expect(v.stderr).toContain('bar_number');
  const filled = text.replace('bar_number: "TODO"', 'bar_number: "123456"');
  writeFileSync(cfg, filled);
  expect(run(['validate', '--cases', la('cases.csv'), '--config', cfg, '--as-of', '2026-11-26']).code).toBe(3);
  // And it refuses to overwrite without --force.
  expect(run(['init', '--cases', la('cases.csv'), '--out', cfg]).code).toBe(2);
});

describe('generate on the Los Angeles sample', () => {
  let out: string;
  let json: any;
  let code: number | null;
  beforeAll(() => {
    out = path.join(tmp, 'gen');
    const r = run(['generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', out, '--as-of', '2026-11-26', '--json']);
    code = r.code;
    json = JSON.parse(r.stdout);
  });

  test('writes a motion and an order, DOCX and PDF, for every filing, and the manifest lists them with sha256', () => {
    expect(code).toBe(3);
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.filings.length).toBe(json.filings.length);
    for (const f of m.filings) {
      // A notice of challenge is one document, the notice; a motion filing has its motion and order.
      expect(f.documents.map((d: { path: string }) => d.path).sort()).toEqual(f.challenge ? [`${f.id}/notice.docx`, `${f.id}/notice.pdf`] : [`${f.id}/motion.docx`, `${f.id}/motion.pdf`, `${f.id}/order.docx`, `${f.id}/order.pdf`]);
      for (const d of f.documents) {
        expect(d.kind).toMatch(f.challenge ? /^notice$/ : /^(motion|order)$/);
        expect(d.format).toBe(d.path.endsWith('.pdf') ? 'pdf' : 'docx');
        expect(sha(path.join(out, d.path))).toBe(d.sha256);
      }
    }
    expect(json.documents).toHaveLength(json.filings.reduce((n: number, f: { challenge?: boolean }) => n + (f.challenge ? 2 : 4), 0));
    // Every file there is one the manifest lists (documents are written while others render), and no stage is left.
    expectOutputMatchesManifest(out);
  });

  test('--format picks the formats', () => {
    const only = path.join(tmp, 'gen-pdf');
    expect(run(['generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', only, '--as-of', '2026-11-26', '--format', 'pdf', '--quiet']).code).toBe(3);
    const m = JSON.parse(readFileSync(path.join(only, 'manifest.json'), 'utf8'));
    expect(m.filings.flatMap((f: { documents: Array<{ format: string }> }) => f.documents.map((d) => d.format))).toEqual(Array(m.filings.reduce((n: number, f: { challenge?: boolean }) => n + (f.challenge ? 1 : 2), 0)).fill('pdf'));
  });

  test('a template error exits 1 and leaves the previous output as it was', () => {
    const before = readFileSync(path.join(out, 'manifest.json'));
    const cfg = path.join(tmp, 'tpl-config.yaml');
    mkdirSync(path.join(tmp, 'tpl', 'partials'), { recursive: true });
    writeFileSync(path.join(tmp, 'tpl', 'order.hbs'), '---\ntitle: T\nfooter: F\n---\n{{nope}}\n');
    writeFileSync(cfg, readFileSync(la('config.yaml'), 'utf8') + '\ntemplates: tpl\n');
    const r = run(['generate', '--cases', la('cases.csv'), '--config', cfg, '--out', out, '--as-of', '2026-11-26']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tpl\/order\.hbs:5 .*BM702.*"nope"/);
    expect(readFileSync(path.join(out, 'manifest.json'))).toEqual(before);
  });

  test('--threads 2 (Word files on a second thread) writes the same bytes as the default (everything on one)', () => {
    const one = path.join(tmp, 'gen-two-threads');
    expect(run(['generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', one, '--as-of', '2026-11-26', '--threads', '2', '--quiet']).code).toBe(3);
    const docs = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).filings as Array<{ documents: Array<{ path: string; sha256: string }> }>).flatMap((f) => f.documents.map((d) => `${d.path} ${d.sha256}`));
    expect(docs(one).length).toBeGreaterThan(20);
    expect(docs(one)).toEqual(docs(out));
    expect(run(['generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', one, '--threads', '0']).code).toBe(2);
  });

  test('an unknown --format is a usage error', () => {
    expect(run(['generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', out, '--format', 'rtf']).code).toBe(2);
  });
});

describe("regenerating after a judge's edits", () => {
  let out: string;
  let before: Map<string, string>;
  let struck: Array<{ n: string; filing: string; reason: string }>;
  const hashes = (dir: string) => {
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    return new Map<string, string>(m.filings.flatMap((f: { documents: Array<{ path: string; sha256: string }> }) => f.documents.map((d) => [d.path, d.sha256])));
  };
  beforeAll(() => {
    out = path.join(tmp, 'edits-run');
    expect(run(['generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', out, '--as-of', '2026-11-26', '--quiet']).code).toBe(3);
    before = hashes(out);
    cpSync(out, path.join(tmp, 'edits-before'), { recursive: true });
    const index = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'index.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const felony = index.filter((r) => r.filing_id === 'da-felony-dismiss-and-seal');
    const city = index.find((r) => r.filing_id === 'torrance-misdemeanor-dismiss-and-seal')!;
    struck = [
      { n: felony[0]!.case_number!, filing: 'da-felony-dismiss-and-seal', reason: 'Prosecution challenge at hearing' },
      { n: felony[5]!.case_number!, filing: 'da-felony-dismiss-and-seal', reason: 'Defence objection, sustained' },
      { n: city.case_number!, filing: 'torrance-misdemeanor-dismiss-and-seal', reason: 'Duplicate of a 2019 petition' },
    ];
  });

  test('a rerun on the same inputs gives identical hashes and reports no change', () => {
    expect(run(['generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', out, '--as-of', '2026-11-26', '--quiet']).code).toBe(3);
    expect(hashes(out)).toEqual(before);
    expect(readFileSync(path.join(out, 'changes.md'), 'utf8')).toContain('Nothing changed');
  });

  test('striking three cases changes only their filings, and the report names them with their reasons', async () => {
    const edits = path.join(tmp, 'edits.csv');
    writeFileSync(edits, ['case_number,action,value,reason', ...struck.map((s) => `${s.n},strike,,"${s.reason}"`)].join('\n') + '\n');
    const r = run(['generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', out, '--as-of', '2026-11-26', '--edits', edits, '--quiet']);
    expect(r.code).toBe(3);
    const after = hashes(out);
    const changed = [...after.keys()].filter((p) => after.get(p) !== before.get(p)).map((p) => p.split('/')[0]);
    expect([...new Set(changed)].sort()).toEqual(['da-felony-dismiss-and-seal', 'torrance-misdemeanor-dismiss-and-seal']);
    const md = readFileSync(path.join(out, 'changes.md'), 'utf8');
    for (const s of struck) expect(md).toMatch(new RegExp(`${s.n}, [^:\n]+: ${s.reason.replace(/[()]/g, '\\$&')}`));
    const struckCsv = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'struck.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(struckCsv.map((x) => x.case_number).sort()).toEqual(struck.map((s) => s.n).sort());
    const index = readFileSync(path.join(out, 'index.csv'), 'utf8');
    for (const s of struck) expect(index).not.toContain(`${s.n},`);
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.edits.map((e: { caseNumber: string; action: string }) => `${e.caseNumber}:${e.action}`)).toEqual(struck.map((s) => `${s.n}:strike`));
    expect(m.counts.struckCases).toBe(3);
    // The struck cases are in no document (DOCX text here; the PDFs in the tool checks).
    for (const f of ['da-felony-dismiss-and-seal', 'torrance-misdemeanor-dismiss-and-seal']) {
      for (const doc of ['motion.docx', 'order.docx']) {
        const xml = await docxPart(readFileSync(path.join(out, f, doc)), 'word/document.xml');
        for (const s of struck) expect(xml).not.toContain(`>${s.n}<`);
      }
    }
    // diff prints the same report for the two manifests (all but the header, which names the folders), and
    // exits 1, as diff(1) does when something changed.
    const d = run(['diff', path.join(tmp, 'edits-before'), out]);
    expect(d.code).toBe(1);
    for (const s of struck) expect(d.stdout).toContain(`${s.n}, `);
    expect(d.stdout.slice(d.stdout.indexOf('\n## '))).toBe(md.slice(md.indexOf('\n## ')));
  });

  test('striking a challenged case withdraws it from its notice, and changes.json reports it struck there, as for a motion', () => {
    const challenged = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'challenged.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const c = challenged[0]!;
    const edits = path.join(tmp, 'edits-challenge.csv');
    writeFileSync(edits, ['case_number,action,value,reason', ...struck.map((s) => `${s.n},strike,,"${s.reason}"`), `${c.case_number},strike,,Challenge withdrawn`].join('\n') + '\n');
    const was = hashes(out);
    const r = run(['generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', out, '--as-of', '2026-11-26', '--edits', edits, '--quiet']);
    expect(r.code).toBe(3);
    const now = hashes(out);
    expect([...new Set([...now.keys()].filter((p) => now.get(p) !== was.get(p)).map((p) => p.split('/')[0]))]).toEqual([c.filing_id]);
    const report = JSON.parse(readFileSync(path.join(out, 'changes.json'), 'utf8'));
    const changed = report.filings.filter((f: { status: string }) => f.status !== 'unchanged');
    expect(changed.map((f: { id: string }) => f.id)).toEqual([c.filing_id]);
    expect(changed[0].struck).toEqual([{ caseNumber: c.case_number, courtId: c.court_id, reason: 'Challenge withdrawn' }]);
    expect(readFileSync(path.join(out, 'challenged.csv'), 'utf8')).not.toContain(`${c.case_number},`);
    const struckCsv = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'struck.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(struckCsv.find((x) => x.case_number === c.case_number)).toMatchObject({ relief: 'challenge', reason: 'Challenge withdrawn' });
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect([m.counts.struckCases, m.counts.struckChallengedCases]).toEqual([4, 1]);
    // The same inputs again: nothing changed.
    expect(run(['generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', out, '--as-of', '2026-11-26', '--edits', edits, '--quiet']).code).toBe(3);
    expect(JSON.parse(readFileSync(path.join(out, 'changes.json'), 'utf8')).identical).toBe(true);
  });

  test('an edit naming an unknown case is an error at its line, and nothing is written', () => {
    const edits = path.join(tmp, 'bad-edits.csv');
    writeFileSync(edits, 'case_number,action,value,reason\nZZ000001,strike,,x\n');
    const now = readFileSync(path.join(out, 'manifest.json'));
    const r = run(['generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', out, '--as-of', '2026-11-26', '--edits', edits]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad-edits\.csv:2 \(column "case_number"\): fatal BM801/);
    expect(readFileSync(path.join(out, 'manifest.json'))).toEqual(now);
  });
});

test('a PDF over volume_max_mb renders its filing\'s PDFs again in smaller volumes, leaving no file of the first try behind and the Word files as they were', () => {
  const cases = path.join(tmp, 'big.csv');
  expect(spawnSync(process.execPath, [path.join(root, 'dist', 'samples', 'main.js'), '--cases', '40000', '--seed', '5', '--clean', '--out', cases]).status).toBe(0);
  const cfg = path.join(tmp, 'small-volumes.yaml');
  writeFileSync(cfg, readFileSync(la('config.yaml'), 'utf8').replace(/^exhibit:\n/m, 'exhibit:\n  volume_max_mb: 1\n'));
  const out = path.join(tmp, 'small-volumes');
  const r = run(['generate', '--cases', cases, '--config', cfg, '--out', out, '--as-of', '2026-11-26', '--format', 'docx,pdf', '--quiet']);
  // 3, not 0: the cities' misdemeanors under former sections (before 1972) are beyond the statute, and the
  // cities state no basis, so they go to review (BM310).
  expect(r.code).toBe(3);
  const review = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'review.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  expect(review.length).toBeGreaterThan(0);
  expect(new Set(review.map((x) => x.code))).toEqual(new Set(['BM310']));
  expect(review.every((x) => /\b1153[01] HS/.test(`${x.OFFENSE_DESCR} ${x.COMMENT_TEXT}`) && x.CONV_STAT_DESCR === 'MISDEMEANOR')).toBe(true);
  const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  // The largest filing: the DA's felony dismissals beyond the statute.
  const felony = m.filings.find((f: { id: string }) => f.id === 'da-felony-dismiss-and-seal-beyond-statute');
  const listed: string[] = felony.documents.map((d: { path: string }) => d.path).sort();
  // Split, and only the final volumes are there: the first try's single motion.pdf was replaced, none left over.
  expect(listed.length).toBeGreaterThan(2);
  expect(readdirSync(path.join(out, felony.id)).map((f) => `${felony.id}/${f}`).sort()).toEqual(listed);
  for (const d of felony.documents) {
    expect(sha(path.join(out, d.path))).toBe(d.sha256);
    expect(d.bytes).toBeLessThanOrEqual(1024 * 1024);
  }
  // The Word files have volumes of their own (exhibit.docx_volume_max_rows), made once: every case in them, once.
  for (const kind of ['motion', 'order']) {
    const docx = felony.documents.filter((d: { kind: string; format: string }) => d.kind === kind && d.format === 'docx');
    const pdf = felony.documents.filter((d: { kind: string; format: string }) => d.kind === kind && d.format === 'pdf');
    expect(docx.length).toBe(Math.ceil(felony.caseCount / 15000));
    expect(pdf.length).toBeGreaterThan(1);
    expect(docx.reduce((n: number, d: { cases: number }) => n + d.cases, 0)).toBe(felony.caseCount);
  }
  expect(readdirSync(out).filter((f) => f.startsWith('.bulk-motions-tmp-'))).toEqual([]);
}, 120_000);

describe('the review round trip through the CLI (docs/review.md)', () => {
  let out: string;
  let answers: string;
  beforeAll(() => {
    out = path.join(tmp, 'la-review');
    const first = run(['validate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', out, '--as-of', '2026-11-26', '--quiet']);
    expect(first.code).toBe(3);
    // The user copies review.csv out of --out and answers two rows.
    answers = path.join(tmp, 'answers.csv');
    const parsed = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'review.csv'), 'utf8'), { header: true, skipEmptyLines: true });
    for (const r of parsed.data) {
      if (r.source_line === '121') r.resolve_case_number = 'BA999121';
      if (r.source_line === '235') r.decision = 'exclude';
    }
    writeFileSync(answers, Papa.unparse({ fields: parsed.meta.fields!, data: parsed.data }));
  });

  test('an answer file inside --out is refused (BM109) and nothing is written', () => {
    const before = sha(path.join(out, 'manifest.json'));
    const r = run(['validate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', out, '--as-of', '2026-11-26', '--resolved', path.join(out, 'review.csv'), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain('BM109');
    expect(sha(path.join(out, 'manifest.json'))).toBe(before);
  });

  test('generate with --resolved files the answered case, excludes the other, reconciles, and records the file', () => {
    const r = run(['generate', '--cases', la('cases.csv'), '--config', la('config.yaml'), '--out', out, '--as-of', '2026-11-26', '--resolved', answers, '--format', 'pdf', '--json']);
    expect(r.code).toBe(3);
    const j = JSON.parse(r.stdout);
    const c = j.counts;
    expect(c.resolvedRows).toBe(2);
    expect(c.inputRows).toBe(c.filedRows + c.challengedRows + c.excludedRows + c.reviewRows + c.rejectedRows);
    expect(j.reconciliation.join('\n')).toContain('resolved: 2 review rows answered = 1 filed + 1 excluded');
    const index = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'index.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const row = index.find((x) => x.case_number === 'BA999121')!;
    expect(row.source_rows).toBe(`${la('cases.csv')}:121`);
    expect(existsSync(path.join(out, row.filing_id!, 'motion.pdf'))).toBe(true);
    const review = readFileSync(path.join(out, 'review.csv'), 'utf8');
    expect(review).not.toContain(`,121,`);
    const excluded = Papa.parse<Record<string, string>>(readFileSync(path.join(out, 'excluded.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(excluded.find((x) => x.source_line === '235')).toMatchObject({ code: 'BM404', determination: 'Excluded on review', filing_agency: 'pasadena' });
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.resolvedFile).toEqual({ file: answers, sha256: sha(answers) });
    expect(m.resolutions.map((x: { source: string; decision: string }) => [x.source, x.decision])).toEqual([[`${la('cases.csv')}:121`, 'file'], [`${la('cases.csv')}:235`, 'exclude']]);
    expect(m.counts.resolvedRows).toBe(2);
    for (const p of ['review.csv', 'confidential/review.csv', 'confidential/rejects.csv', 'confidential/excluded.csv', 'confidential/README.txt']) expect(m.outputs.map((o: { path: string }) => o.path)).toContain(p);
    expectOutputMatchesManifest(out);
  });
});
