/**
 * Step 3: the review rows, a page at a time from the server (a county list can
 * send thousands here; the page never holds them all), sortable and filtered
 * by code, status or text. A row's answer is filled in beneath it and saved
 * into answers.csv, the file `--resolved` reads; the plan then updates.
 */
import { api, ApiError, type Answer, type ReviewPage, type ReviewRow, type State } from './api';
import { $, announce, fill, h, num, plural, words } from './dom';
import { app, go } from './main';

const PAGE = 50;
const query = { offset: 0, code: '', status: 'all', sort: 'source', dir: 'asc', q: '' };
let page: ReviewPage | undefined;
let expanded: string | undefined;
let message: { key: string; text: string; error: boolean } | undefined;
let seq = 0;
/** The element to focus once the table is drawn again (the row's save button after saving). */
let refocus: string | undefined;
/** Milliseconds the last page took, from asking to drawn (shown for the record, and read by the e2e bench). */
export let lastPageMs = 0;

export function showCode(code: string): void {
  Object.assign(query, { code, offset: 0 });
  go('review');
}

export async function refreshReview(): Promise<void> {
  const t0 = performance.now();
  const mine = ++seq;
  const p = await api.review({ ...query, limit: PAGE });
  if (mine !== seq) return;
  page = p;
  if (app.state && app.step === 'review') drawTable(app.state);
  lastPageMs = performance.now() - t0;
  document.body.dataset.reviewMs = String(Math.round(lastPageMs));
}

const STATUS: Record<ReviewRow['status'], string> = { open: 'Open', answered: 'Answered', problem: 'Problem', filed: 'Filed', excluded: 'Excluded' };

function outcomeText(r: ReviewRow): string {
  if (!r.outcome) return '';
  return 'filed' in r.outcome ? `Filed as case ${r.outcome.filed.caseNumber}` : 'Excluded (excluded.csv, BM404)';
}

function sortButton(label: string, key: string) {
  const on = query.sort === key;
  return h(
    'th',
    { scope: 'col', 'aria-sort': on ? (query.dir === 'asc' ? 'ascending' : 'descending') : null },
    h(
      'button',
      {
        type: 'button',
        class: 'sort',
        onclick: () => {
          Object.assign(query, { sort: key, dir: on && query.dir === 'asc' ? 'desc' : 'asc', offset: 0 });
          void refreshReview();
        },
      },
      label,
      h('span', { 'aria-hidden': 'true' }, on ? (query.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'),
    ),
  );
}

function select(id: string, label: string, value: string, options: Array<[string, string]>, onchange?: (v: string) => void) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, onchange: onchange ? (e: Event) => onchange((e.target as HTMLSelectElement).value) : null }, ...options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))),
  );
}

function answerForm(s: State, r: ReviewRow) {
  const a: Answer = r.answer ?? { decision: '', caseNumber: '', caseType: '', relief: '', court: '', note: '' };
  const id = (f: string) => `ans-${r.index}-${f}`;
  const val = (f: string) => ($(id(f)) as HTMLInputElement | HTMLSelectElement).value;
  const save = async (clear: boolean) => {
    const answer: Answer = clear
      ? { decision: '', caseNumber: '', caseType: '', relief: '', court: '', note: '' }
      : { decision: val('decision') as Answer['decision'], caseNumber: val('caseNumber'), caseType: val('caseType'), relief: val('relief'), court: val('court'), note: val('note') };
    message = { key: r.key, text: 'Saving and planning again…', error: false };
    refocus = `save-${r.index}`;
    drawTable(s);
    try {
      const res = await api.answer(r.key, answer);
      message = res.problems.length
        ? { key: r.key, text: `Saved, but the answer has a problem: ${res.problems.map((d) => `${d.code} ${d.message}${d.hint ? `. Fix: ${d.hint}` : ''}`).join('; ')}`, error: true }
        : { key: r.key, text: clear ? 'Answer cleared. The plan is updated.' : 'Saved in answers.csv. The plan is updated.', error: false };
    } catch (e) {
      message = { key: r.key, text: e instanceof ApiError ? e.message : String(e), error: true };
    }
    announce(message.text);
    // The state event refreshes the plan and this table.
  };
  const opts = (xs: readonly string[], blank: string): Array<[string, string]> => [['', blank], ...xs.map((x) => [x, words(x)] as [string, string])];
  return h(
    'form',
    {
      class: 'answer',
      'aria-label': `Answer for ${r.file} line ${r.line}`,
      onsubmit: (e: Event) => {
        e.preventDefault();
        void save(false);
      },
    },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Your answer'),
      select(id('decision'), 'Decision', a.decision, [
        ['', 'File it with the corrections below'],
        ['file', 'File it as it is'],
        ['exclude', 'Exclude it (do not file)'],
      ]),
      h('div', { class: 'field' }, h('label', { for: id('caseNumber') }, 'Right case number'), h('input', { id: id('caseNumber'), value: a.caseNumber, autocomplete: 'off' })),
      select(id('caseType'), 'Case type', a.caseType, opts(s.choices.caseTypes, '(as in the list)')),
      select(id('relief'), 'Relief', a.relief, opts(s.choices.reliefs, '(as screened)')),
      select(id('court'), 'Court', a.court, [['', '(as in the list)'], ...s.choices.courts.map((c) => [c.name, c.name] as [string, string])]),
      h('div', { class: 'field wide' }, h('label', { for: id('note') }, 'Note for the record (optional)'), h('input', { id: id('note'), value: a.note, autocomplete: 'off' })),
    ),
    h('p', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', id: `save-${r.index}` }, 'Save answer'), ' ', r.answer ? h('button', { type: 'button', onclick: () => void save(true) }, 'Clear answer') : null),
  );
}

