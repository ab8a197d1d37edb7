/**
 * What the summary says, once, for both summary.html and summary.pdf: its
 * sections, each with a few sentences, tables of withheld-or-printed cells,
 * and the chart each table gets. Every number passes through the small-cell
 * rule (withhold.ts) here, so neither renderer ever sees a withheld value.
 */
import type { Config } from '../config/schema';
import type { RunMeta } from '../output/manifest';
import type { Aggregates, Group, Reason } from './aggregate';
import { cell, group, single, withhold, type Cell, type PrintedRow, type RawRow } from './withhold';

export interface Table {
  id: string;
  caption: string;
  /** The header of the label column, then of each number column. */
  head: string[];
  /** Number columns' keys, as in the cells' keys. */
  columns: string[];
  rows: PrintedRow[];
  total?: PrintedRow;
  /** A bar chart of one number column (`total`: the total's bar first, as the flow's input rows). */
  chart?: { title: string; axis: string; column: number; total?: boolean };
}

export interface Section {
  id: string;
  title: string;
  paragraphs: string[];
  tables: Table[];
}

export interface SummaryModel {
  title: string;
  subtitle: string;
  sections: Section[];
  /** Every printed number by key (null when withheld), for machines: embedded in summary.html. */
  data: Record<string, number | null>;
  smallCell: number;
}

const s = (n: number, one: string, many = `${one}s`) => (n === 1 ? one : many);

