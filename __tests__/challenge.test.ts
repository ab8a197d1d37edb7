/**
 * The notice of challenge (HS 11361.9; docs/challenges.md), composed: captioned
 * like a motion, addressed to the court and the public defender, its exhibit
 * the challenged cases with their grounds; a hearing block only when the office
 * asks for one; a proof of service whose server and date stay blank when the
 * config leaves them (--as-of never fills them).
 */
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { composeDocument, documentKinds } from '../src/compose';
import { compileSet } from '../src/compose/handlebars';
import { loadTemplates } from '../src/io/templates';
import type { Config } from '../src/config/schema';
import type { Filing } from '../src/plan';
import { exhibitCells } from '../src/model/exhibit';
import { laRun, root } from './helpers/documents';

const CONFIG = path.join(root, 'samples', 'los-angeles', 'config.yaml');
const CONFIG_TEXT = readFileSync(CONFIG, 'utf8');

async function compose(config: Config, filing: Filing, kind: 'notice' | 'motion' = 'notice') {
  const t = await loadTemplates(CONFIG, undefined);
  const { compiled } = compileSet(t.set!);
  const out = composeDocument(kind, filing, config, '2026-11-26', { compiled: compiled!, set: t.set! });
  expect(out.diagnostics).toEqual([]);
  return { model: out.model!, text: JSON.stringify(out.model!.parts) };
}

test('a notice of challenge is one document, the notice, addressed to the court and the public defender, with every case and its ground', async () => {
  const r = await laRun();
  const notice = r.plan!.filings.find((f) => f.challenge)!;
  expect(documentKinds(notice)).toEqual(['notice']);
  expect(documentKinds(r.plan!.filings[0]!)).toEqual(['motion', 'order']);
  // Ingest's note that Not eligible rows are "listed in excluded.csv" is gone: they are challenged.
  expect(r.diagnostics.filter((d) => d.code === 'BM401').map((d) => d.message).join('\n')).not.toContain('"Not eligible"');
  const { model, text } = await compose(r.config!, notice);
  expect(model.title).toBe('NOTICE OF CHALLENGE TO RELIEF UNDER HEALTH AND SAFETY CODE SECTION 11361.8');
  expect(text).toContain('TO THE HONORABLE COURT AND TO THE PUBLIC DEFENDER, Los Angeles County Public Defender');
  // The config asks no hearing on the challenges: the county's hearing is not printed.
  expect(text).not.toContain('February 11, 2027');
  // The public defender's duty to notify rests on secondary sources: left out until counsel confirms it.
  expect(text).not.toContain('reasonable effort to notify');
  const part = model.parts.find((p) => p.kind === 'exhibit')!;
  if (part.kind !== 'exhibit') throw new Error('no exhibit');
  expect(part.exhibit.columns.map((c) => c.key)).toEqual(['row', 'case_number', 'court', 'code_sections', 'conviction_date', 'ground']);
  expect(part.exhibit.cases.map((c) => c.caseNumber)).toEqual(notice.cases.map((c) => c.caseNumber));
  for (const [i, c] of part.exhibit.cases.entries()) expect(exhibitCells(part.exhibit, c, i).at(-1)).toMatch(/^Criteria: PC (290|667)/);
});

test('with challenges.hearing the notice carries the hearing block; confirmed law adds the public defender duty', async () => {
  const r = await laRun();
  const notice = r.plan!.filings.find((f) => f.challenge)!;
  const config = { ...r.config!, challenges: { ...r.config!.challenges, hearing: true }, confirmed_law: ['challenge.public_defender'] };
  const { text } = await compose(config, notice);
  expect(text).toContain('February 11, 2027');
  expect(text).toContain('The People ask the Court to set these challenges for hearing');
  expect(text).toContain('reasonable effort to notify each person whose relief is challenged');
});

test('a proof of service without server or date leaves blanks, whatever the as-of date; a city defender is addressed too', async () => {
  const text = CONFIG_TEXT.replace(
    /notice:\n  parties:\n    - name: Los Angeles County Public Defender\n      address: \[300 Example Street, Los Angeles, CA 90012\]\n      role: public_defender\n/,
    'notice:\n  parties:\n    - name: Los Angeles County Public Defender\n      address: [300 Example Street, Los Angeles, CA 90012]\n      role: public_defender\n    - name: Example City Public Defender\n      address: [1 City Hall]\n      role: city_defender\n  proof_of_service:\n    method: electronic service\n',
  );
  expect(text).not.toBe(CONFIG_TEXT);
  const r = await laRun(text);
  expect(r.fatal).toBe(false);
  // The city filings use the county's notice: their motions carry the blank proof.
  const city = r.plan!.filings.find((f) => f.agency === 'los-angeles')!;
  const motion = await compose(r.config!, city, 'motion');
  expect(motion.text).toContain('PROOF OF SERVICE');
  expect(motion.text).toContain('I, ______________________________, declare');
  expect(motion.text).toContain('On ____________________, I served');
  expect(motion.text).not.toContain('November 26, 2026, I served');
  expect(motion.text).toContain('Example City Public Defender');
});

test('a notice of challenge with no public defender among the parties is BM512', async () => {
  const text = CONFIG_TEXT.replace(/ *role: public_defender\n/g, '');
  const r = await laRun(text);
  expect(r.fatal).toBe(false);
  expect(r.diagnostics.filter((d) => d.code === 'BM512').map((d) => d.message)).toEqual([expect.stringContaining('"da-felony-challenge"')]);
});

test('challenges: only "Not eligible" can be challenged; [] challenges nothing', async () => {
  const bad = await laRun(`${CONFIG_TEXT.replace(/challenges:\n  determinations: \["Not eligible"\]/, 'challenges:\n  determinations: ["Hand Review"]')}`);
  expect(bad.fatal).toBe(true);
  expect(bad.diagnostics.map((d) => d.message).join('\n')).toContain('only "Not eligible" can be challenged');
  const none = await laRun(CONFIG_TEXT.replace(/challenges:\n  determinations: \["Not eligible"\]/, 'challenges:\n  determinations: []'));
  expect(none.plan!.filings.some((f) => f.challenge)).toBe(false);
  expect(none.reconciliation!.counts).toMatchObject({ challengedRows: 0, challengedCases: 0 });
  expect(none.ingest!.excluded.filter((x) => x.determination === 'Not eligible')).toHaveLength(12);
});
