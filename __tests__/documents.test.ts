/**
 * renderDocuments when something fails part-way: it must not return (or
 * throw) while documents are still being written, or the caller's clean-up
 * of the stage would race the writes and leave a half-written folder.
 */
import * as path from 'node:path';
import { renderDocuments, type DocxRenderer } from '../src/documents';
import { loadFonts } from '../src/io/fonts';
import { loadTemplates } from '../src/io/templates';
import { describe } from '../src/output/manifest';
import { renderDocx } from '../src/render/docx';
import { laRun, root } from './helpers/documents';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a failure in a later filing waits for the earlier filing\'s Word files and writes before it throws', async () => {
  const r = await laRun();
  const t = await loadTemplates(path.join(root, 'samples', 'los-angeles', 'config.yaml'), undefined);
  let writing = 0;
  let written = 0;
  // Slow Word files and slow writes: the first filing is still in flight when the second one fails.
  const slowDocx: DocxRenderer = { render: async (model, asOf) => (await delay(200), renderDocx(model, { asOf, metrics: loadFonts().metrics })) };
  let filings = 0;
  const run = renderDocuments({
    plan: r.plan!,
    config: r.config!,
    templates: t.set!,
    asOf: '2026-11-26',
    formats: ['docx', 'pdf'],
    fonts: loadFonts(),
    docx: slowDocx,
    emit: async (f) => {
      writing++;
      await delay(50);
      writing--;
      written++;
      return describe(f);
    },
    reuse: () => {
      if (++filings === 2) throw new Error('the second filing fails');
      return undefined;
    },
  });
  await expect(run).rejects.toThrow('the second filing fails');
  expect(writing).toBe(0);
  // The first filing's documents (motion and order, DOCX and PDF) were all written before the throw.
  expect(written).toBe(4);
}, 60_000);
