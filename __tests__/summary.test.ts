/**
 * The impact summary (docs/summary.md): every number it prints is the run's
 * own (the manifest's counts, index.csv, review.csv, the input's people), no
 * input identifier is in it, small cells are withheld, two runs give the same
 * bytes, the demographic tables appear only when asked for, and the summary
 * follows --edits, whichever order it walks the cases in.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';
import { validate } from '../src';
import { runPipeline } from '../src/pipeline';
import { runAggregates } from '../src/summary';
import { pdfStrings } from './helpers/pdf-strings';
import { expectOutputMatchesManifest } from './helpers/output';

const root = path.join(__dirname, '..');
const la = (f: string) => path.join(root, 'samples', 'los-angeles', f);
const asOf = '2026-11-30';
let tmp: string;
beforeAll(() => (tmp = mkdtempSync(path.join(tmpdir(), 'bm-summary-'))));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let runs = 0;
/** validate --out with the LA sample and `summary:` settings appended to its config. */
async function run(summary: string, extra: { edits?: string; cases?: string[]; config?: string } = {}) {
  const n = ++runs;
  // One config file per setting, so runs with the same setting have the same inputs.
  const config = path.join(tmp, `config-${Buffer.from(summary + (extra.config ?? '')).toString('hex')}.yaml`);
  writeFileSync(config, readFileSync(extra.config ?? la('config.yaml'), 'utf8') + (summary ? `\nsummary:\n${summary}\n` : ''));
  const out = path.join(tmp, `out-${n}`);
  const r = await validate({ cases: extra.cases ?? [la('cases.csv')], config, out, asOf, ...(extra.edits ? { edits: extra.edits } : {}) });
  expect(r.ok).toBe(true);
  const read = (f: string) => readFileSync(path.join(out, f));
  return { out, html: read('summary.html').toString('utf8'), pdf: read('summary.pdf'), manifest: JSON.parse(read('manifest.json').toString('utf8')), read };
}

interface HtmlCell {
  key: string;
  value: number | null;
  withheld?: string;
  text: string;
}
/** Every number cell of the page: its key, its value (data-value), and the text a reader sees. */
function cells(html: string): Map<string, HtmlCell> {
  const out = new Map<string, HtmlCell>();
  for (const m of html.matchAll(/<td class="n" data-key="([^"]+)"(?: data-withheld="(\w+)"| data-value="(\d+)")>([^<]*)<\/td>/g)) {
    out.set(m[1]!, { key: m[1]!, value: m[3] === undefined ? null : Number(m[3]), ...(m[2] ? { withheld: m[2] } : {}), text: m[4]! });
  }
  return out;
}
const json = (html: string) => JSON.parse(/<script type="application\/json" id="summary-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as { smallCell: number; cells: Record<string, number | null> };
const csv = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);
const countBy = <T>(xs: T[], key: (x: T) => string) => xs.reduce((m, x) => m.set(key(x), (m.get(key(x)) ?? 0) + 1), new Map<string, number>());

/** The LA sample's people, as the tool defines them: CII number, else name and date of birth. */
function personOfLine(): (line: number) => string {
  const rows = csv(readFileSync(la('cases.csv'), 'utf8'));
  const norm = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '').toUpperCase();
  return (line) => {
    const r = rows[line - 2]!;
    const cii = norm(r.CII_NUMBER ?? '');
    if (cii && cii !== 'NULL') return `c${cii}`;
    return `n${norm(r.PRI_NAME ?? '')}:${r.PRI_DOB}`;
  };
}

