/**
 * The law in the documents: what each relief's order must say (from
 * docs' reference on HS 11361.8 and 11361.9), relief beyond the statute,
 * facts printed only from the config, the caption's case number, the hearing,
 * and the rule that no template holds a citation outside templates/law.yaml.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { composeDocument, type DocumentKind } from '../src/compose';
import { compileSet, type TemplateSet } from '../src/compose/handlebars';
import type { Config } from '../src/config/schema';
import { RELIEFS, type Relief } from '../src/domain';
import { loadTemplates } from '../src/io/templates';
import { parseConfig } from '../src/config/load';
import type { Block, DocumentModel, Run } from '../src/model/types';
import type { Filing } from '../src/plan';
import { laRun, root } from './helpers/documents';

const CONFIG = path.join(root, 'samples', 'los-angeles', 'config.yaml');
const AS_OF = '2026-11-26';

const runText = (runs: Run[]) => runs.map((r) => ('text' in r ? r.text : '')).join('');

/** Each block of the pleading as one line of plain text. */
function blocks(model: DocumentModel): string[] {
  const out: string[] = [];
  for (const p of model.parts) {
    if (p.kind !== 'pleading') continue;
    for (const b of p.blocks as Block[]) {
      if ('runs' in b) out.push(runText(b.runs));
      else if ('lines' in b) out.push(b.lines.map(runText).join(' / '));
      else if (b.kind === 'caption' || b.kind === 'signature') out.push([...b.left, ...b.right].map(runText).join(' / '));
    }
  }
  return out;
}

/** The order's operative paragraphs: the numbered blocks after "IT IS HEREBY ORDERED". */
function ordered(model: DocumentModel): string[] {
  const bs = blocks(model);
  const from = bs.findIndex((b) => b.includes('IT IS HEREBY ORDERED'));
  const to = bs.findIndex((b) => b.includes('IT IS SO ORDERED'));
  return bs.slice(from + 1, to);
}

function findings(model: DocumentModel): string[] {
  const bs = blocks(model);
  return bs.slice(bs.findIndex((b) => b.includes('THE COURT FINDS')) + 1, bs.findIndex((b) => b.includes('IT IS HEREBY ORDERED')));
}

let base: { config: Config; filing: Filing; set: TemplateSet };

beforeAll(async () => {
  const r = await laRun();
  const t = await loadTemplates(CONFIG, undefined);
  base = { config: r.config!, filing: r.plan!.filings.find((f) => f.id === 'da-felony-dismiss-and-seal')!, set: t.set! };
});

function compose(kind: DocumentKind, opts: { relief?: Relief; filing?: Partial<Filing>; config?: (c: Config) => Config; asOf?: string; set?: TemplateSet } = {}) {
  const set = opts.set ?? base.set;
  const { compiled, diagnostics } = compileSet(set);
  if (!compiled) throw new Error(JSON.stringify(diagnostics));
  const filing = { ...base.filing, ...(opts.relief ? { relief: opts.relief } : {}), ...opts.filing };
  const config = opts.config ? opts.config(structuredClone(base.config)) : base.config;
  const out = composeDocument(kind, filing, config, opts.asOf ?? AS_OF, { compiled, set });
  if (!out.model) throw new Error(JSON.stringify(out.diagnostics));
  return out.model;
}

const da = (c: Config) => c.agencies.find((a) => a.id === 'da')!;

// ---------------------------------------------------------------------------
// What each relief's order must say (reference: "What a judge needs in the order").
// ---------------------------------------------------------------------------

const REDESIGNATIONS: Relief[] = ['reduce_to_misdemeanor', 'reduce_to_infraction'];

