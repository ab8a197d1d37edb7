/**
 * The hearing and case number in force for one filing: the county's, then the agency's, then the filing's
 * own, each key of the narrower one winning. Used by the documents and by the run's checks (BM510).
 */
import type { Agency, Config, Hearing } from './schema';

export interface FilingFacts {
  hearing: Hearing;
  /** '' when the config has none: the caption leaves a blank line for the clerk. */
  caseNumber: string;
}

export function filingFacts(config: Config, agency: Agency | undefined, filingId: string): FilingFacts {
  const own = config.filings?.[filingId];
  let hearing: Hearing = {};
  for (const level of [config.hearing, agency?.hearing, own?.hearing]) {
    if (!level) continue;
    // A narrower level that sets a hearing date, time or department undoes a broader without_hearing.
    const sets = Boolean(level.date || level.time || level.department);
    hearing = { ...hearing, ...level };
    if (sets && !level.without_hearing) delete hearing.without_hearing;
  }
  // A ruling without a hearing drops any broader level's date, time and department.
  if (hearing.without_hearing) {
    delete hearing.date;
    delete hearing.time;
    delete hearing.department;
  }
  return { hearing, caseNumber: own?.case_number ?? config.case_number ?? '' };
}
