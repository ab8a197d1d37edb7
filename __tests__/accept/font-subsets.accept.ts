/**
 * `npm run accept`: rewrite src/render/pdf/base-subsets.json, the bundled
 * fonts' base subsets made ahead of time (base-subsets.ts), from the fonts
 * and the code as they are now. __tests__/base-subsets.test.ts checks the
 * file against a fresh build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { refuseInCi } from '../helpers/golden';
import { loadFonts } from '../../src/io/fonts';
import { freshBaseFile } from '../helpers/base-subsets';

refuseInCi('rewrite the ready-made font subsets');

test('accept src/render/pdf/base-subsets.json', () => {
  const file = path.join(__dirname, '..', '..', 'src', 'render', 'pdf', 'base-subsets.json');
  const text = freshBaseFile(loadFonts().bytes);
  const before = readFileSync(file, 'utf8');
  if (before !== text) writeFileSync(file, text);
  process.stdout.write(before === text ? '\nbase-subsets.json already matched.\n' : '\nRewritten: src/render/pdf/base-subsets.json (review with git diff --stat)\n');
});