function details(s: State, r: ReviewRow, cols: number) {
  return h(
    'tr',
    { class: 'details', id: `row-${r.index}` },
    h(
      'td',
      { colspan: cols },
      h(
        'div',
        { class: 'detail-grid' },
        h(
          'div',
          {},
          h('p', {}, h('strong', {}, 'Why: '), r.reason),
          r.fix ? h('p', {}, h('strong', {}, 'How to fix: '), r.fix) : null,
          r.flags.length ? h('p', {}, h('strong', {}, 'Screening flags: '), r.flags.map(words).join(', ')) : null,
          r.outcome ? h('p', { class: 'ok' }, outcomeText(r)) : null,
          ...r.problems.map((d) => h('p', { class: 'error' }, `${d.code}: ${d.message}${d.hint ? `. Fix: ${d.hint}` : ''}`)),
          h('details', {}, h('summary', {}, `All ${r.cells.length} columns of the row`), h('dl', { class: 'cells' }, ...r.cells.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v || '—')]))),
        ),
        h('div', {}, answerForm(s, r), message?.key === r.key ? h('p', { class: message.error ? 'error' : 'ok', role: message.error ? 'alert' : 'status' }, message.text) : null),
      ),
    ),
  );
}

/** The code filter's options, from the rows of this plan (they arrive with each page). */
function drawCodes(p: ReviewPage): void {
  const sel = document.getElementById('f-code') as HTMLSelectElement | null;
  if (!sel) return;
  const want = ['', ...p.codes.map((c) => c.code)];
  const labels = ['All codes', ...p.codes.map((c) => `${c.code} (${num(c.count)})`)];
  if ([...sel.options].map((o) => o.textContent).join('|') === labels.join('|')) return;
  fill(sel, ...want.map((v, i) => h('option', { value: v, selected: v === query.code }, labels[i])));
}