describe.each(RELIEFS)('the order for %s', (relief) => {
  let orders: string[];
  let finding: string;
  beforeAll(() => {
    const m = compose('order', { relief });
    orders = ordered(m);
    finding = findings(m).join('\n');
  });

  test('cites the subdivision that gives the relief', () => {
    const want: Record<Relief, RegExp> = {
      dismiss: /11361\.8, subds?\. \((e|f)\)/,
      dismiss_and_seal: /11361\.8, subds?\. \((e|f)\)/,
      reduce_to_misdemeanor: /11361\.8, subds?\. .*\(f\)/,
      reduce_to_infraction: /11361\.8, subds?\. .*\(f\)/,
      recall_sentence: /11361\.8, subds?\. \(b\)/,
    };
    expect(orders[0]).toMatch(want[relief]);
  });

  test('finds the presumption, rebuttable only by clear and convincing evidence', () => {
    expect(finding).toMatch(/presumed to satisfy the criteria/);
    expect(finding).toMatch(/clear and convincing evidence/);
    expect(finding).toMatch(relief === 'recall_sentence' ? /section 11361\.8, subdivision \(a\)/ : /section 11361\.8, subdivision \(e\)/);
  });

  test('"for all purposes" for a redesignation (subdivision (h))', () => {
    if (REDESIGNATIONS.includes(relief)) {
      expect(orders[0]).toMatch(/for all purposes/);
      expect(orders[0]).toMatch(/\(h\)/);
    } else if (relief !== 'recall_sentence') expect(orders[0]).not.toMatch(/for all purposes/);
  });

  test('the public-safety standard and credit for time served only for a recall (subdivisions (b), (c))', () => {
    const all = [finding, ...orders].join('\n');
    if (relief === 'recall_sentence') {
      expect(finding).toMatch(/would not pose an unreasonable risk of danger to public safety/);
      expect(finding).toMatch(/Penal Code section 1170\.18, subdivision \(c\)/);
      expect(orders[0]).toMatch(/credit for any time already served/);
      expect(orders[0]).toMatch(/subds\. \(b\), \(c\)/);
    } else {
      expect(all).not.toMatch(/public safety/);
      expect(all).not.toMatch(/subd\. \(b\)/);
    }
  });

  test('only the listed code sections of the listed cases are affected', () => {
    expect(orders.some((o) => /affects only the convictions, under the code sections listed in Exhibit A/.test(o) && /not affect any other count/.test(o))).toBe(true);
  });

  test('whose records are sealed, only when sealing', () => {
    const seal = orders.filter((o) => /\bseal/i.test(o) && !/^Each conviction/.test(o));
    if (relief === 'dismiss_and_seal') expect(seal).toEqual([expect.stringMatching(/The clerk shall seal the Court's record of each conviction/)]);
    else expect(seal).toEqual([]);
  });

  test('the clerk enters a minute order in each listed case and updates the records', () => {
    expect(orders.some((o) => /minute order/.test(o) && /in each case listed in Exhibit A/.test(o) && /update the Court's records/.test(o))).toBe(true);
  });

  test('the clerk notifies the Department of Justice (section 11361.9)', () => {
    expect(orders.some((o) => /notify the Department of Justice/.test(o) && /section 11361\.9\b/.test(o))).toBe(true);
  });

  test('section 11361.9 is cited without a subdivision letter, and nothing [confirm] is printed by default', () => {
    const text = [blocks(compose('motion', { relief })), blocks(compose('order', { relief }))].flat().join('\n');
    expect(text).not.toMatch(/11361\.9,? subd/);
    expect(text).not.toMatch(/11361\.9\s*\([a-z]\)/);
    expect(text).not.toMatch(/deemed never to have occurred/);
    expect(text).not.toMatch(/Presiding Judge designates/);
    expect(text).not.toMatch(/no hearing is necessary/);
  });
});

test('the memorandum states the scope of 11361.8 correctly', () => {
  const text = blocks(compose('motion')).join('\n');
  // (e) names convictions under 11357-11360; 11362.1-.4 are what relief is given "in accordance with".
  expect(text).toMatch(/completed the sentence for a conviction under section 11357, 11358, 11359 or 11360,/);
  expect(text).toMatch(/in accordance with sections 11357, 11358, 11359, 11360, 11362\.1, 11362\.2, 11362\.3 and 11362\.4/);
  expect(text).not.toMatch(/convicted under[^.]*11362\.1/);
  expect(text).toMatch(/clear and convincing evidence/);
  expect(text).toMatch(/for all purposes/);
});

// ---------------------------------------------------------------------------
// Relief beyond the statute.
// ---------------------------------------------------------------------------

const BASIS = 'The District Attorney asks, in the interest of justice, that every listed felony be dismissed and sealed.';
const withBasis = (c: Config) => {
  da(c).beyond_statute_basis = BASIS;
  return c;
};

test('a beyond-statute order finds on the stated basis, not on 11361.8(e)/(f)', () => {
  const m = compose('order', { filing: { beyondStatute: true }, config: withBasis });
  const finding = findings(m).join('\n');
  const orders = ordered(m);
  expect(finding).toContain(`"${BASIS}"`);
  expect(finding).toMatch(/goes beyond the terms of Health and Safety Code section 11361\.8/);
  expect(finding).toMatch(/makes no finding that section 11361\.8 provides it/);
  expect(finding).not.toMatch(/presumed to satisfy/);
  expect([finding, ...orders].join('\n')).not.toMatch(/subdivision \(e\)|subd\. \(f\)|subds\./);
  expect(orders[0]).toMatch(/On the basis stated in the People's motion/);
  // No statutory words in the operative paragraph either.
  expect(orders[0]).not.toMatch(/legally invalid|for all purposes/);
});

test('a beyond-statute motion asks in a section of its own, quoting the basis and saying it goes beyond the statute', () => {
  const text = blocks(compose('motion', { filing: { beyondStatute: true }, config: withBasis }));
  expect(text).toContain('C. Relief Beyond the Terms of Section 11361.8');
  expect(text.join('\n')).toContain(`"${BASIS}"`);
  expect(text.join('\n')).toMatch(/which goes beyond the terms of Health and Safety Code section 11361\.8\./);
  expect(text.join('\n')).not.toMatch(/The Relief Requested/);
  // The statutory motion has no such section.
  expect(blocks(compose('motion')).join('\n')).not.toMatch(/beyond the terms/);
});

test('a beyond-statute filing without a stated basis is a bug, never a document with an empty basis', () => {
  const noBasis = (c: Config) => ({ ...c, agencies: c.agencies.map(({ beyond_statute_basis: _, ...a }) => a) });
  expect(() => compose('order', { filing: { beyondStatute: true }, config: noBasis })).toThrow(/beyond_statute_basis/);
});

// ---------------------------------------------------------------------------
// Facts from the config, and only from it.
// ---------------------------------------------------------------------------

function facts(model: DocumentModel): string {
  const bs = blocks(model);
  return bs.slice(bs.findIndex((b) => b.includes('STATEMENT OF FACTS')), bs.findIndex((b) => b.includes('ARGUMENT'))).join('\n');
}

test.each([
  [undefined, false, false],
  ['county_records', false, true],
  ['doj_list', true, false],
  ['both', true, true],
] as const)('identified_by %s: the Department of Justice is said to have identified the cases only when the config says so', (by, doj, county) => {
  const m = compose('motion', {
    config: (c) => {
      if (by) da(c).identified_by = by;
      else delete da(c).identified_by;
      // The sample's criteria are the office's own words, and name the DOJ list.
      delete da(c).screening_criteria;
      return c;
    },
  });
  const text = facts(m);
  expect(/Department of Justice/.test(text)).toBe(doj);
  expect(/county records/.test(text)).toBe(county);
  // Cases found only in county records are not said to be the subject of 11361.9's order.
  expect(blocks(m).join('\n').includes('so that the Court may make that order')).toBe(by !== 'county_records');
});

test('the screening criteria and the declaration are printed only when configured', () => {
  const without = blocks(
    compose('motion', {
      config: (c) => {
        delete da(c).screening_criteria;
        delete da(c).declaration;
        return c;
      },
    }),
  ).join('\n');
  expect(without).not.toMatch(/against the following criteria|criteria stated in the motion/);
  expect(without).not.toMatch(/DECLARATION OF|penalty of perjury under the laws of the State of California that the foregoing is true and correct\. Executed on November/);
  const withIt = blocks(compose('motion'));
  const criteria = da(base.config).screening_criteria!;
  expect(withIt.join('\n')).toContain(criteria);
  expect(withIt.join("\n")).toMatch(/against the following criteria: /);
  expect(withIt).toContain('DECLARATION OF CASEY R. SAMPLE');
  expect(withIt.join('\n')).toMatch(/I declare under penalty of perjury under the laws of the State of California/);
});

test('notice: a proof of service when configured, else a statement of notice, else nothing', () => {
  const pos = blocks(compose('motion')).join('\n');
  expect(pos).toMatch(/PROOF OF SERVICE/);
  expect(pos).toMatch(/Los Angeles County Public Defender, 300 Example Street/);
  const statement = blocks(compose('motion', { config: (c) => (delete da(c).notice, c) })).join('\n');
  expect(statement).toMatch(/STATEMENT OF NOTICE/);
  expect(statement).not.toMatch(/PROOF OF SERVICE/);
  const none = blocks(
    compose('motion', {
      config: (c) => {
        delete da(c).notice;
        delete c.notice;
        return c;
      },
    }),
  ).join('\n');
  expect(none).not.toMatch(/STATEMENT OF NOTICE|PROOF OF SERVICE/);
});

// ---------------------------------------------------------------------------
// What the clerk and the judge need.
// ---------------------------------------------------------------------------

const caseNo = (m: DocumentModel) => blocks(m).find((b) => b.includes('Case No.:'))!;

test('the caption never says "Various": a blank line by default, else the configured number, the filing\'s first', () => {
  for (const relief of RELIEFS) {
    for (const kind of ['motion', 'order'] as const) expect(blocks(compose(kind, { relief })).join('\n')).not.toMatch(/Various/i);
  }
  expect(caseNo(compose('order'))).toMatch(/Case No\.: _{10,}/);
  expect(caseNo(compose('order', { config: (c) => ({ ...c, case_number: 'BULK-2027-1' }) }))).toContain('Case No.: BULK-2027-1');
  expect(caseNo(compose('order', { config: (c) => ({ ...c, case_number: 'BULK-2027-1', filings: { 'da-felony-dismiss-and-seal': { case_number: 'BULK-2027-7' } } }) }))).toContain('Case No.: BULK-2027-7');
});

test('the hearing: county, then agency, then filing; courthouse and address in the notice', () => {
  const notice = (m: DocumentModel) => blocks(m).find((b) => b.startsWith('PLEASE TAKE NOTICE'))!;
  const m = compose('motion');
  expect(notice(m)).toMatch(/on February 11, 2027, at 8:30 a\.m\.,.*in Department 100 of the above-entitled Court, Example Criminal Justice Center, 100 Example Street, Los Angeles, CA 90012/);
  const own = compose('motion', { config: (c) => ({ ...c, filings: { 'da-felony-dismiss-and-seal': { hearing: { date: '2027-03-01', department: '7' } } } }) });
  expect(notice(own)).toMatch(/on March 1, 2027, at 8:30 a\.m\.,.*Department 7 of/);
  expect(caseNo(own)).toBeDefined();
});

test('without_hearing asks for a ruling without a hearing under (g), with no date', () => {
  const m = compose('motion', { config: (c) => ({ ...c, hearing: { without_hearing: true } }) });
  const text = blocks(m).join('\n');
  expect(text).toMatch(/The People ask the Court to rule on this motion without a hearing\. Unless the applicant asks for one, no hearing is necessary/);
  expect(text).toMatch(/subd\. \(g\)/);
  expect(text).not.toMatch(/February 11, 2027|Date:/);
});

test('without_hearing with a date in the same block is a config error, located', () => {
  const text = readFileSync(CONFIG, 'utf8').replace('  department: "100"\n', '  department: "100"\n  without_hearing: true\n');
  const r = parseConfig(text, 'c.yaml');
  expect(r.config).toBeUndefined();
  expect(r.diagnostics.map((d) => d.code)).toEqual(['BM602']);
  expect(r.diagnostics[0]!.message).toMatch(/without_hearing/);
  expect(r.diagnostics[0]!.line).toBeGreaterThan(1);
});

test('a hearing before --as-of is warning BM510', async () => {
  const text = readFileSync(CONFIG, 'utf8').replace('date: "2027-02-11"', 'date: "2026-01-05"');
  const r = await laRun(text);
  const w = r.diagnostics.filter((d) => d.code === 'BM510');
  expect(w.length).toBeGreaterThan(0);
  expect(w.every((d) => d.severity === 'warning')).toBe(true);
  // The Los Angeles City Attorney's own hearing (2027-02-18) is not before it.
  expect(w.some((d) => d.column?.startsWith('los-angeles-'))).toBe(false);
  expect(r.fatal).toBe(false);
});

test('the presiding judge designation (i) only when the config asks', () => {
  expect(ordered(compose('order')).join('\n')).not.toMatch(/Presiding Judge/);
  const m = compose('order', { config: (c) => ({ ...c, order: { ...c.order, presiding_judge_designation: true } }) });
  expect(ordered(m).join('\n')).toMatch(/the Presiding Judge designates the judge signing this order to rule\. \(Health & Saf\. Code, § 11361\.8, subd\. \(i\)\.\)/);
});

test('records sealed besides the court\'s, only as the config lists them', () => {
  const m = compose('order', { config: (c) => ({ ...c, order: { ...c.order, seal_also: ['the arrest record of the arresting agency'] } }) });
  expect(ordered(m).join('\n')).toMatch(/also sealed: the arrest record of the arresting agency\./);
});

test('a statement marked confirm is printed once listed in confirmed_law', () => {
  const m = compose('motion', { config: (c) => ({ ...c, confirmed_law: ['motion.deemed_never_occurred'] }) });
  expect(blocks(m).join('\n')).toMatch(/deemed never to have occurred/);
});

test('a late filing argues, as the People, that the court\'s duty under 11361.9 continues', () => {
  expect(blocks(compose('motion')).join('\n')).toMatch(/The People submit that the Court's duty under section 11361\.9 did not end on March 1, 2023/);
  expect(blocks(compose('motion', { asOf: '2023-02-01' })).join('\n')).not.toMatch(/did not end/);
});

test('cases and counts are named as such', () => {
  const text = blocks(compose('motion')).join('\n');
  const { caseCount, rowCount } = base.filing;
  expect(rowCount).toBeGreaterThan(caseCount);
  expect(text).toContain(`This motion concerns ${caseCount} felony cases (${rowCount} counts).`);
  expect(text).not.toMatch(/\d+ (felony )?convictions/);
  const order = blocks(compose('order')).join('\n');
  expect(order).toContain(`the list of ${caseCount} felony cases (${rowCount} counts) attached as Exhibit A;`);
  // The exhibit's cover and the motion's index of exhibits say the same.
  const ex = compose('motion').parts.find((p) => p.kind === 'exhibit')!;
  expect(ex.kind === 'exhibit' && ex.exhibit.description).toBe(`List of ${caseCount} cases (${rowCount} counts)`);
  expect(text).toContain(`Exhibit A: List of ${caseCount} felony cases (${rowCount} counts) for which the People request relief`);
});

test('the exhibit\'s Relief column uses the law table\'s label', () => {
  const m = compose('order', { relief: 'reduce_to_misdemeanor' });
  const ex = m.parts.find((p) => p.kind === 'exhibit')!;
  expect(ex.kind === 'exhibit' && ex.exhibit.reliefLabels?.reduce_to_misdemeanor).toBe('Felony to misd.');
});

// ---------------------------------------------------------------------------
// The law table itself.
// ---------------------------------------------------------------------------

/** A citation: a Health and Safety Code section number, a subdivision, a section sign, the Penal Code cross-reference. */
export const CITATION = /113\d\d|1170\.18|subds?\.|subdivisions? \(|§|Health (and|&) Saf/;

function templateFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? templateFiles(p) : p.endsWith('.hbs') ? [p] : [];
  });
}

test('no template holds a citation: they are all in law.yaml', () => {
  const files = templateFiles(path.join(root, 'templates'));
  expect(files.length).toBeGreaterThan(8);
  const hits = files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .map((line, i) => (CITATION.test(line) ? `${path.relative(root, f)}:${i + 1}: ${line.trim()}` : ''))
      .filter(Boolean),
  );
  expect(hits).toEqual([]);
});

test('the citation pattern catches what the old templates held', () => {
  for (const s of ['under Health and Safety Code sections 11361.8 and 11361.9', 'Section 11361.8, subdivision (e), provides', '(Health & Saf. Code, § 11361.8, subd. (b).)']) expect(s).toMatch(CITATION);
  expect('the People of the State of California').not.toMatch(CITATION);
});

function userFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bm-law-'));
  mkdirSync(path.join(dir, 'partials'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const defaultLaw = readFileSync(path.join(root, 'templates', 'law.yaml'), 'utf8');

test('a user folder\'s law.yaml replaces the default: counsel corrects a citation in one place', async () => {
  const dir = userFolder({ 'law.yaml': defaultLaw.replace('order_authority: (Health & Saf. Code, § 11361.8, subds. (f), (h).)', 'order_authority: (Health & Saf. Code, § 11361.8, subds. (f), (h), as counsel corrected.)') });
  const t = await loadTemplates(path.join(dir, 'config.yaml'), '.');
  expect(t.set!.law.origin).toBe(path.join(dir, 'law.yaml'));
  const m = compose('order', { relief: 'reduce_to_misdemeanor', set: t.set! });
  expect(ordered(m)[0]).toMatch(/as counsel corrected\.\)$/);
});

test.each([
  ['a missing key', defaultLaw.replace(/^ {4}exhibit_label: Felony to misd\.\n/m, ''), 'reliefs.reduce_to_misdemeanor.exhibit_label', /required|expected string/],
  ['an unknown key', defaultLaw.replace('  heading_bulk:', '  heading_bulkk: x\n  heading_bulk:'), 'motion', /heading_bulkk/],
  ['a label too long for the column', defaultLaw.replace('exhibit_label: Dismiss & seal', 'exhibit_label: Dismiss and seal as legally invalid'), 'reliefs.dismiss_and_seal.exhibit_label', /16 characters/],
])('%s in law.yaml is BM706, located', async (_what, text, column, message) => {
  const dir = userFolder({ 'law.yaml': text });
  const t = await loadTemplates(path.join(dir, 'config.yaml'), '.');
  const { compiled, diagnostics } = compileSet(t.set!);
  expect(compiled).toBeUndefined();
  expect(diagnostics).toHaveLength(1);
  const d = diagnostics[0]!;
  expect(d.code).toBe('BM706');
  expect(d.file).toBe(path.join(dir, 'law.yaml'));
  expect(d.column).toBe(column);
  expect(d.message).toMatch(message);
  expect(d.line).toBeGreaterThan(1);
});

test('a missing field in a law.yaml value is BM702 at its key and line', async () => {
  const text = defaultLaw.replace('from county\n    records.\n', 'from county\n    records of {{agency.county}}.\n');
  expect(text).not.toBe(defaultLaw);
  const dir = userFolder({ 'law.yaml': text });
  const t = await loadTemplates(path.join(dir, 'config.yaml'), '.');
  const { compiled } = compileSet(t.set!);
  const filing = base.filing;
  const out = composeDocument('motion', filing, base.config, AS_OF, { compiled: compiled!, set: t.set! });
  expect(out.model).toBeUndefined();
  expect(out.diagnostics.map((d) => [d.code, d.column, d.file])).toEqual([['BM702', 'identified_by.county_records', path.join(dir, 'law.yaml')]]);
  expect(out.diagnostics[0]!.line).toBe(text.split('\n').findIndex((l) => l.startsWith('  county_records:')) + 1);
});