test('every number in the summary is the run\'s own: the manifest\'s counts, index.csv, review.csv and the input\'s people', async () => {
  const { html, manifest, read } = await run('  small_cell: 1');
  const c = cells(html);
  // What a reader sees is the number the cell carries, and the JSON block says the same.
  const data = json(html);
  expect(c.size).toBeGreaterThan(40);
  for (const x of c.values()) {
    expect(x.withheld).toBeUndefined();
    expect(x.text.replace(/,/g, '')).toBe(String(x.value));
    expect(data.cells[x.key]).toBe(x.value);
  }
  expect(Object.keys(data.cells).sort()).toEqual([...c.keys()].sort());
  const v = (k: string) => {
    expect(c.has(k)).toBe(true);
    return c.get(k)!.value;
  };
  const counts = manifest.counts;
  expect(v('flow.input.rows')).toBe(counts.inputRows);
  expect(v('flow.filed.rows')).toBe(counts.filedRows);
  expect(v('flow.challenged.rows')).toBe(counts.challengedRows);
  expect(v('flow.excluded.rows')).toBe(counts.excludedRows);
  expect(v('flow.review.rows')).toBe(counts.reviewRows);
  expect(v('flow.rejected.rows')).toBe(counts.rejectedRows);
  expect(v('overview.cases.n')).toBe(counts.filedCases);
  expect(v('overview.counts.n')).toBe(counts.filedRows);
  expect(v('overview.challenged.n')).toBe(counts.challengedCases);
  const motions = (manifest.filings as Array<{ id: string; agency: string; relief: string; caseType: string; caseCount: number; rowCount: number; challenge?: boolean }>).filter((f) => !f.challenge);
  expect(v('overview.motions.n')).toBe(motions.length);
  // By agency, relief and case type: the manifest's filings added up.
  for (const [table, key] of [['agency', 'agency'], ['relief', 'relief'], ['case-type', 'caseType']] as const) {
    const groups = new Set(motions.map((f) => f[key]));
    for (const g of groups) {
      const fs = motions.filter((f) => f[key] === g);
      expect(`${table}.${g}: ${v(`${table}.${g}.cases`)} cases, ${v(`${table}.${g}.counts`)} counts`).toBe(`${table}.${g}: ${sum(fs, (f) => f.caseCount)} cases, ${sum(fs, (f) => f.rowCount)} counts`);
    }
    expect(v(`${table}.total.cases`)).toBe(counts.filedCases);
    expect(v(`${table}.total.counts`)).toBe(counts.filedRows);
  }
  // By court and decade: index.csv counted.
  const index = csv(read('index.csv').toString('utf8'));
  for (const [court, n] of countBy(index, (r) => r.court_id!)) expect(`${court} ${v(`court.${court}.cases`)}`).toBe(`${court} ${n}`);
  for (const [decade, n] of countBy(index, (r) => (r.conviction_date ? `${r.conviction_date.slice(0, 3)}0` : 'none'))) expect(`${decade} ${v(`decade.${decade}.cases`)}`).toBe(`${decade} ${n}`);
  // Review reasons: review.csv counted by code.
  const review = csv(read('review.csv').toString('utf8'));
  for (const [code, n] of countBy(review, (r) => r.code!)) expect(`${code} ${v(`review.${code}.rows`)}`).toBe(`${code} ${n}`);
  // People: the input's rows behind index.csv, told apart by CII number or name and date of birth.
  const person = personOfLine();
  const peopleOf = (rows: typeof index) => new Set(rows.map((r) => person(Number(r.source_rows!.split('; ')[0]!.split(':').at(-1))))).size;
  expect(v('overview.people.n')).toBe(peopleOf(index));
  expect(v('agency.total.people')).toBe(peopleOf(index));
  const agencyOf = new Map(motions.map((f) => [f.id, f.agency]));
  for (const a of new Set(motions.map((f) => f.agency))) expect(`${a} ${v(`agency.${a}.people`)}`).toBe(`${a} ${peopleOf(index.filter((r) => agencyOf.get(r.filing_id!) === a))}`);
  // The PDF prints the same numbers (its text, decoded).
  const text = pdfStrings(read('summary.pdf')).join('\n');
  for (const k of ['flow.input.rows', 'overview.people.n', 'agency.total.cases']) expect(text).toContain(c.get(k)!.text);
}, 60_000);

