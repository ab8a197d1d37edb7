/**
 * Exhibit A: the table of every case in a filing. Cells are computed here,
 * once, for both renderers.
 */
import type { Config } from '../config/schema';
import type { CaseRecord, ChallengeGround, Relief } from '../domain';
import { GROUND_LABEL } from '../compose/law';
import type { ExhibitColumnKey } from './types';
import { distinctSections } from '../law/sections';
import type { Filing } from '../plan';
import type { Exhibit, ExhibitColumnSpec } from './types';

const COLUMN: Record<ExhibitColumnKey, Omit<ExhibitColumnSpec, 'key'>> = {
  ground: { header: 'Ground', width: 26, align: 'left' },
  row: { header: 'No.', width: 7, align: 'right' },
  case_number: { header: 'Case Number', width: 14, align: 'left' },
  court: { header: 'Court', width: 33, align: 'left' },
  code_sections: { header: 'Code Section(s)', width: 20, align: 'left' },
  conviction_date: { header: 'Convicted', width: 11, align: 'left' },
  relief: { header: 'Relief', width: 16, align: 'left' },
  defendant_name: { header: 'Name', width: 22, align: 'left' },
  dob: { header: 'Date of Birth', width: 12, align: 'left' },
  cii: { header: 'CII', width: 12, align: 'left' },
};

/** The Relief column's words when the law table gives none: templates/law.yaml's exhibit_label. */
export const RELIEF_LABEL: Record<Relief, string> = {
  dismiss: 'Dismiss',
  dismiss_and_seal: 'Dismiss & seal',
  reduce_to_misdemeanor: 'Felony to misd.',
  reduce_to_infraction: 'Misd. to infr.',
  recall_sentence: 'Recall & dismiss',
};

/** "2016-10-14" -> "10/14/2016", as courts write dates. */
export function usDate(iso: string): string {
  return iso ? `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}` : '';
}

export function exhibitFor(filing: Filing, config: Config, letter = 'A', reliefLabels?: Readonly<Record<Relief, string>>, groundLabels?: Readonly<Record<ChallengeGround, string>>): Exhibit {
  // A notice of challenge lists each case with its ground where a motion shows the relief.
  const keys: ExhibitColumnKey[] = filing.challenge ? (config.exhibit.columns.includes('relief') ? config.exhibit.columns.map((k) => (k === 'relief' ? 'ground' : k)) : [...config.exhibit.columns, 'ground']) : config.exhibit.columns;
  const n = filing.caseCount;
  const counts = filing.rowCount;
  return {
    letter,
    title: `EXHIBIT ${letter}`,
    // The exhibit lists cases; a case can hold several counts: "List of 202 cases (276 counts)".
    description: `List of ${n.toLocaleString('en-US')} ${n === 1 ? 'case' : 'cases'}${counts > n ? ` (${counts.toLocaleString('en-US')} counts)` : ''}`,
    ...(reliefLabels ? { reliefLabels } : {}),
    ...(config.exhibit.font_size !== undefined ? { fontSize: config.exhibit.font_size } : {}),
    columns: keys.map((key) => ({ key, ...COLUMN[key] })),
    ...(filing.challenge ? { groundLabels: groundLabels ?? GROUND_LABEL } : {}),
    cases: filing.cases,
    firstRow: 0,
    courtNames: new Map(config.courts.map((c) => [c.id, c.name])),
  };
}

export function exhibitCells(ex: Exhibit, c: CaseRecord, index: number): string[] {
  return ex.columns.map((col) => {
    switch (col.key) {
      case 'row':
        return String(ex.firstRow + index + 1);
      case 'case_number':
        return c.caseNumber;
      case 'court':
        return ex.courtNames.get(c.court) ?? c.court;
      case 'code_sections':
        return distinctSections(c.codeSections).join(', ');
      case 'conviction_date':
        // A case whose counts were convicted on several days shows every one.
        return c.convictionDates ? c.convictionDates.map(usDate).join(', ') : usDate(c.convictionDate);
      case 'relief':
        return (ex.reliefLabels ?? RELIEF_LABEL)[c.relief];
      case 'defendant_name':
        return c.defendantName ?? '';
      case 'dob':
        return usDate(c.dob ?? '');
      case 'cii':
        return c.cii ?? '';
      case 'ground': {
        // The ground, then the screening's reason behind it: "Criteria: Age at offense under 18".
        const ch = c.challenge;
        if (!ch) return '';
        const labels = ex.groundLabels ?? GROUND_LABEL;
        return ch.grounds.map((g) => labels[g]).join('; ') + (ch.reasons.length ? `: ${ch.reasons.join('; ')}` : '');
      }
    }
  });
}

/** "Volume 2 of 3" and "Rows 1,001 through 2,000: cases BA1 through BA9", for a volume's cover. */
export function volumeLines(ex: Exhibit): string[] {
  if (!ex.volume) return [];
  const first = ex.cases[0]?.caseNumber ?? '';
  const last = ex.cases[ex.cases.length - 1]?.caseNumber ?? '';
  return [
    `Volume ${ex.volume.n} of ${ex.volume.of}`,
    `Rows ${(ex.firstRow + 1).toLocaleString('en-US')} through ${(ex.firstRow + ex.cases.length).toLocaleString('en-US')}: cases ${first} through ${last}`,
  ];
}
