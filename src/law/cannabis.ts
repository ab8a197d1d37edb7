/**
 * Which code sections are cannabis sections: the sections Prop 64 and
 * HS 11361.8 are about. A row whose section is outside them is not filed
 * silently: it goes to a person (BM313), whatever its screening says.
 *
 * - HS 11357-11362.4: possession, cultivation, possession for sale, sale and
 *   transport (11357-11360), and the Prop 64 sections 11362.1-11362.4 that
 *   11361.8 measures them against (11361, 11361.5 and the rest in between are
 *   cannabis sections too);
 * - their former sections, before the 1972 recodification (Stats. 1972,
 *   ch. 1407): HS 11530 possession, 11530.5 possession for sale, 11531 sale,
 *   furnishing or transport, 11532 and 11533 (their decimals included).
 * Counsel extends FORMER here if a county's records show another.
 * Any other code (PC, VC, BP...) is never a cannabis section: "11358 PC" is a
 * Penal Code section, not cultivation.
 */
import { sectionParts } from './ceilings';

/** Former cannabis sections (base numbers; their decimal subsections are included). */
export const FORMER = ['11530', '11531', '11532', '11533'] as const;

export function isCannabisSection(section: string): boolean {
  const parts = sectionParts(section);
  if (!parts) return false;
  const n = Number(parts.base);
  if (!Number.isFinite(n)) return false;
  if (n >= 11357 && n <= 11362.4) return true;
  return (FORMER as readonly string[]).includes(String(Math.trunc(n)));
}

/** A section as the record writes it may be quoted when it reads as a code section ("PC 11358"); free text may not. */
export function isQuotableSection(section: string): boolean {
  return /^(HS|PC|VC|BP|WI) \d{3,5}(\.\d+)?(\([a-z0-9]+\))*$/.test(section);
}