function drawTable(s: State): void {
  const box = document.getElementById('review-table');
  if (!box || !page) return;
  const p = page;
  drawCodes(p);
  const cols = 6 + p.summary.length;
  const last = Math.min(p.offset + p.rows.length, p.total);
  const pager = (where: string) =>
    h(
      'nav',
      { class: 'pager', 'aria-label': `Pages of review rows (${where})` },
      h('button', { type: 'button', disabled: p.offset === 0, onclick: () => turn(0) }, 'First'),
      h('button', { type: 'button', disabled: p.offset === 0, onclick: () => turn(Math.max(0, p.offset - PAGE)) }, 'Previous'),
      h('span', { class: 'where' }, p.total ? `Rows ${num(p.offset + 1)}–${num(last)} of ${num(p.total)}` : 'No rows'),
      h('button', { type: 'button', disabled: last >= p.total, onclick: () => turn(p.offset + PAGE) }, 'Next'),
      h('button', { type: 'button', disabled: last >= p.total, onclick: () => turn(Math.floor((p.total - 1) / PAGE) * PAGE) }, 'Last'),
    );
  fill(
    box,
    pager('top'),
    h(
      'table',
      { class: 'grid review' },
      h('caption', { class: 'visually-hidden' }, 'Review rows'),
      h('thead', {}, h('tr', {}, sortButton('Source', 'source'), sortButton('Code', 'code'), h('th', { scope: 'col' }, 'Reason'), sortButton('Case', 'case'), ...p.summary.slice(1).map((c) => h('th', { scope: 'col' }, c)), sortButton('Status', 'status'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Answer')))),
      h(
        'tbody',
        {},
        ...p.rows.flatMap((r) => {
          const open = expanded === r.key;
          const row = h(
            'tr',
            { class: open ? 'open' : null },
            h('th', { scope: 'row' }, `${r.file}:${r.line}`),
            h('td', {}, r.code),
            h('td', { class: 'reason' }, r.reason),
            h('td', {}, r.case || '—'),
            ...p.summary.slice(1).map((c, i) => h('td', {}, r.summary[i + 1] ?? '')),
            h('td', {}, h('span', { class: `status ${r.status}` }, STATUS[r.status])),
            h(
              'td',
              {},
              h(
                'button',
                {
                  type: 'button',
                  'aria-expanded': open ? 'true' : 'false',
                  'aria-controls': `row-${r.index}`,
                  'aria-label': `${open ? 'Close the answer' : r.answer ? 'Change the answer' : 'Answer'} for ${r.file} line ${r.line}`,
                  onclick: () => {
                    expanded = open ? undefined : r.key;
                    message = undefined;
                    drawTable(s);
                    if (!open) document.getElementById(`ans-${r.index}-decision`)?.focus();
                  },
                },
                open ? 'Close' : r.answer ? 'Change' : 'Answer',
              ),
            ),
          );
          return open ? [row, details(s, r, cols)] : [row];
        }),
      ),
    ),
    pager('bottom'),
  );
  if (refocus) document.getElementById(refocus)?.focus();
}

function turn(offset: number): void {
  query.offset = offset;
  expanded = undefined;
  void refreshReview().then(() => document.getElementById('review-table')?.querySelector<HTMLElement>('tbody th')?.focus());
}

export function renderReview(s: State): void {
  const head = h('h2', { id: 'h-review', tabindex: -1 }, '3. Review the rows that need a person');
  if (!s.plan) {
    fill($('step-review'), head, h('p', {}, 'Load the files first.'));
    return;
  }
  const codes = page?.codes ?? [];
  let typing: number | undefined;
  const counts = (s.plan.ok ? s.plan : s.good ?? s.plan).counts;
  fill(
    $('step-review'),
    head,
    h(
      'p',
      {},
      'Look each row up (the court’s index, the case file) and give your answer beneath it. Answers are saved in ',
      h('code', {}, s.answersFile),
      ', the same file the command line reads with ',
      h('code', {}, '--resolved'),
      s.answers ? [' (', h('a', { href: 'download/answers.csv', download: 'answers.csv' }, `download answers.csv, ${plural(s.answers, 'answer')}`), ')'] : null,
      '.',
    ),
    counts ? h('p', { role: 'status' }, `${plural(counts.reviewRows!, 'row')} still to review${counts.resolvedRows ? `; ${plural(counts.resolvedRows, 'row')} answered and applied` : ''}. ${s.job?.kind === 'plan' ? 'Planning again…' : ''}`) : null,
    s.answerProblems.length ? h('div', { class: 'problems', role: 'alert' }, h('p', { class: 'error' }, 'These answers have a problem, so the plan does not use them yet:'), h('ul', {}, ...s.answerProblems.map((d) => h('li', {}, `${d.code} (answers.csv line ${d.line ?? '?'}, ${d.column ?? ''}): ${d.message}${d.hint ? `. Fix: ${d.hint}` : ''}`)))) : null,
    h(
      'div',
      { class: 'filters', role: 'search', 'aria-label': 'Filter the review rows' },
      select('f-code', 'Code', query.code, [['', 'All codes'], ...codes.map((c) => [c.code, `${c.code} (${num(c.count)})`] as [string, string])], (v) => {
        Object.assign(query, { code: v, offset: 0 });
        void refreshReview();
      }),
      select('f-status', 'Status', query.status, [['all', 'All rows'], ['open', 'Still open'], ['answered', 'Answered']], (v) => {
        Object.assign(query, { status: v, offset: 0 });
        void refreshReview();
      }),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'f-q' }, 'Find (any column)'),
        h('input', {
          id: 'f-q',
          type: 'search',
          value: query.q,
          oninput: (e: Event) => {
            window.clearTimeout(typing);
            typing = window.setTimeout(() => {
              Object.assign(query, { q: (e.target as HTMLInputElement).value, offset: 0 });
              void refreshReview();
            }, 250);
          },
        }),
      ),
    ),
    h('div', { id: 'review-table', class: 'table-box' }, page ? null : h('p', {}, 'Loading the rows…')),
    h('p', {}, h('button', { type: 'button', class: 'primary', onclick: () => go('generate') }, 'Next: generate the filings')),
  );
  if (page) drawTable(s);
  void refreshReview();
}
