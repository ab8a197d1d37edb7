/** Step 1: the config and the case lists, by file picker or dropped on the page, each with its progress. */
import { api, upload, ApiError, type Progress, type State } from './api';
import { $, announce, fill, h, num, plural, size } from './dom';
import { app, go, refresh } from './main';

/** Files on their way up: name -> bytes sent and total. */
const sending = new Map<string, { role: 'config' | 'cases'; sent: number; total: number; error?: string }>();
let reading: { done: number; total: number } | undefined;
let wired = false;

const isConfig = (f: File) => /\.(ya?ml)$/i.test(f.name);

async function send(files: File[]): Promise<void> {
  const jobs = files.map((f) => {
    const role = isConfig(f) ? 'config' : 'cases';
    sending.set(f.name, { role, sent: 0, total: f.size });
    return upload(role, f, (sent, total) => {
      sending.set(f.name, { role, sent, total });
      const bar = document.getElementById(`up-${f.name}`) as HTMLProgressElement | null;
      if (bar) bar.value = total ? sent / total : 0;
    }).then(
      () => sending.delete(f.name),
      (e: unknown) => sending.set(f.name, { role, sent: 0, total: f.size, error: e instanceof ApiError ? e.message : String(e) }),
    );
  });
  if (app.state) renderLoad(app.state);
  await Promise.all(jobs);
  await refresh();
  const s = app.state;
  if (s?.config && s.cases.length && ![...sending.values()].some((x) => !x.error)) {
    reading = { done: 0, total: s.cases.reduce((n, c) => n + c.bytes, 0) };
    announce('Files loaded. Reading them and planning the filings.');
    await api.plan();
  }
}

function wire(): void {
  if (wired) return;
  wired = true;
  const section = $('step-load');
  section.addEventListener('dragover', (e) => {
    e.preventDefault();
    document.getElementById('drop')?.classList.add('over');
  });
  section.addEventListener('dragleave', () => document.getElementById('drop')?.classList.remove('over'));
  section.addEventListener('drop', (e) => {
    e.preventDefault();
    document.getElementById('drop')?.classList.remove('over');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) void send(files);
  });
}

/** Reading progress from the engine: bytes across the case lists, in the order they are read. */
export function loadProgress(e: Progress): void {
  const status = document.getElementById('plan-progress');
  if (status) {
    if (e.stage === 'reading') status.textContent = `Reading: ${num(e.rows ?? 0)} rows so far (${Math.floor((100 * e.done) / Math.max(1, e.total))} %).`;
    else if (e.stage === 'planning') status.textContent = `Planning: ${e.step ?? ''} (step ${Math.min(e.done + 1, e.total)} of ${e.total}).`;
    else if (e.stage === 'previous') status.textContent = 'Reading the previous run…';
  }
  if (e.stage !== 'reading') return;
  const { done } = e;
  reading = { done, total: e.total };
  const s = app.state;
  if (!s) return;
  let before = 0;
  for (const c of s.cases) {
    const bar = document.getElementById(`read-${c.id}`) as HTMLProgressElement | null;
    if (bar) bar.value = c.bytes ? Math.min(1, Math.max(0, (done - before) / c.bytes)) : 1;
    before += c.bytes;
  }
}

function fileRow(s: State, role: string, f: { id: string; name: string; bytes: number; format: string }, rows: number | undefined, removable: boolean) {
  const planning = s.job?.kind === 'plan';
  const status =
    rows !== undefined
      ? h('span', { class: 'ok' }, `Read: ${plural(rows, 'row')}`)
      : planning || (reading && s.plan === null && role === 'Case list')
        ? h('span', {}, h('label', { for: `read-${f.id}`, class: 'visually-hidden' }, `Reading ${f.name}`), h('progress', { id: `read-${f.id}`, max: 1, value: 0 }), ' reading')
        : role === 'Config'
          ? s.plan?.ok || s.good ? h('span', { class: 'ok' }, 'Read') : h('span', {}, 'Loaded')
          : h('span', {}, 'Loaded');
  return h(
    'tr',
    {},
    h('td', {}, role),
    h('th', { scope: 'row' }, f.name),
    h('td', {}, f.format),
    h('td', { class: 'n' }, size(f.bytes)),
    h('td', {}, status),
    h('td', {}, removable ? h('button', { type: 'button', class: 'link', onclick: () => void api.removeCases(f.id).then(refresh), 'aria-label': `Remove ${f.name}` }, 'Remove') : null),
  );
}

