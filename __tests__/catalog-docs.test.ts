/** docs/diagnostics.md documents every code of the catalogue, with its name. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CATALOG } from '../src/diagnostics/catalog';

test('every code has its row in docs/diagnostics.md', () => {
  const doc = readFileSync(path.join(__dirname, '..', 'docs', 'diagnostics.md'), 'utf8');
  const missing = Object.entries(CATALOG).filter(([code, e]) => !doc.includes(`| ${code} | ${e.name} |`)).map(([code]) => code);
  expect(missing).toEqual([]);
});
