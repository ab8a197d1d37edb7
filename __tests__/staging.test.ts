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

test("a filing the new run no longer has leaves no folder: its documents go, and so does the litter of opening them, but a user's own file stays", async () => {
  const out = path.join(tmp, 'out');
  const old = (rel: string, text = 'previous') => {
    mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
    writeFileSync(path.join(out, rel), text);
  };
  for (const rel of ['manifest.json', 'gone/motion.docx', 'gone/motion.pdf', 'kept/motion.pdf']) old(rel);
  // What Finder, Explorer, Word and LibreOffice leave in a folder whose documents were opened.
  for (const rel of ['gone/.DS_Store', 'gone/._motion.pdf', 'gone/Thumbs.db', 'gone/desktop.ini', 'gone/~$motion.docx', 'gone/.~lock.motion.docx#', 'gone/sub/.DS_Store', '.DS_Store']) old(rel);
  old('notes.txt', 'mine');
  old('kept/my-notes.txt', 'mine too');
  const stage = await Staging.open(out, 'run2', () => undefined);
  await stage.put({ path: 'kept/motion.pdf', kind: 'motion', format: 'pdf', content: Buffer.from('new') });
  // A document put and taken back (a filing rendered again in smaller volumes) leaves its folder empty.
  await stage.put({ path: 'retried/motion.pdf', kind: 'motion', format: 'pdf', content: Buffer.from('first try') });
  await stage.discard(['retried/motion.pdf']);
  await stage.commit([{ path: 'manifest.json', kind: 'manifest', format: 'json', content: Buffer.from('new') }], ['manifest.json', 'gone/motion.docx', 'gone/motion.pdf', 'kept/motion.pdf']);
  expect(readdirSync(out, { recursive: true }).map(String).sort()).toEqual(['kept', path.join('kept', 'motion.pdf'), path.join('kept', 'my-notes.txt'), 'manifest.json', 'notes.txt']);
  expect(readFileSync(path.join(out, 'kept', 'my-notes.txt'), 'utf8')).toBe('mine too');
});
