/** Step 4: generate with progress streamed from the engine, then every document with its size and a link, one zip of everything, and the office packets. */
import { api, ApiError, type Progress, type State } from './api';
import { $, announce, fill, h, num, plural, size } from './dom';
import { app, go } from './main';

const LABEL: Record<string, string> = { composing: 'Composing', rendering: 'Rendering', filings: 'Filings', cases: 'Cases', documents: 'Documents', writing: 'Writing' };
const progress = new Map<string, Progress>();
/** The order the bars are shown in. */
const ORDER = ['composing', 'rendering', 'filings', 'cases', 'documents', 'writing'];
/** The options as the user left them (the step is drawn again as the state changes). */
const chosen = { formats: new Set<string>(['docx', 'pdf']), packets: false, draft: true };
let error: string | undefined;

/** One progress event from the engine (or 'start', which clears the bars). */
export function generateProgress(e: Progress): void {
  if (e.stage === 'start') progress.clear();
  else if (e.stage !== 'reading' && e.stage !== 'planning' && e.stage !== 'previous') progress.set(e.stage, e);
  drawProgress();
}

/** What a stage says beside its bar. */
function said(p: Progress): string {
  const label = LABEL[p.stage] ?? p.stage;
  if (p.stage === 'rendering') return `${label}: ${Math.floor((100 * p.done) / Math.max(1, p.total))} % (${plural(p.documents ?? 0, 'document')}, ${plural(p.pages ?? 0, 'PDF page')})`;
  if (p.stage === 'writing') return `${label}: ${p.step || (p.done >= p.total ? 'done' : '')} (${num(p.done)} of ${num(p.total)})`;
  return `${label}: ${num(p.done)} of ${num(p.total)}`;
}

function drawProgress(): void {
  const box = document.getElementById('gen-progress');
  if (!box) return;
  const running = app.state?.job?.kind === 'generate';
  if (!running && !progress.size) return fill(box);
  fill(
    box,
    running ? h('p', {}, 'Generating… the page updates as the documents are made.') : null,
    ...[...progress.values()]
      .sort((a, b) => (ORDER.indexOf(a.stage) + 1 || 99) - (ORDER.indexOf(b.stage) + 1 || 99))
      .map((p) => h('div', { class: 'bar' }, h('label', { for: `gp-${p.stage}` }, said(p)), h('progress', { id: `gp-${p.stage}`, max: Math.max(1, p.total), value: p.done }))),
    running ? h('p', {}, h('button', { type: 'button', onclick: () => void api.cancel() }, 'Cancel')) : null,
  );
}

async function start(s: State): Promise<void> {
  const formats = s.choices.formats.filter((f) => chosen.formats.has(f));
  const packets = chosen.packets;
  const draft = Boolean(document.getElementById('opt-draft')) && chosen.draft;
  error = undefined;
  try {
    progress.clear();
    await api.generate({ formats, packets, draft });
    announce('Generating the filings.');
  } catch (e) {
    error = e instanceof ApiError ? e.message : String(e);
    renderGenerate(s);
  }
}

const KIND: Record<string, string> = { motion: 'Motion', order: 'Proposed order', notice: 'Notice of challenge' };

