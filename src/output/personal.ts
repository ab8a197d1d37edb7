/**
 * Which columns of an input row carry personal data: the one list. The
 * top-level review.csv, rejects.csv and excluded.csv keep these columns with
 * their cells emptied; the full rows go to confidential/ (docs/review.md).
 * A review row's row_key is computed from the other columns only, so the
 * public file carries no hash of a name or a date of birth.
 */
import type { Config } from '../config/schema';

/** Header names, compared lower-cased with every run of non-letters/digits as one "_". */
export const PERSONAL_COLUMNS = [
  // gogen (DOJ extract)
  'cii_number', 'pri_name', 'pri_dob', 'gender', 'race_descr', 'subject_id', 'cyc_age',
  // canonical format
  'defendant_name', 'dob', 'cii',
  // common spellings in a county's own spreadsheet
  'name', 'first_name', 'last_name', 'middle_name', 'full_name', 'aka', 'alias', 'date_of_birth', 'birth_date', 'birthdate',
  'cii_no', 'ssn', 'social_security_number', 'race', 'ethnicity', 'sex', 'address', 'street_address', 'phone', 'telephone', 'email',
  'fbi_number', 'fbi_no', 'cdl', 'drivers_license', 'driver_license_number', 'age',
] as const;

export function normaliseHeader(h: string): string {
  // Asked for every cell of every listed row (the listings, row keys): each header is normalised once. A pure
  // function's cache, bounded; headers are few.
  let n = NORMALISED.get(h);
  if (n === undefined) {
    if (NORMALISED.size >= 1024) NORMALISED.clear();
    NORMALISED.set(h, (n = h.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')));
  }
  return n;
}

const NORMALISED = new Map<string, string>();

export type PersonalTest = (header: string) => boolean;

/** The list above, plus the headers the config maps to defendant_name, dob, cii, race and gender. */
export function personalColumns(config?: Config): PersonalTest {
  const names = new Set<string>(PERSONAL_COLUMNS);
  const mapped = config?.input.columns ?? {};
  for (const f of ['defendant_name', 'dob', 'cii', 'race', 'gender'] as const) {
    const v = mapped[f];
    for (const h of v === undefined ? [] : Array.isArray(v) ? v : [v]) names.add(normaliseHeader(h));
  }
  return (header) => names.has(normaliseHeader(header));
}
