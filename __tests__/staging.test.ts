/** The switch of a staged run into the output folder, when the file system refuses half-way. */
import { promises as fs, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Staging } from '../src/io/staging';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'bm-stage-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(tmp, { recursive: true, force: true });
});

test('a refused switch (the folder held open) puts the previous run back at once, and leaves nothing beside it', async () => {
  const out = path.join(tmp, 'out');
  mkdirSync(out);
  writeFileSync(path.join(out, 'manifest.json'), 'previous');
  const stage = await Staging.open(out, 'run1', () => undefined);
  const rename = fs.rename.bind(fs);
  let calls = 0;
  jest.spyOn(fs, 'rename').mockImplementation(async (from, to) => {
    // The old folder moves aside; moving the new one in is refused.
    if (++calls === 2) throw Object.assign(new Error('EBUSY: resource busy or locked, rename'), { code: 'EBUSY', syscall: 'rename' });
    return rename(from, to);
  });
  await expect(stage.commit([{ path: 'manifest.json', kind: 'manifest', format: 'json', content: Buffer.from('new') }], ['manifest.json'])).rejects.toThrow('EBUSY');
  expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe('previous');
  expect(readdirSync(tmp)).toEqual(['out']);
});