export function renderLoad(s: State): void {
  wire();
  const rowsOf = new Map((s.plan?.files ?? []).map((f) => [f.file, f.rows]));
  const planned = s.plan && s.plan.ok;
  const pending = [...sending].map(([name, x]) =>
    h(
      'tr',
      {},
      h('td', {}, x.role === 'config' ? 'Config' : 'Case list'),
      h('th', { scope: 'row' }, name),
      h('td', {}, '–'),
      h('td', { class: 'n' }, size(x.total)),
      h('td', {}, x.error ? h('span', { class: 'error' }, `Not loaded: ${x.error}`) : h('span', {}, h('label', { for: `up-${name}`, class: 'visually-hidden' }, `Sending ${name}`), h('progress', { id: `up-${name}`, max: 1, value: x.total ? x.sent / x.total : 0 }), ' sending')),
      h('td', {}),
    ),
  );
  const fatal = s.plan && !s.plan.ok && s.plan.fatal.length && !s.answerProblems.length ? s.plan.fatal : [];
  fill(
    $('step-load'),
    h('h2', { id: 'h-load', tabindex: -1 }, '1. Load the config and the case lists'),
    h('p', {}, "Choose your county's config file (YAML) and one or more screened case lists (CSV), or drop them on the box below. Each file is copied into the working folder; your originals are never changed."),
    h(
      'div',
      { id: 'drop', class: 'drop' },
      h('div', { class: 'pick' }, h('label', { for: 'pick-config' }, 'Config file (.yaml)'), h('input', { type: 'file', id: 'pick-config', accept: '.yaml,.yml', onchange: (e: Event) => void send([...((e.target as HTMLInputElement).files ?? [])]) })),
      h('div', { class: 'pick' }, h('label', { for: 'pick-cases' }, 'Case lists (.csv), one or more'), h('input', { type: 'file', id: 'pick-cases', multiple: true, accept: '.csv,.xlsx,.txt', onchange: (e: Event) => void send([...((e.target as HTMLInputElement).files ?? [])]) })),
      h('p', { class: 'hint' }, 'Or drop the files here: a .yaml file is taken as the config, anything else as a case list.'),
    ),
    !s.config && !s.cases.length
      ? h('p', {}, 'New to bulk-motions? ', h('button', { type: 'button', onclick: () => void loadSample() }, 'Load the Los Angeles sample'), ' (a config and a list of 417 invented rows that come with the tool).')
      : null,
    s.config || s.cases.length || sending.size
      ? h(
          'table',
          { class: 'grid' },
          h('caption', {}, 'Loaded files'),
          h('thead', {}, h('tr', {}, ...['Role', 'File', 'Detected format', 'Size', 'Status', h('span', { class: 'visually-hidden' }, 'Actions')].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, s.config ? fileRow(s, 'Config', s.config, undefined, false) : null, ...s.cases.map((c) => fileRow(s, 'Case list', c, rowsOf.get(c.name), true)), ...pending),
        )
      : null,
    h(
      'div',
      { id: 'load-status', role: 'status' },
      s.job?.kind === 'plan' ? h('p', {}, 'Reading the lists and planning the filings… ', h('span', { id: 'plan-progress' })) : null,
      fatal.length ? h('div', { class: 'problems' }, h('p', { class: 'error' }, 'The files could not be planned. Fix this and load the file again:'), h('ul', {}, ...fatal.map((d) => h('li', {}, h('strong', {}, d.code), ` ${d.file ?? ''}${d.line ? ` line ${d.line}` : ''}: ${d.message}`, d.hint ? h('br') : null, d.hint ? `Fix: ${d.hint}` : null)))) : null,
      !s.config && s.cases.length ? h('p', {}, 'Now choose the config file.') : null,
      s.config && !s.cases.length ? h('p', {}, 'Now choose one or more case lists.') : null,
      planned && s.plan?.counts
        ? h('p', { class: 'ok' }, `Planned: ${plural(s.plan.counts.inputRows!, 'row')} read, ${plural(s.plan.counts.filedCases!, 'case')} to file in ${plural(s.plan.filings.filter((f) => !f.challenge).length, 'filing')}, ${plural(s.plan.counts.reviewRows!, 'row')} to review.`)
        : null,
    ),
    planned ? h('p', {}, h('button', { type: 'button', class: 'primary', onclick: () => go('check') }, 'Next: check the plan')) : null,
  );
}

async function loadSample(): Promise<void> {
  announce('Loading the Los Angeles sample.');
  await api.sample('los-angeles');
  await refresh();
  const s = app.state;
  reading = { done: 0, total: s?.cases.reduce((n, c) => n + c.bytes, 0) ?? 0 };
  await api.plan();
}

