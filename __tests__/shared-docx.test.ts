/**
 * Word files shared between the second thread and this one
 * (src/render/shared-docx.ts): the thread is given at most two at a time, this
 * thread takes the waiting ones in order when it would only wait, every file
 * is rendered once and answered to whoever asked for it, and the thread hears
 * of each release after the files asked for before it.
 */
import type { DocumentModel } from '../src/model/types';
import type { DocxRenderer } from '../src/render/docx/renderer';
import { SharedDocx } from '../src/render/shared-docx';

const model = (title: string) => ({ title }) as unknown as DocumentModel;

/** A renderer that answers "<who>:<title>" when told to, and logs what it was asked. */
function fake(who: string, log: string[]) {
  const pending: Array<() => void> = [];
  const r: DocxRenderer & { finish(): void; pending: number } = {
    render(m) {
      log.push(`${who} ${(m as unknown as { title: string }).title}`);
      return new Promise<Buffer>((resolve) => pending.push(() => resolve(Buffer.from(`${who}:${(m as unknown as { title: string }).title}`))));
    },
    release: () => log.push(`${who} release`),
    finish: () => pending.shift()?.(),
    get pending() {
      return pending.length;
    },
  };
  return r;
}

test('the thread gets two at a time; here takes the next waiting, in order; releases follow their files', async () => {
  const log: string[] = [];
  const thread = fake('thread', log);
  const here: DocxRenderer = { render: async (m) => (log.push(`here ${(m as unknown as { title: string }).title}`), Buffer.from(`here:${(m as unknown as { title: string }).title}`)) };
  const shared = new SharedDocx(thread, here);
  const answers = ['a', 'b', 'c'].map((t) => shared.render(model(t), '2026-11-26'));
  shared.release();
  const d = shared.render(model('d'), '2026-11-26');
  expect(log).toEqual(['thread a', 'thread b']);
  // This thread would wait: it renders c itself.
  expect(await shared.helpOne()).toBe(true);
  expect(log).toEqual(['thread a', 'thread b', 'here c']);
  thread.finish();
  await new Promise((r) => setImmediate(r));
  // a done: the release (after c) reaches the thread, then d.
  expect(log.slice(3)).toEqual(['thread release', 'thread d']);
  expect(await shared.helpOne()).toBe(false);
  thread.finish();
  thread.finish();
  expect((await Promise.all([...answers, d])).map(String)).toEqual(['thread:a', 'thread:b', 'here:c', 'thread:d']);
});

test('a failure reaches only the file that failed', async () => {
  const thread: DocxRenderer = { render: async (m) => ((m as unknown as { title: string }).title === 'bad' ? Promise.reject(new Error('worker')) : Buffer.from('ok')) };
  const shared = new SharedDocx(thread, thread);
  const [bad, good] = [shared.render(model('bad'), 'x'), shared.render(model('good'), 'x')];
  await expect(bad).rejects.toThrow('worker');
  expect(String(await good)).toBe('ok');
});
