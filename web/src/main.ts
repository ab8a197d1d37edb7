/**
 * The page: five steps in the order the work happens (load, check, review,
 * generate, summary). The server holds the state; the page asks for it when
 * told it changed (server-sent events) and draws the current step.
 */
import { api, listen, type PageEvent, type State } from './api';
import { $, fill, h, num } from './dom';
import { renderLoad, loadProgress } from './load';
import { renderCheck } from './check';
import { renderReview } from './review';
import { renderGenerate, generateProgress } from './generate';
import { renderSummary } from './summary';

export type StepId = 'load' | 'check' | 'review' | 'generate' | 'summary';

const STEPS: Array<{ id: StepId; label: string }> = [
  { id: 'load', label: 'Load' },
  { id: 'check', label: 'Check' },
  { id: 'review', label: 'Review' },
  { id: 'generate', label: 'Generate' },
  { id: 'summary', label: 'Summary' },
];

export const app = {
  state: undefined as State | undefined,
  step: 'load' as StepId,
};

/** Which steps can be opened: each needs the one before it done. */
function enabled(s: State | undefined, id: StepId): boolean {
  const planned = Boolean(s?.plan?.ok || s?.good);
  if (id === 'load') return true;
  if (id === 'check' || id === 'review') return Boolean(s?.plan);
  if (id === 'generate') return planned;
  return Boolean(s?.generated?.ok);
}

function drawSteps(): void {
  const s = app.state;
  fill(
    $('steps'),
    STEPS.map((st, i) => {
      const on = enabled(s, st.id);
      return h(
        'li',
        {},
        h(
          'button',
          { type: 'button', id: `tab-${st.id}`, 'aria-current': app.step === st.id ? 'step' : null, disabled: !on, onclick: () => go(st.id) },
          h('span', { class: 'num', 'aria-hidden': 'true' }, String(i + 1)),
          ` ${st.label}`,
          st.id === 'review' && s?.plan?.counts ? h('span', { class: 'badge' }, num(s.plan.counts.reviewRows), h('span', { class: 'visually-hidden' }, ' rows to review')) : null,
        ),
      );
    }),
  );
}

/** Opens a step and moves the focus to its heading. */
export function go(id: StepId, focus = true): void {
  app.step = id;
  for (const st of STEPS) $(`step-${st.id}`).hidden = st.id !== id;
  drawSteps();
  draw();
  if (focus) $(`h-${id}`)?.focus();
}

function draw(): void {
  const s = app.state;
  if (!s) return;
  fill($('run-info'), `Run date ${s.asOf} · filings go to `, h('code', {}, s.out));
  if (app.step === 'load') renderLoad(s);
  else if (app.step === 'check') renderCheck(s);
  else if (app.step === 'review') renderReview(s);
  else if (app.step === 'generate') renderGenerate(s);
  else renderSummary(s);
  fill($('banner'), s.failure ? h('p', { class: 'error' }, `Something went wrong inside bulk-motions (not with your files): ${s.failure}`) : null);
}

export async function refresh(): Promise<void> {
  app.state = await api.state();
  drawSteps();
  draw();
}

function onEvent(e: PageEvent): void {
  if (e.type === 'state') void refresh();
  else if (e.type === 'progress') {
    if (e.kind === 'plan') loadProgress(e);
    else generateProgress(e);
  } else if (e.type === 'job') {
    if (e.kind === 'generate' && e.status === 'started') generateProgress({ type: 'progress', kind: 'generate', stage: 'start', done: 0, total: 0 });
    // A job started or ended: the step is drawn again (its buttons, its "working" lines).
    void refresh();
  }
}

async function start(): Promise<void> {
  go('load', false);
  listen(onEvent);
  await refresh();
}

void start();
