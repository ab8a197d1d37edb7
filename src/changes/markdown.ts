/**
 * changes.md: the change report for a person, in the documents' words. Courts,
 * offices and reliefs by name (changes.json keeps the ids beside them), each
 * filing by its office, relief and folder, the two runs by folder, date and
 * size, and where a filing's exhibit rows were renumbered, so nobody cites a
 * case by a row number that now finds another.
 */
import { namer } from './names';
import type { ChangeReport, FilingChanges, RunSummary } from './report';

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function runLines(r: ChangeReport): string[] {
  const folder = (s: RunSummary) => `\`${s.folder}\`${s.beforeThisRun ? ' (as it was before this run)' : ''}`;
  const filed = (s: RunSummary) => `${plural(s.filedCases, 'case', 'cases')} in ${plural(s.motions, 'motion', 'motions')}`;
  const challenged = (s: RunSummary) => `${plural(s.challengedCases, 'case', 'cases')} in ${plural(s.notices, 'notice', 'notices')}`;
  const { old: o, new: n } = r.runs;
  const row = (what: string, a: string, b: string) => `| ${what} | ${cell(a)} | ${cell(b)} |`;
  return [
    '|  | Previous run | This run |',
    '|---|---|---|',
    row('Folder', folder(o), folder(n)),
    ...(o.county !== undefined || n.county !== undefined ? [row('County', o.county ?? 'not recorded', n.county ?? 'not recorded')] : []),
    row('As of', o.asOf || 'unknown', n.asOf || 'unknown'),
    row('Filed', filed(o), filed(n)),
    ...(o.notices || n.notices ? [row('Challenged', challenged(o), challenged(n))] : []),
    '',
  ];
}

/** "Exhibit A rows 1,204-52,994 are renumbered ...": what a citation by row number must know. */
export function renumberedLine(x: NonNullable<FilingChanges['renumbered']>): string {
  const rows = x.firstRow === x.lastRow ? `row ${count(x.firstRow)} is` : `rows ${count(x.firstRow)}-${count(x.lastRow)} are`;
  return `Exhibit ${x.exhibit} ${rows} renumbered (${plural(x.cases, 'case has', 'cases have')} a new row number); cite cases by case number, not row.`;
}

export function changesMarkdown(r: ChangeReport): string {
  const say = namer(r.names);
  const titleOf = new Map(r.filings.map((f) => [f.id, f.title]));
  const filingRef = (id: string) => `${titleOf.get(id) ?? id} (\`${id}/\`)`;
  const where = (c: { caseNumber: string; courtId: string }) => `${c.caseNumber}, ${say.court(c.courtId)}`;
  const L: string[] = ['# Changes', '', ...runLines(r)];
  if (r.identical) L.push('Nothing changed: the same cases in the same filings, and every document byte-identical.', '');
  L.push(`- Config: ${r.config.changed ? 'changed' : 'unchanged'}`);
  L.push(`- Templates: ${r.templates.changed.length ? `changed: ${r.templates.changed.join(', ')}` : 'unchanged'}`);
  if (r.asOf.old !== r.asOf.new) L.push(`- As-of date: ${r.asOf.old} -> ${r.asOf.new} (every document that prints the date changes)`);
  L.push('');
  if (r.edits.length) {
    L.push(`## Edits applied (${r.edits.length})`, '', '| line | case | action | value | reason |', '|---|---|---|---|---|');
    for (const e of r.edits) L.push(`| ${e.line} | ${e.caseNumber} | ${e.action} | ${cell(e.value)} | ${cell(e.reason)} |`);
    L.push('');
  }
  const unchanged = r.filings.filter((f) => f.status === 'unchanged');
  for (const f of r.filings.filter((x) => x.status !== 'unchanged')) {
    L.push(`## ${f.title} (${f.status})`, '');
    L.push(`Folder \`${f.id}/\`: ${plural(f.caseCount.new, 'case', 'cases')}, was ${count(f.caseCount.old)}.`, '');
    if (f.renumbered) L.push(renumberedLine(f.renumbered), '');
    const list = (title: string, xs: string[]) => {
      if (!xs.length) return;
      L.push(`${title} (${xs.length}):`, '', ...xs.map((x) => `- ${x}`), '');
    };
    list('Struck', f.struck.map((c) => `${where(c)}: ${c.reason}`));
    list('Added', f.added.map(where));
    list('Moved in', f.movedIn.map((c) => `${where(c)}, from ${filingRef(c.from)}`));
    list('Moved out or no longer in the input', f.removed.map((c) => `${where(c)}${c.to ? `, to ${filingRef(c.to)}` : ''}`));
    list('Relief changed', f.reliefChanged.map((c) => `${where(c)}: ${say.relief(c.from)} -> ${say.relief(c.to)}`));
    const d = f.documents;
    list('Documents changed', d.changed);
    list('Documents unchanged (same sha256)', d.unchanged);
    list('Documents added', d.added);
    list('Documents removed', d.removed);
  }
  if (unchanged.length) {
    L.push(`## Unchanged filings (${unchanged.length})`, '', 'The same cases, and every document byte-identical (same sha256):', '', ...unchanged.map((f) => `- ${filingRef(f.id)}: ${plural(f.caseCount.new, 'case', 'cases')}; ${plural(f.documents.unchanged.length, 'document', 'documents')}`), '');
  }
  return L.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
