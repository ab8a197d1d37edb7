/**
 * summary.html: one self-contained page. No script runs (the one <script> is
 * a JSON data block, never executed), nothing is fetched: the charts are
 * inline SVG and the style sheet is in the page. It prints on Letter paper
 * (@page), each section kept whole where it fits. Every number cell carries
 * its key (data-key) and, unless withheld, its value (data-value); the same
 * values are in the JSON block, for scripts that read the summary.
 */
import type { Chart } from './charts';
import type { SummaryModel, Table } from './model';

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `
@page { size: letter; margin: 0.6in; }
:root { color-scheme: light; }
body { font-family: 'Liberation Serif', 'Times New Roman', Times, serif; color: #000; background: #fff; margin: 0 auto; max-width: 7.8in; padding: 0.4in 0.3in; font-size: 11pt; line-height: 1.35; }
h1 { font-size: 18pt; margin: 0 0 2pt; }
h2 { font-size: 13pt; margin: 16pt 0 4pt; border-bottom: 1px solid #555; break-after: avoid; }
p { margin: 3pt 0; }
p.subtitle { font-size: 12pt; margin-bottom: 8pt; }
section { break-inside: avoid; }
section#sources p { font-size: 8.5pt; overflow-wrap: anywhere; }
.band { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr); gap: 10pt 16pt; align-items: start; margin: 4pt 0 6pt; }
.band.alone { grid-template-columns: minmax(0, 1fr); }
.band > table { width: 100%; }
figure { margin: 0; }
figure svg { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; font-size: 9.5pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 2pt; }
th, td { border-bottom: 1px solid #bbb; padding: 2pt 6pt; vertical-align: top; }
th { text-align: left; border-bottom: 1.5px solid #000; }
th.n, td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1.5px solid #000; }
td[data-withheld] { font-style: italic; }
footer { margin-top: 14pt; font-size: 8.5pt; color: #333; }
@media print { body { padding: 0; max-width: none; } }
`;

function table(t: Table): string {
  const row = (r: Table['rows'][number], cls = '') =>
    `<tr${cls ? ` class="${cls}"` : ''}><td>${esc(r.label)}</td>${r.cells.map((c) => `<td class="n" data-key="${esc(c.key)}"${c.value === null ? ` data-withheld="${c.withheld}"` : ` data-value="${c.value}"`}>${esc(c.text)}</td>`).join('')}</tr>`;
  return [
    `<table data-table="${esc(t.id)}">`,
    `<caption>${esc(t.caption)}</caption>`,
    `<thead><tr>${t.head.map((h, i) => `<th${i ? ' class="n"' : ''} scope="col">${esc(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${t.rows.map((r) => row(r)).join('\n')}${t.total ? '\n' + row(t.total, 'total') : ''}</tbody>`,
    '</table>',
  ].join('\n');
}

/** The page. `charts` maps a table id to its chart. */
export function summaryHtml(m: SummaryModel, charts: ReadonlyMap<string, Chart>, generator: string): string {
  const body = m.sections.map((s) => {
    const parts = [`<section id="${esc(s.id)}">`, `<h2>${esc(s.title)}</h2>`, ...s.paragraphs.map((p) => `<p>${esc(p)}</p>`)];
    for (const t of s.tables) {
      const chart = charts.get(t.id);
      parts.push(`<div class="band${chart ? '' : ' alone'}">`, table(t), ...(chart ? [`<figure>${chart.svg}</figure>`] : []), '</div>');
    }
    parts.push('</section>');
    return parts.join('\n');
  });
  // The JSON block is data only; "</" is escaped so no value can end the element.
  const data = JSON.stringify({ smallCell: m.smallCell, cells: m.data }).replace(/</g, '\\u003c');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(generator)}">`,
    `<title>${esc(m.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${esc(m.title)}</h1>`,
    `<p class="subtitle">${esc(m.subtitle)}</p>`,
    ...body,
    `<footer>${esc(generator)}. Aggregate figures only: no name, case number, date of birth or CII number appears in this summary.</footer>`,
    `<script type="application/json" id="summary-data">${data}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