export function summaryModel(a: Aggregates, meta: RunMeta, config: Config): SummaryModel {
  const k = config.summary.small_cell;
  const c = a.counts;
  const sections: Section[] = [];

  // At a glance: the figures an announcement quotes.
  const glance: RawRow[] = [
    { key: 'people', label: 'People', people: a.people, values: [a.people] },
    { key: 'cases', label: 'Cases filed', people: a.people, values: [c.filedCases] },
    { key: 'counts', label: 'Counts (input rows) filed', people: a.people, values: [c.filedRows] },
    { key: 'motions', label: 'Motions', people: a.people, values: [a.motions] },
    ...(c.challengedCases ? [{ key: 'challenged', label: 'Cases challenged (HS 11361.9)', people: a.outcomePeople.challenged, values: [c.challengedCases] }] : []),
  ];
  const overview = withhold('overview', ['n'], glance, k, false);
  sections.push({
    id: 'overview',
    title: 'At a glance',
    paragraphs: [
      `${config.county}: the filings planned by bulk-motions ${meta.toolVersion} as of ${meta.asOf}${meta.draft ? ' (drafts, not for filing)' : ''}.`,
      `People are distinct individuals, told apart by CII number, or by name and date of birth together; no one is named here.${a.unidentified ? ` ${group(a.unidentified)} filed ${s(a.unidentified, 'case carries', 'cases carry')} neither and ${s(a.unidentified, 'counts', 'count')} as one person each.` : ''} A count is one input row: one conviction count of a case.`,
      `Any number from fewer than ${group(k)} people reads "fewer than ${group(k)}"; where a table's total would give such a number away, the next smallest reads "withheld".`,
    ],
    tables: [{ id: 'overview', caption: 'At a glance', head: ['', 'Number'], columns: ['n'], rows: overview }],
  });

  // Where every input row went.
  const p = a.outcomePeople;
  const flow: RawRow[] = [
    { key: 'filed', label: 'Filed', people: a.people, values: [c.filedRows] },
    ...(c.challengedRows ? [{ key: 'challenged', label: 'Challenged', people: p.challenged, values: [c.challengedRows] }] : []),
    { key: 'excluded', label: 'Excluded', people: p.excluded, values: [c.excludedRows] },
    { key: 'review', label: 'To review', people: p.review, values: [c.reviewRows] },
    { key: 'rejected', label: 'Rejected', people: p.rejected, values: [c.rejectedRows] },
    ...(c.struckRows ? [{ key: 'struck', label: 'Struck by the court', people: p.struck, values: [c.struckRows] }] : []),
  ];
  const flowRows = withhold('flow', ['rows'], flow, k, true);
  sections.push({
    id: 'flow',
    title: 'Where every input row went',
    paragraphs: [
      `${group(c.inputRows)} input ${s(c.inputRows, 'row')} = ${flowRows.map((r) => `${r.cells[0]!.text} ${r.label.toLowerCase()}`).join(' + ')}.`,
      'Filed rows are in a motion; challenged rows in a notice of challenge; excluded rows are screened not to file; rows to review wait for a person; rejected rows are malformed and must be fixed and resubmitted.',
    ],
    tables: [{ id: 'flow', caption: 'Input rows by outcome', head: ['Outcome', 'Rows'], columns: ['rows'], rows: flowRows, total: { key: 'input', label: 'Input rows', cells: [cell('flow.input.rows', c.inputRows, undefined, k)] }, chart: { title: 'Where the input rows went', axis: 'Rows', column: 0, total: true } }],
  });

  // People, cases and counts by agency, relief and case type.
  const pcc = (id: string, caption: string, head: string, groups: Group[], chartTitle: string): Table => ({
    id,
    caption,
    head: [head, 'People', 'Cases', 'Counts'],
    columns: ['people', 'cases', 'counts'],
    rows: withhold(id, ['people', 'cases', 'counts'], groups.map((g) => ({ key: g.key, label: g.label, people: g.people, values: [g.people, g.cases, g.rows] })), k, true),
    total: { key: 'total', label: 'All filed', cells: withhold(id, ['people', 'cases', 'counts'], [{ key: 'total', label: '', people: a.people, values: [a.people, c.filedCases, c.filedRows] }], k, false)[0]!.cells },
    chart: { title: chartTitle, axis: 'Cases', column: 1 },
  });
  sections.push({ id: 'agency', title: 'By prosecuting agency', paragraphs: [], tables: [pcc('agency', 'People, cases and counts by agency', 'Agency', a.agencies, 'Cases by agency')] });
  sections.push({ id: 'relief', title: 'By relief', paragraphs: [], tables: [pcc('relief', 'People, cases and counts by relief asked', 'Relief', a.reliefs, 'Cases by relief')] });
  sections.push({ id: 'case-type', title: 'By case type', paragraphs: [], tables: [pcc('case-type', 'People, cases and counts by case type', 'Case type', a.caseTypes, 'Cases by case type')] });

  const pc = (id: string, caption: string, head: string, groups: Group[], chart?: Table['chart']): Table => ({
    id,
    caption,
    head: [head, 'People', 'Cases'],
    columns: ['people', 'cases'],
    rows: withhold(id, ['people', 'cases'], groups.map((g) => ({ key: g.key, label: g.label, people: g.people, values: [g.people, g.cases] })), k, true),
    ...(chart ? { chart } : {}),
  });
  sections.push({ id: 'decade', title: 'Convictions by decade', paragraphs: ['A case is counted in the decade of its earliest conviction date.'], tables: [pc('decade', 'People and cases by decade of conviction', 'Decade', a.decades, { title: 'Cases by decade of conviction', axis: 'Cases', column: 1 })] });
  sections.push({ id: 'court', title: 'Cases by court', paragraphs: [], tables: [pc('court', 'People and cases by court', 'Court', a.courts)] });

  const reasonTable = (id: string, caption: string, list: Reason[]): Table => ({
    id,
    caption,
    head: ['Code', 'Rows'],
    columns: ['rows'],
    rows: withhold(id, ['rows'], list.map((r) => ({ key: r.code, label: `${r.code} ${r.name}`, people: r.people, values: [r.rows] })), k, true),
  });
  sections.push({
    id: 'reasons',
    title: 'Review and rejection reasons',
    paragraphs: [c.reviewRows + c.rejectedRows ? 'Rows by the diagnostic that sent them to review.csv or rejects.csv (docs/diagnostics.md explains each code). A rejected row counts as one person: it is not read far enough to tell.' : 'No row went to review or was rejected.'],
    tables: [...(a.review.length ? [reasonTable('review', 'Rows to review, by reason', a.review)] : []), ...(a.rejected.length ? [reasonTable('rejected', 'Rows rejected, by reason', a.rejected)] : [])],
  });

  const flags = a.flags.filter((f) => f.filed.cases + f.review + f.excluded > 0);
  if (flags.length) {
    sections.push({
      id: 'flags',
      title: 'Screening flags',
      paragraphs: ['Cases the screening flagged, by what became of them. A case may carry several flags.'],
      tables: [{
        id: 'flags',
        caption: 'Cases by screening flag',
        head: ['Flag', 'Filed', 'To review', 'Excluded'],
        columns: ['filed', 'review', 'excluded'],
        rows: flags.map((f) => ({ key: f.flag, label: f.flag.replace(/_/g, ' '), cells: [single(`flags.${f.flag}.filed`, f.filed.cases, f.filed.people, k), single(`flags.${f.flag}.review`, f.review, f.reviewPeople, k), single(`flags.${f.flag}.excluded`, f.excluded, f.excludedPeople, k)] })),
      }],
    });
  }

  const d = a.demographics;
  if (d && (d.race || d.gender || d.age)) {
    const people = (id: string, caption: string, head: string, groups: Group[], title: string): Table => ({
      id,
      caption,
      head: [head, 'People'],
      columns: ['people'],
      rows: withhold(id, ['people'], groups.map((g) => ({ key: g.key, label: g.label, people: g.people, values: [g.people] })), k, true),
      chart: { title, axis: 'People', column: 0 },
    });
    sections.push({
      id: 'demographics',
      title: 'People by race, gender and age at conviction',
      paragraphs: ['As the input records them. A person\'s race and gender are taken from their first filed case, their age from their earliest filed conviction.'],
      tables: [
        ...(d.race ? [people('race', 'People by race', 'Race', d.race, 'People by race')] : []),
        ...(d.gender ? [people('gender', 'People by gender', 'Gender', d.gender, 'People by gender')] : []),
        ...(d.age ? [people('age', 'People by age at conviction', 'Age', d.age, 'People by age at conviction')] : []),
      ],
    });
  }

  const sources = [
    ...meta.inputs.map((i) => `Input: ${i.file}, sha256 ${i.sha256}`),
    `Config: ${meta.config.file}, sha256 ${meta.config.sha256}`,
    ...(meta.edits ? [`Edits: ${meta.edits.file}, sha256 ${meta.edits.sha256}`] : []),
    ...(meta.resolved ? [`Answers to review: ${meta.resolved.file}, sha256 ${meta.resolved.sha256}`] : []),
    `Tool: bulk-motions ${meta.toolVersion}; as of ${meta.asOf}.`,
  ];
  sections.push({ id: 'sources', title: 'Sources', paragraphs: sources, tables: [] });

  const data: Record<string, number | null> = {};
  for (const sec of sections) for (const t of sec.tables) for (const r of [...t.rows, ...(t.total ? [t.total] : [])]) for (const x of r.cells) data[x.key] = x.value;
  return {
    title: `Impact summary: ${config.county}`,
    subtitle: `As of ${meta.asOf}: ${overview[0]!.cells[0]!.text} people, ${overview[1]!.cells[0]!.text} cases filed in ${overview[3]!.cells[0]!.text} motions.`,
    sections,
    data,
    smallCell: k,
  };
}

/** The bars of a table's chart: one per row (the total first when the chart asks), withheld cells without a bar. */
export function chartBars(t: Table): Array<{ label: string; value: number | null; text: string }> {
  if (!t.chart) return [];
  const col = t.chart.column;
  const rows = [...(t.chart.total && t.total ? [t.total] : []), ...t.rows];
  return rows.map((r) => ({ label: r.label, value: r.cells[col]!.value, text: r.cells[col]!.text }));
}

export type { Cell };
