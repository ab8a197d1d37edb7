/** Step 5: the run's summary.html and summary.pdf, when the run wrote them. */
import type { State } from './api';
import { $, fill, h, num, plural } from './dom';

export function renderSummary(s: State): void {
  const g = s.generated;
  const p = s.plan?.ok ? s.plan : s.good;
  const head = h('h2', { id: 'h-summary', tabindex: -1 }, '5. Summary');
  if (!g?.ok) {
    fill($('step-summary'), head, h('p', {}, 'Generate the filings first.'));
    return;
  }
  const c = p?.counts;
  fill(
    $('step-summary'),
    head,
    c ? h('p', {}, `${plural(c.inputRows!, 'row')} read; ${plural(c.filedCases!, 'case')} filed in ${plural(c.filings!, 'filing')}; ${num(c.excludedRows!)} excluded, ${num(c.reviewRows!)} left in review, ${num(c.rejectedRows!)} rejected.`) : null,
    g.summary.html
      ? [
          h('p', {}, h('a', { href: 'files/summary.html', target: '_blank', rel: 'noopener' }, 'Open summary.html in a new tab'), g.summary.pdf ? [' · ', h('a', { href: 'files/summary.pdf', target: '_blank', rel: 'noopener' }, 'Open summary.pdf')] : null),
          h('iframe', { src: 'files/summary.html', title: 'The run’s impact summary (summary.html)', class: 'summary-frame' }),
        ]
      : h('p', {}, 'This run has no summary.html. When bulk-motions writes one, it is shown here.'),
  );
}
