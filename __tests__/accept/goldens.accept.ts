/**
 * `npm run accept`: rewrite every golden file from the code as it is now, with
 * the same functions the tests compare with. Review the diff (git diff
 * __tests__/golden) before committing. Refuses to run with CI set. Run only by
 * jest.accept.config.js; the normal test run never writes a golden.
 */
import { GOLDENS, refuseInCi, writeGolden } from '../helpers/golden';

refuseInCi('accept golden files');

const changed: string[] = [];
afterAll(() => {
  process.stdout.write(changed.length ? `\nRewritten (review with git diff __tests__/golden): ${changed.join(', ')}\n` : '\nEvery golden file already matched.\n');
});

test.each(Object.keys(GOLDENS))('accept %s', async (file) => {
  if (writeGolden(file, await GOLDENS[file]!())) changed.push(file);
});