function documents(s: State) {
  const g = s.generated!;
  const byFiling = new Map<string, typeof g.documents>();
  for (const d of g.documents) {
    const f = d.path.split('/')[0]!;
    byFiling.set(f, [...(byFiling.get(f) ?? []), d]);
  }
  const pages = g.documents.reduce((n, d) => n + (d.pages ?? 0), 0);
  return [
    h('p', { class: 'ok', role: 'status' }, `Done: ${plural(g.documents.length, 'document')} (${num(pages)} PDF pages) in ${plural(byFiling.size, 'filing')}${g.draft ? ', stamped DRAFT - NOT FOR FILING' : ''}; ${plural(g.files, 'file')} in `, h('code', {}, s.out), '.'),
    h('p', { class: 'downloads' }, h('a', { class: 'button primary', href: 'download/run.zip', download: '', id: 'zip-link' }, 'Download everything (one zip)'), ' ', h('span', { class: 'hint' }, 'The zip holds the whole output folder, the confidential/ folder included (names, dates of birth): do not file or share that folder.')),
    g.packets.length
      ? h('section', { 'aria-labelledby': 'h-packets' }, h('h3', { id: 'h-packets' }, 'Packets, one per office'), h('ul', { class: 'others' }, ...g.packets.map((p) => h('li', {}, h('a', { href: `files/${p.path}`, download: '' }, p.path), ` (${size(p.bytes)})`))))
      : null,
    h(
      'table',
      { class: 'grid' },
      h('caption', {}, `Documents (${num(g.documents.length)})`),
      h('thead', {}, h('tr', {}, ...['Filing', 'Document', 'Format', 'Pages', 'Cases', 'Size', 'Open'].map((c) => h('th', { scope: 'col', class: ['Pages', 'Cases', 'Size'].includes(c) ? 'n' : null }, c)))),
      h(
        'tbody',
        {},
        ...g.documents.map((d) => {
          const [filing, file] = d.path.split('/') as [string, string];
          return h(
            'tr',
            {},
            h('th', { scope: 'row' }, filing),
            h('td', {}, `${KIND[d.kind] ?? d.kind}${/vol-(\d+)/.test(file) ? `, volume ${/vol-(\d+)/.exec(file)![1]}` : ''}`),
            h('td', {}, d.format.toUpperCase()),
            h('td', { class: 'n' }, d.pages !== undefined ? num(d.pages) : ''),
            h('td', { class: 'n' }, d.cases !== undefined ? num(d.cases) : ''),
            h('td', { class: 'n' }, size(d.bytes)),
            h('td', {}, h('a', { href: `files/${d.path}`, target: d.format === 'pdf' ? '_blank' : null, rel: 'noopener', ...(d.format === 'pdf' ? {} : { download: '' }) }, `Open ${file}`)),
          );
        }),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'h-others' },
      h('h3', { id: 'h-others' }, 'The other files of the run'),
      h('ul', { class: 'others' }, ...g.others.map((o) => h('li', {}, h('a', { href: `files/${o.path}`, ...(/\.(csv|zip|docx)$/.test(o.path) ? { download: '' } : { target: '_blank', rel: 'noopener' }) }, o.path), ` (${size(o.bytes)})${o.path.startsWith('confidential/') ? ' — personal data: do not share' : ''}`))),
    ),
  ];
}

export function renderGenerate(s: State): void {
  const p = s.plan?.ok ? s.plan : s.good;
  const head = h('h2', { id: 'h-generate', tabindex: -1 }, '4. Generate the filings');
  if (!p) {
    fill($('step-generate'), head, h('p', {}, 'Load the files and check the plan first.'));
    return;
  }
  const running = s.job?.kind === 'generate';
  const placeholders = p.ready.placeholders;
  const g = s.generated;
  fill(
    $('step-generate'),
    head,
    h('p', {}, `Writes a motion and a proposed order for each of the ${plural(p.filings.filter((f) => !f.challenge).length, 'filing')}${p.filings.some((f) => f.challenge) ? ', and the notices of challenge' : ''}, on pleading paper, with Exhibit A listing every case; then the listings and the manifest. ${p.counts?.reviewRows ? `${plural(p.counts.reviewRows, 'row')} still in review will not be filed.` : ''}`),
    h(
      'form',
      {
        class: 'options',
        onsubmit: (e: Event) => {
          e.preventDefault();
          void start(s);
        },
      },
      h('fieldset', {}, h('legend', {}, 'Formats'), ...s.choices.formats.map((f) => h('label', { class: 'check' }, h('input', { type: 'checkbox', id: `fmt-${f}`, checked: chosen.formats.has(f), onchange: (e: Event) => ((e.target as HTMLInputElement).checked ? chosen.formats.add(f) : chosen.formats.delete(f)) }), ` ${f.toUpperCase()}`))),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Options'),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'opt-packets', checked: chosen.packets, onchange: (e: Event) => (chosen.packets = (e.target as HTMLInputElement).checked) }), ' A packet per office (a zip of its documents with a cover page)'),
        placeholders
          ? h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'opt-draft', checked: chosen.draft, required: true, 'aria-describedby': 'draft-why', onchange: (e: Event) => (chosen.draft = (e.target as HTMLInputElement).checked) }), ' Draft: every page stamped DRAFT - NOT FOR FILING')
          : null,
        placeholders ? h('p', { id: 'draft-why', class: 'hint' }, `The config still has ${plural(placeholders, 'placeholder')}, so only drafts can be made.`) : null,
      ),
      h('p', {}, h('button', { type: 'submit', class: 'primary', disabled: running || s.job?.kind === 'plan' }, running ? 'Generating…' : g?.ok ? 'Generate again' : 'Generate the filings')),
    ),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
    h('div', { id: 'gen-progress', 'aria-live': 'polite' }),
    g && !g.ok && !running ? h('div', { class: 'problems', role: 'alert' }, h('p', { class: 'error' }, 'Nothing was written:'), h('ul', {}, ...g.diagnostics.filter((d) => d.severity === 'fatal' || d.code === 'BM511').map((d) => h('li', {}, `${d.code}: ${d.message}${d.hint ? `. Fix: ${d.hint}` : ''}`)))) : null,
    ...(g?.ok && !running ? documents(s) : []),
    g?.ok && !running ? h('p', {}, h('button', { type: 'button', class: 'primary', onclick: () => go('summary') }, 'Next: the summary')) : null,
  );
  drawProgress();
}