test('people are told apart by CII number, else by name and date of birth: one person\'s cases count once', async () => {
  // The Alameda sample's cases given to fewer people: a CII number shared by several cases, or (without one)
  // a name and date of birth shared; "DOE, JANE" and "Doe Jane" are one name.
  const alameda = (f: string) => path.join(root, 'samples', 'alameda', f);
  const rows = csv(readFileSync(alameda('cases.csv'), 'utf8'));
  const who: string[] = [];
  rows.forEach((r, i) => {
    if (i % 3 === 0) {
      r.cii = '';
      r.defendant_name = i % 2 ? `DOE, JANE${i % 4}` : `Doe Jane${i % 4}`;
      r.dob = `1970-01-0${1 + (i % 4)}`;
      who.push(`n${i % 4}`);
    } else {
      r.cii = `A-${i % 5}`;
      who.push(`c${i % 5}`);
    }
  });
  const cases = path.join(tmp, 'alameda-people.csv');
  writeFileSync(cases, Papa.unparse(rows) + '\n');
  const { html, manifest, read } = await run('  small_cell: 1', { cases: [cases], config: alameda('config.yaml') });
  const c = cells(html);
  // The people of the filed cases: the rows index.csv names.
  const filed = csv(read('index.csv').toString('utf8'));
  const people = new Set(filed.flatMap((r) => r.source_rows!.split('; ').map((s) => who[Number(s.split(':').at(-1)) - 2]!)));
  expect(filed.length).toBe(manifest.counts.filedCases);
  expect(people.size).toBeLessThan(filed.length / 2);
  expect(c.get('overview.people.n')!.value).toBe(people.size);
  expect(c.get('agency.total.people')!.value).toBe(people.size);
  expect(c.get('overview.cases.n')!.value).toBe(filed.length);
}, 60_000);

