/** Step 2: the reconciliation as numbers, the planned filings, what keeps them from being filed, and every diagnostic by code. */
import { api, type CodeRows, type Plan, type State } from './api';
import { $, fill, h, num, plural, words } from './dom';
import { go } from './main';
import { showCode } from './review';

/** Which code's rows are open below the table, and from where. */
let open: { code: string; offset: number; rows?: CodeRows } | undefined;

const OUTCOME: Record<string, string> = {
  fatal: 'stops the run',
  reject: 'row rejected (rejects.csv)',
  review: 'row to review',
  exclude: 'row excluded (excluded.csv)',
  none: 'note only',
};

function counts(p: Plan) {
  const c = p.counts!;
  const items: Array<[string, number, string?]> = [
    ['Input rows', c.inputRows!],
    ['Filed rows', c.filedRows!],
    ...(c.challengedRows ? [['Challenged rows', c.challengedRows] as [string, number]] : []),
    ['Excluded rows', c.excludedRows!],
    ['Rows to review', c.reviewRows!, c.reviewRows ? 'warn' : undefined],
    ['Rejected rows', c.rejectedRows!, c.rejectedRows ? 'warn' : undefined],
    ['Cases to file', c.filedCases!],
    ['Filings', c.filings!],
    ...(c.resolvedRows ? [['Rows you answered', c.resolvedRows] as [string, number]] : []),
  ];
  return h('dl', { class: 'cards' }, ...items.map(([k, v, cls]) => h('div', { class: `card ${cls ?? ''}` }, h('dt', {}, k), h('dd', {}, num(v)))));
}

function filings(p: Plan) {
  const courts = p.filings.some((f) => f.court !== undefined);
  return h(
    'table',
    { class: 'grid' },
    h('caption', {}, `Planned filings (${num(p.filings.length)})`),
    h('thead', {}, h('tr', {}, ...['Agency', 'Case type', 'Relief', ...(courts ? ['Court'] : []), 'Cases', 'Rows', 'Note'].map((c) => h('th', { scope: 'col', class: c === 'Cases' || c === 'Rows' ? 'n' : null }, c)))),
    h(
      'tbody',
      {},
      ...p.filings.map((f) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, f.agencyName),
          h('td', {}, f.caseType),
          h('td', {}, f.challenge ? 'none (notice of challenge)' : words(f.relief)),
          courts ? h('td', {}, f.courtName ?? '') : null,
          h('td', { class: 'n' }, num(f.caseCount)),
          h('td', { class: 'n' }, num(f.rowCount)),
          h('td', {}, f.challenge ? 'Notice of challenge (HS 11361.9)' : f.beyondStatute ? 'Relief beyond the statute: the agency’s basis is cited' : ''),
        ),
      ),
    ),
  );
}

function ready(s: State, p: Plan) {
  const c = p.counts!;
  const items = [
    p.ready.placeholders
      ? h('li', { class: 'warn' }, `The config still has ${plural(p.ready.placeholders, 'placeholder')} (TODOs): documents can only be made as drafts, stamped DRAFT - NOT FOR FILING, until the config is filled in.`)
      : h('li', { class: 'ok' }, 'The config has no placeholders.'),
    ...p.ready.config.filter((d) => d.code !== 'BM511').map((d) => h('li', { class: 'warn' }, `${d.code}: ${d.message}${d.hint ? `. Fix: ${d.hint}` : ''}`)),
    c.reviewRows ? h('li', { class: 'warn' }, `${plural(c.reviewRows!, 'row')} need a person: `, h('button', { type: 'button', class: 'link', onclick: () => go('review') }, 'answer them in Review'), '. Rows left unanswered are not filed.') : h('li', { class: 'ok' }, 'No row is waiting for review.'),
    c.rejectedRows ? h('li', { class: 'warn' }, `${plural(c.rejectedRows!, 'row')} were rejected as malformed: fix them in the list and load it again.`) : h('li', { class: 'ok' }, 'No row was rejected.'),
    s.answerProblems.length ? h('li', { class: 'error' }, `${plural(s.answerProblems.length, 'answer')} have a problem: see Review.`) : null,
  ];
  return h('section', { 'aria-labelledby': 'h-ready' }, h('h3', { id: 'h-ready' }, 'Ready to file?'), h('ul', { class: 'checklist' }, ...items));
}

