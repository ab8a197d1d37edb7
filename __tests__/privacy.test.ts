/**
 * Privacy: the public documents carry no date of birth, CII number or name
 * unless the config lists them; the confidential option puts them in a
 * separate file instead.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Papa from 'papaparse';
import { composeAll } from '../src/documents';
import { loadFonts } from '../src/io/fonts';
import { loadTemplates } from '../src/io/templates';
import { buildOutputs } from '../src/output/manifest';
import { createRenderContext } from '../src/render/pdf';
import { layoutDocument, pageItems } from '../src/render/pdf/layout';
import { allText, docxPart, laDocuments, laRun, root } from './helpers/documents';

const CONFIG = path.join(root, 'samples', 'los-angeles', 'config.yaml');
const rows = Papa.parse<Record<string, string>>(readFileSync(path.join(root, 'samples', 'los-angeles', 'cases.csv'), 'utf8'), { header: true, skipEmptyLines: true, transformHeader: (h) => h.replace(/^\uFEFF/, '') }).data;
const dobs = rows.map((r) => r.PRI_DOB!).filter(Boolean);
// A date of birth written as a date can equal someone's conviction date, which the exhibit does show.
const convictionDates = new Set(rows.map((r) => r['Date of Conviction']!));
const secrets = [...new Set([...dobs, ...dobs.map((d) => `${d.slice(4, 6)}/${d.slice(6, 8)}/${d.slice(0, 4)}`).filter((d) => !convictionDates.has(d)), ...dobs.map((d) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`), ...rows.map((r) => r.CII_NUMBER!).filter(Boolean)])];
const names = [...new Set(rows.map((r) => r.PRI_NAME!).filter(Boolean))];

test('the sample has identifiers to look for', () => {
  expect(secrets.length).toBeGreaterThan(300);
  expect(names.length).toBeGreaterThan(100);
});

test('no DOB, CII or name from the sample appears in any DOCX or PDF text', async () => {
  const { result, files } = await laDocuments();
  const texts: string[] = [];
  for (const f of files) texts.push(allText(await docxPart(f.content, 'word/document.xml')));
  const t = await loadTemplates(CONFIG, undefined);
  const fonts = loadFonts();
  const { models } = composeAll({ plan: result.plan!, config: result.config!, templates: t.set!, asOf: '2026-11-26', formats: [], fonts });
  const render = createRenderContext(fonts);
  for (const { model } of models!) texts.push(layoutDocument(model, render).pages.flatMap((p) => pageItems(p).map((i) => ('text' in i ? i.text : ''))).join(' '));
  const all = texts.join('\n');
  expect(all.length).toBeGreaterThan(100000);
  for (const s of secrets) expect(all.includes(s) ? s : '').toBe('');
  for (const n of names) expect(all.includes(n) ? n : '').toBe('');
});

test('the confidential option writes the identifiers to a separate CONFIDENTIAL file, never to the exhibit', async () => {
  const configText = readFileSync(CONFIG, 'utf8').replace(/^exhibit:\n/m, 'exhibit:\n  confidential: true\n');
  const r = await laRun(configText);
  const files = buildOutputs(r, { toolVersion: 't', asOf: '2026-11-26', config: { file: 'c', sha256: 'x' }, inputs: [] });
  const conf = files.filter((f) => f.path.endsWith('/CONFIDENTIAL-identifiers.csv'));
  expect(conf).toHaveLength(r.plan!.filings.length);
  const felony = Papa.parse<Record<string, string>>(conf.find((f) => f.path.startsWith('da-felony-dismiss-and-seal/'))!.content.toString('utf8'), { header: true, skipEmptyLines: true }).data;
  const filing = r.plan!.filings.find((f) => f.id === 'da-felony-dismiss-and-seal')!;
  expect(felony.map((x) => x.case_number)).toEqual(filing.cases.map((c) => c.caseNumber));
  expect(felony.every((x) => /^\d{4}-\d{2}-\d{2}$/.test(x.dob!) && /^\d+$/.test(x.cii!) && x.defendant_name!.length > 0)).toBe(true);
  // The public plan and index still hold none of it.
  const pub = ['plan.json', 'index.csv'].map((p) => files.find((f) => f.path === p)!.content.toString('utf8')).join('\n');
  for (const x of felony) expect(pub.includes(x.cii!)).toBe(false);
});

describe('working files: personal data only under confidential/ (docs/review.md)', () => {
  const listings = ['review.csv', 'rejects.csv', 'excluded.csv'];
  let files: ReturnType<typeof buildOutputs>;
  const text = (p: string) => files.find((f) => f.path === p)!.content.toString('utf8');
  const parse = (p: string) => Papa.parse<Record<string, string>>(text(p), { header: true, skipEmptyLines: true });
  beforeAll(async () => {
    const r = await laRun();
    files = buildOutputs(r, { toolVersion: 't', asOf: '2026-11-26', config: { file: 'c', sha256: 'x' }, inputs: [] });
  });

  test('no DOB, CII or name from the sample appears in any top-level file', () => {
    const top = files.filter((f) => !f.path.includes('/')).map((f) => f.content.toString('utf8')).join('\n');
    expect(top.length).toBeGreaterThan(10000);
    // index.csv and plan.json print conviction dates as YYYY-MM-DD, and a date of birth can equal one.
    const convictionIso = new Set([...convictionDates].map((d) => `${d.slice(6, 10)}-${d.slice(0, 2)}-${d.slice(3, 5)}`));
    for (const s of secrets.filter((x) => !convictionIso.has(x))) expect(top.includes(s) ? s : '').toBe('');
    for (const n of names) expect(top.includes(n) ? n : '').toBe('');
  });

  test('the top-level listings keep every column in place, the personal cells emptied; confidential/ has them in full', () => {
    for (const p of listings) {
      const pub = parse(p);
      const conf = parse(`confidential/${p}`);
      expect(pub.meta.fields).toEqual(conf.meta.fields);
      expect(pub.data.length).toBe(conf.data.length);
      for (const col of ['PRI_NAME', 'PRI_DOB', 'CII_NUMBER', 'RACE_DESCR', 'GENDER']) {
        if (!pub.meta.fields!.includes(col)) continue;
        expect(pub.data.every((x) => x[col] === '')).toBe(true);
      }
      for (const col of ['OFN', 'STP_ORI_DESCR', 'source_line', 'code']) if (pub.meta.fields!.includes(col)) expect(pub.data.map((x) => x[col])).toEqual(conf.data.map((x) => x[col]));
    }
    const conf = ['review.csv', 'excluded.csv'].map((p) => text(`confidential/${p}`)).join('\n');
    expect(secrets.filter((s) => conf.includes(s)).length).toBeGreaterThan(10);
    expect(names.filter((n) => conf.includes(n)).length).toBeGreaterThan(10);
    expect(text('confidential/README.txt')).toMatch(/^CONFIDENTIAL: .*personal data.*\r\nDo not file, post, e-mail or share it\./);
  });

  test('excluded.csv adds filing_agency after its columns, and every row has a code and a fix', () => {
    const ex = parse('excluded.csv');
    expect(ex.meta.fields!.slice(0, 6)).toEqual(['source_file', 'source_line', 'code', 'reason', 'fix', 'determination']);
    expect(ex.meta.fields!.at(-1)).toBe('filing_agency');
    expect(ex.data.length).toBeGreaterThan(10);
    for (const x of ex.data) {
      expect(x.code).toMatch(/^BM40\d$/);
      expect(x.fix!.length).toBeGreaterThan(10);
    }
    const agencies = new Set(ex.data.map((x) => x.filing_agency));
    expect(agencies.has('da')).toBe(true);
    expect([...agencies].length).toBeGreaterThan(2);
  });
});
