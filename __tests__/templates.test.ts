/**
 * Templates: helpers, every relief renders, the user's folder overrides file
 * by file, and every template error is a located diagnostic.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { composeDocument, DOCUMENT_KINDS } from '../src/compose';
import { compileSet, HELPERS } from '../src/compose/handlebars';
import { composeAll } from '../src/documents';
import { RELIEFS } from '../src/domain';
import { loadTemplates } from '../src/io/templates';
import { loadFonts } from '../src/io/fonts';
import type { Block } from '../src/model/types';
import { laRun, root } from './helpers/documents';

const CONFIG = path.join(root, 'samples', 'los-angeles', 'config.yaml');

test.each([
  [HELPERS.date('2027-02-11'), 'February 11, 2027'],
  [HELPERS.date(''), ''],
  [HELPERS.count(62014), '62,014'],
  [HELPERS.plural(1, 'conviction', 'convictions'), 'conviction'],
  [HELPERS.plural(2, 'conviction', 'convictions'), 'convictions'],
  [HELPERS.list(['HS 11357', 'HS 11359', 'HS 11360']), 'HS 11357, HS 11359 and HS 11360'],
  [HELPERS.list(['HS 11357', 'HS 11359']), 'HS 11357 and HS 11359'],
  [HELPERS.pageref('A'), '[[page:A]]'],
])('helper output %#', (got, want) => expect(got).toBe(want));

test('date refuses a date that is not YYYY-MM-DD', () => {
  expect(() => HELPERS.date('02/11/2027')).toThrow(/YYYY-MM-DD/);
});

test('every relief, with and without a hearing, composes both documents with its own wording', async () => {
  const r = await laRun();
  const t = await loadTemplates(CONFIG, undefined);
  const { compiled } = compileSet(t.set!);
  const base = r.plan!.filings[0]!;
  const titles = new Set<string>();
  for (const relief of RELIEFS) {
    for (const hearing of [true, false]) {
      const config = hearing ? r.config! : { ...r.config!, hearing: undefined };
      for (const kind of DOCUMENT_KINDS) {
        const out = composeDocument(kind, { ...base, relief }, config, '2026-11-26', { compiled: compiled!, set: t.set! });
        expect(out.diagnostics).toEqual([]);
        titles.add(out.model!.title);
        const text = JSON.stringify(out.model!.parts);
        expect(text.includes('February 11, 2027')).toBe(hearing);
        expect(out.model!.parts.some((p) => p.kind === 'exhibit')).toBe(true);
        const blocks = out.model!.parts.flatMap((p) => (p.kind === 'pleading' ? p.blocks : []));
        for (const k of ['attorney', 'court', 'caption', 'signature'] as Block['kind'][]) expect(blocks.some((b) => b.kind === k)).toBe(true);
      }
    }
  }
  // Ten different titles: five reliefs, two documents.
  expect(titles.size).toBe(10);
});

function userFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bm-tpl-'));
  mkdirSync(path.join(dir, 'partials'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function composeWith(files: Record<string, string>) {
  const dir = userFolder(files);
  const r = await laRun();
  const t = await loadTemplates(path.join(dir, 'config.yaml'), '.');
  return { ...composeAll({ plan: r.plan!, config: r.config!, templates: t.set!, asOf: '2026-11-26', formats: ['docx'], fonts: loadFonts() }), dir };
}

const defaultOrder = readFileSync(path.join(root, 'templates', 'order.hbs'), 'utf8');

test('a user folder overrides only the files it has', async () => {
  const { models, diagnostics } = await composeWith({ 'order.hbs': defaultOrder.replace('IT IS SO ORDERED.', 'IT IS SO ORDERED BY THIS COURT.') });
  expect(diagnostics).toEqual([]);
  const order = JSON.stringify(models!.find((m) => m.model.kind === 'order')!.model.parts);
  const motion = JSON.stringify(models!.find((m) => m.model.kind === 'motion')!.model.parts);
  expect(order).toContain('IT IS SO ORDERED BY THIS COURT.');
  expect(motion).toContain('MEMORANDUM OF POINTS AND AUTHORITIES');
});

test.each([
  ['a missing field', defaultOrder.replace('IT IS SO ORDERED.', '{{hearing.room}}'), 'BM702', 'room'],
  ['an unknown helper', defaultOrder.replace('IT IS SO ORDERED.', '{{shout "x"}}'), 'BM703', 'shout'],
  ['a syntax error', defaultOrder.replace('IT IS SO ORDERED.', '{{#if hearing.date}}unclosed'), 'BM701', undefined],
  ['an unknown block', defaultOrder.replace('IT IS SO ORDERED.', '```chart\nx\n```'), 'BM704', undefined],
])('%s is a located diagnostic and nothing is composed', async (_what, text, code, column) => {
  const { models, diagnostics, dir } = await composeWith({ 'order.hbs': text });
  expect(models).toBeUndefined();
  expect(diagnostics).toHaveLength(1);
  const d = diagnostics[0]!;
  expect(d.code).toBe(code);
  expect(d.file).toBe(path.join(dir, 'order.hbs'));
  if (code !== 'BM704' && code !== 'BM701') {
    const expectedLine = text.split('\n').findIndex((l) => l.includes(column!)) + 1;
    expect(d.line).toBe(expectedLine);
    expect(d.column).toBe(column);
  }
  if (code === 'BM701') expect(d.line).toBeGreaterThan(1);
});

test('a missing templates folder is BM705', async () => {
  const t = await loadTemplates(CONFIG, 'no-such-folder');
  expect(t.set).toBeUndefined();
  expect(t.diagnostics.map((d) => d.code)).toEqual(['BM705']);
});

test('templates cannot reach the prototype', async () => {
  const { models, diagnostics } = await composeWith({ 'order.hbs': defaultOrder.replace('IT IS SO ORDERED.', '{{agency.constructor.name}}') });
  expect(models).toBeUndefined();
  expect(diagnostics[0]!.code).toBe('BM702');
});

test('every default footer title fits on one line of 10-point type (at most 60 characters)', async () => {
  const r = await laRun();
  const t = await loadTemplates(CONFIG, undefined);
  const { compiled } = compileSet(t.set!);
  for (const relief of RELIEFS) {
    for (const kind of DOCUMENT_KINDS) {
      const out = composeDocument(kind, { ...r.plan!.filings[0]!, relief }, r.config!, '2026-11-26', { compiled: compiled!, set: t.set! });
      expect(out.model!.footer.length).toBeLessThanOrEqual(60);
      expect(out.model!.footer).toMatch(/^(MOTION TO|\[PROPOSED\] ORDER) /);
    }
  }
});