test('no name, case number, date of birth or CII number of the input is in summary.html or summary.pdf', async () => {
  const { html, pdf, manifest, out } = await run('  demographics: true');
  const rows = csv(readFileSync(la('cases.csv'), 'utf8'));
  const ids = new Set<string>();
  for (const r of rows) {
    for (const v of [r.PRI_NAME, r.CII_NUMBER, r.PRI_DOB, r.OFN, ...(r['Case Number'] ?? '').split(';')]) {
      const t = (v ?? '').trim();
      if (t.length >= 5 && !/^null$/i.test(t)) ids.add(t);
    }
    // A date of birth in the other spellings a page might use.
    const d = (r.PRI_DOB ?? '').trim();
    if (/^\d{8}$/.test(d)) ids.add(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`).add(`${d.slice(4, 6)}/${d.slice(6)}/${d.slice(0, 4)}`);
  }
  expect(ids.size).toBeGreaterThan(500);
  const strings = pdfStrings(pdf);
  // The decoding works: the PDF's words are read back.
  expect(strings.join('\n')).toContain('Where every input row went');
  const found = [...ids].filter((id) => html.includes(id) || strings.some((s) => s.includes(id)));
  expect(found).toEqual([]);
  // Both files are listed in the manifest with their sha256, as every output is.
  expect(manifest.outputs.filter((o: { path: string }) => o.path.startsWith('summary.')).map((o: { path: string; kind: string; format: string }) => `${o.path} ${o.kind} ${o.format}`)).toEqual(['summary.html summary html', 'summary.pdf summary pdf']);
  expectOutputMatchesManifest(out);
}, 60_000);

test('a number from fewer than 11 people reads "fewer than 11", and the threshold is the config\'s', async () => {
  for (const [setting, k] of [['', 11], ['  small_cell: 40', 40]] as const) {
    const { html, pdf } = await run(setting);
    const c = cells(html);
    const data = json(html);
    expect(data.smallCell).toBe(k);
    const withheld = [...c.values()].filter((x) => x.withheld);
    expect(withheld.length).toBeGreaterThan(3);
    for (const x of withheld) {
      expect(x.text).toBe(x.withheld === 'small' ? `fewer than ${k}` : 'withheld');
      expect(data.cells[x.key]).toBeNull();
    }
    // Every people count printed is k or more (or a true zero).
    for (const x of c.values()) if (/\.people$/.test(x.key) && x.value !== null) expect(x.value === 0 || x.value >= k).toBe(true);
    // LA's smaller city attorneys have fewer than 11 people: withheld, in the table, the chart and the PDF.
    expect(c.get('agency.torrance.people')!.text).toBe(`fewer than ${k}`);
    expect(c.get('agency.torrance.cases')!.text).toBe(`fewer than ${k}`);
    expect(pdfStrings(pdf).join('\n')).toContain(`fewer than ${k}`);
  }
}, 60_000);

test('two runs of the same inputs give byte-identical summary.html and summary.pdf', async () => {
  const a = await run('  demographics: true');
  const b = await run('  demographics: true');
  expect(a.html).toBe(b.html);
  expect(a.pdf.equals(b.pdf)).toBe(true);
}, 60_000);

test('the demographic tables appear only when the config turns them on and the input carries them', async () => {
  const off = await run('');
  expect(off.html).not.toMatch(/id="demographics"|data-table="race"|by race/i);
  const on = await run('  demographics: true\n  small_cell: 1');
  expect(on.html).toContain('<section id="demographics">');
  const c = cells(on.html);
  const people = c.get('overview.people.n')!.value!;
  for (const t of ['race', 'gender', 'age']) {
    const total = sum([...c.values()].filter((x) => x.key.startsWith(`${t}.`)), (x) => x.value ?? 0);
    expect(`${t} ${total}`).toBe(`${t} ${people}`);
  }
  expect(pdfStrings(on.pdf).join('\n')).toContain('People by race');
  // The Alameda sample carries no race or gender column: nothing to show, even when asked.
  const alameda = (f: string) => path.join(root, 'samples', 'alameda', f);
  const canon = await run('  demographics: true', { cases: [alameda('cases.csv')], config: alameda('config.yaml') });
  expect(canon.html).not.toContain('data-table="race"');
  expect(canon.html).not.toContain('data-table="gender"');
}, 60_000);

test('after --edits the summary counts the plan as edited', async () => {
  const before = await run('  small_cell: 1');
  const index = csv(before.read('index.csv').toString('utf8'));
  const struck = index.filter((r) => r.filing_id === 'da-felony-dismiss-and-seal').slice(0, 3);
  const edits = path.join(tmp, 'edits.csv');
  writeFileSync(edits, ['case_number,action,value,reason', ...struck.map((r) => `${r.case_number},strike,,Struck at hearing`)].join('\n') + '\n');
  const after = await run('  small_cell: 1', { edits });
  const c0 = cells(before.html);
  const c1 = cells(after.html);
  expect(c1.get('overview.cases.n')!.value).toBe(c0.get('overview.cases.n')!.value! - 3);
  expect(c1.get('agency.da.cases')!.value).toBe(c0.get('agency.da.cases')!.value! - 3);
  expect(c1.get('flow.struck.rows')!.value).toBe(after.manifest.counts.struckRows);
  expect(c1.get('flow.filed.rows')!.value).toBe(after.manifest.counts.filedRows);
}, 60_000);

test('walking the cases in memory order counts what walking them filing by filing counts, after --edits too', async () => {
  const configFile = la('config.yaml');
  const plain = await runPipeline({ configText: readFileSync(configFile, 'utf8'), configFile, cases: [{ name: 'cases.csv', open: () => readFileSync(la('cases.csv')) }], asOf });
  const felony = plain.plan!.filings.find((f) => f.id === 'da-felony-dismiss-and-seal')!.cases;
  const edits = `case_number,action,value,reason\n${felony[0]!.caseNumber},strike,,x\n${felony[1]!.caseNumber},set_relief,Reduce to misdemeanor,y\n`;
  const edited = await runPipeline({ configText: readFileSync(configFile, 'utf8'), configFile, cases: [{ name: 'cases.csv', open: () => readFileSync(la('cases.csv')) }], asOf, edits: { name: 'edits.csv', open: () => edits } });
  expect(edited.fatal).toBe(false);
  expect(edited.struck).toHaveLength(1);
  for (const r of [plain, edited]) {
    // The pipeline's `filed`: exactly the motions' cases.
    const motions = r.plan!.filings.filter((f) => !f.challenge).flatMap((f) => f.cases);
    expect(r.filed).toHaveLength(motions.length);
    expect(new Set(r.filed).size).toBe(new Set([...r.filed!, ...motions]).size);
    const { filed: _inMemoryOrder, ...byFiling } = r;
    expect(runAggregates(r, asOf)).toEqual(runAggregates(byFiling, asOf));
  }
});