async function openCode(code: string, offset = 0): Promise<void> {
  open = { code, offset, rows: await api.code(code, offset) };
  drawCodeRows();
  document.getElementById('code-rows-h')?.focus();
}

function drawCodeRows(): void {
  const box = document.getElementById('code-rows');
  if (!box) return;
  if (!open?.rows) return fill(box);
  const r = open.rows;
  const last = Math.min(r.offset + r.items.length, r.total);
  fill(
    box,
    h('h4', { id: 'code-rows-h', tabindex: -1 }, `${r.code}: ${r.total ? `${num(r.offset + 1)}–${num(last)} of ${num(r.total)}` : 'none'}`),
    h('ul', { class: 'code-rows' }, ...r.items.map((i) => h('li', {}, h('span', { class: 'where' }, `${i.file ?? ''}${i.line ? ` line ${i.line}` : ''}${i.column ? `, ${i.column}` : ''}`), ` ${i.message}`, i.hint ? h('span', { class: 'hint' }, ` Fix: ${i.hint}`) : null))),
    h(
      'p',
      { class: 'pager' },
      h('button', { type: 'button', disabled: r.offset === 0, onclick: () => void openCode(r.code, Math.max(0, r.offset - 50)) }, 'Previous 50'),
      ' ',
      h('button', { type: 'button', disabled: last >= r.total, onclick: () => void openCode(r.code, r.offset + 50) }, 'Next 50'),
      ' ',
      h('button', { type: 'button', onclick: () => ((open = undefined), drawCodeRows()) }, 'Close the list'),
    ),
  );
}

function groups(p: Plan) {
  if (!p.groups.length) return h('p', {}, 'No diagnostics: every row was read cleanly.');
  return h(
    'div',
    {},
    h(
      'table',
      { class: 'grid' },
      h('caption', {}, 'Diagnostics by code. Choose a code to list its rows.'),
      h('thead', {}, h('tr', {}, ...['Code', 'What', 'Severity', 'What happens', 'Diagnostics', 'Rows', h('span', { class: 'visually-hidden' }, 'Actions')].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...p.groups.map((g) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', 'aria-expanded': open?.code === g.code ? 'true' : 'false', 'aria-controls': 'code-rows', onclick: () => void openCode(g.code) }, g.code)),
            h('td', {}, words(g.name.replace(/-/g, ' '))),
            h('td', {}, g.severity),
            h('td', {}, OUTCOME[g.outcome] ?? g.outcome),
            h('td', { class: 'n' }, num(g.diagnostics)),
            h('td', { class: 'n' }, num(g.rows)),
            h('td', {}, g.outcome === 'review' ? h('button', { type: 'button', class: 'link', onclick: () => showCode(g.code) }, `Answer ${g.code} rows`) : null),
          ),
        ),
      ),
    ),
    h('div', { id: 'code-rows', class: 'code-list' }),
  );
}

export function renderCheck(s: State): void {
  const p = s.plan && s.plan.ok ? s.plan : s.good ?? s.plan;
  const head = h('h2', { id: 'h-check', tabindex: -1 }, '2. Check the plan');
  if (!p || !p.counts) {
    fill($('step-check'), head, h('p', {}, s.job ? 'Planning…' : 'Load the files first.'));
    return;
  }
  fill(
    $('step-check'),
    head,
    s.job?.kind === 'plan' ? h('p', { role: 'status' }, 'Planning again…') : null,
    s.plan && !s.plan.ok && s.good ? h('p', { class: 'error' }, 'Some answers have a problem, so this is the plan before them. See Review.') : null,
    h('div', { class: 'cols' }, h('section', { 'aria-labelledby': 'h-recon' }, h('h3', { id: 'h-recon' }, 'Every row accounted for'), counts(p), h('ul', { class: 'recon' }, ...p.reconciliation.map((l) => h('li', {}, h('code', {}, l))))), ready(s, p)),
    filings(p),
    h('h3', {}, 'Diagnostics'),
    groups(p),
    h('p', {}, h('button', { type: 'button', class: 'primary', onclick: () => go(p.counts!.reviewRows ? 'review' : 'generate') }, p.counts.reviewRows ? 'Next: review the rows that need a person' : 'Next: generate the filings')),
  );
  if (open) drawCodeRows();
}
