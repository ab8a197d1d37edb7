/**
 * The statutory ceiling: the most relief HS 11361.8 gives a conviction, by its
 * code section and case type. THIS FILE IS THE PLACE COUNSEL CORRECTS IT.
 *
 * Source: ../shared/reference/prop64-law.md ("Which relief the statute gives,
 * by offense"). Each entry says whether the reference marks the point
 * [checked] (confirmed against the statute or a court's reading) or whether it
 * is an inference counsel should [confirm].
 *
 * How it is used. The screening (gogen's determination mapped through the
 * config, or the canonical relief column) decides each case's relief. The
 * ceiling only bounds it: relief above the ceiling is something the statute
 * does not give, so the case is filed only in a filing of its own on the
 * office's stated basis (`agencies[].beyond_statute_basis`), or goes to review
 * (BM310). A case's ceiling is the lowest over its code sections: a case of an
 * 11359 count and an 11358 count gets what 11359 gets.
 *
 * The table reads the record as it stands: a section and a case type, no
 * amounts or plant counts, and it assumes a person 21 or over at the time of
 * the offense (for 18 to 20, possession and cultivation of up to 6 plants are
 * infractions: redesignation, not dismissal; the screening must catch that).
 * Subdivision letters were renumbered over the years (1976, 2016), so the
 * table mostly works on the base section ("HS 11357(c)" is 11357). An entry
 * may name a subdivision ("11360(b)") where the letter decides; it then wins
 * over the base section's entry. Convictions after 2016 go to review anyway
 * (BM311), so a subdivision letter here reads in the 1976-2016 numbering.
 *
 * recall_sentence is another axis: (a)-(c) recall or dismissal of a sentence
 * being served. It is within the statute for any 11357-11360 conviction.
 *
 * Former sections (before the 1972 recodification, Stats. 1972, ch. 1407:
 * former HS 11530 possession, 11531 sale, furnishing or transport, and the
 * rest) and any section other than 11357-11360 are outside (e), which names
 * only 11357-11360: ceiling none, for every relief including recall.
 */
import type { CaseType, Relief } from '../domain';

/** The most relief the statute gives, or none. */
export type Ceiling = Exclude<Relief, 'recall_sentence'> | 'none';

/** The four sections subdivision (e) names. */
export const STATUTE_SECTIONS = ['11357', '11358', '11359', '11360'] as const;
export type StatuteSection = (typeof STATUTE_SECTIONS)[number];

export interface CeilingEntry {
  /** A base section ("11359"), or a base section and its subdivision in the 1976-2016 numbering ("11360(b)"). */
  section: StatuteSection | `${StatuteSection}(${string})`;
  caseType: CaseType;
  ceiling: Ceiling;
  /** [checked] in the reference, or an inference to [confirm]. */
  status: 'checked' | 'confirm';
  why: string;
}

export const CEILINGS: readonly CeilingEntry[] = [
  // ---- HS 11357 possession
  {
    section: '11357',
    caseType: 'felony',
    ceiling: 'reduce_to_misdemeanor',
    status: 'checked',
    why: 'felony possession of concentrate (old 11357(a)) is now a misdemeanor: redesignate it. Possession of up to 8 g of concentrate (or, before the 1976 Moscone Act, felony possession of up to 28.5 g under plain 11357) is now legal; counsel may raise this to dismiss_and_seal [confirm]',
  },
  { section: '11357', caseType: 'misdemeanor', ceiling: 'dismiss_and_seal', status: 'checked', why: 'possession of up to 28.5 g is legal: dismiss and seal. More than 28.5 g was and is a misdemeanor (often no relief): the screening decides' },
  // Counsel may narrow the misdemeanor: 11357(c) as numbered 1976-2016 was possession of more than 28.5 g and
  // 11357(d) possession on school grounds, both still misdemeanors (no lesser offense). Adding
  //   { section: '11357(c)', caseType: 'misdemeanor', ceiling: 'none', status: 'checked', why: '...' },
  // would send such cases to review or to a beyond-statute filing. Not a default: gogen screened them, and
  // Los Angeles dismissed them.
  { section: '11357', caseType: 'infraction', ceiling: 'dismiss_and_seal', status: 'checked', why: 'the infraction was possession of up to 28.5 g, now legal: dismiss and seal' },

  // ---- HS 11358 cultivation
  { section: '11358', caseType: 'felony', ceiling: 'dismiss_and_seal', status: 'checked', why: 'cultivation of up to 6 plants is legal: dismiss and seal; more is a misdemeanor (redesignate): the screening decides' },
  { section: '11358', caseType: 'misdemeanor', ceiling: 'dismiss_and_seal', status: 'checked', why: 'cultivation of up to 6 plants is legal: dismiss and seal' },
  { section: '11358', caseType: 'infraction', ceiling: 'dismiss_and_seal', status: 'checked', why: 'cultivation of up to 6 plants is legal: dismiss and seal' },

  // ---- HS 11359 possession for sale
  { section: '11359', caseType: 'felony', ceiling: 'reduce_to_misdemeanor', status: 'checked', why: 'possession for sale is still a misdemeanor (a felony only under (c)/(d)): redesignate the felony as a misdemeanor; the statute does not give dismissal' },
  { section: '11359', caseType: 'misdemeanor', ceiling: 'none', status: 'confirm', why: 'possession for sale by an adult is still a misdemeanor: no lesser offense, so (e) gives nothing' },
  { section: '11359', caseType: 'infraction', ceiling: 'none', status: 'confirm', why: 'no lesser offense than an infraction: (e) gives nothing' },

  // ---- HS 11360 sale, transport, giving away
  {
    section: '11360',
    caseType: 'felony',
    ceiling: 'reduce_to_misdemeanor',
    status: 'checked',
    why: 'sale is still a misdemeanor (a felony only under (a)(3)): redesignate the felony as a misdemeanor; the statute does not give dismissal. Transporting or giving away up to 28.5 g to a person 21 or over is now legal; before 2016 that was the misdemeanor 11360(b), but a felony for some earlier conduct: counsel may raise this [confirm]',
  },
  {
    section: '11360(b)',
    caseType: 'misdemeanor',
    ceiling: 'dismiss_and_seal',
    status: 'checked',
    why: '11360(b) (1976-2016) was giving away or transporting up to 28.5 g, which is now legal for a person 21 or over: dismiss and seal',
  },
  {
    section: '11360',
    caseType: 'misdemeanor',
    ceiling: 'none',
    status: 'confirm',
    why: 'a misdemeanor 11360 that the record does not show as 11360(b) may be a sale, which is still a misdemeanor: no lesser offense. Most were 11360(b); counsel may raise this to dismiss_and_seal',
  },
  { section: '11360(b)', caseType: 'infraction', ceiling: 'dismiss_and_seal', status: 'checked', why: 'as for a misdemeanor 11360(b): giving away or transporting up to 28.5 g is now legal' },
  { section: '11360', caseType: 'infraction', ceiling: 'none', status: 'confirm', why: 'no lesser offense than an infraction: (e) gives nothing unless the conduct is now legal, as for 11360(b)' },
];

/** Relief in order of how much it gives, per case type; a relief absent from a list does not apply to that case type. */
const RANKS: Record<CaseType, readonly Ceiling[]> = {
  felony: ['none', 'reduce_to_misdemeanor', 'reduce_to_infraction', 'dismiss', 'dismiss_and_seal'],
  misdemeanor: ['none', 'reduce_to_infraction', 'dismiss', 'dismiss_and_seal'],
  infraction: ['none', 'dismiss', 'dismiss_and_seal'],
};

/** 0 for none, higher gives more; undefined when the relief does not apply to the case type (reduce a misdemeanor to a misdemeanor). */
export function reliefRank(caseType: CaseType, relief: Ceiling): number | undefined {
  const i = RANKS[caseType].indexOf(relief);
  return i < 0 ? undefined : i;
}

/** Base section and first subdivision letter (lower case), e.g. "H&S 11360(B)(2)" -> ["11360", "b"]. */
export function sectionParts(section: string): { base: string; subdivision?: string } | undefined {
  const t = section.trim().toUpperCase().replace(/\s+/g, ' ');
  const m = SECTION.exec(t);
  if (!m) return undefined;
  return m[2] ? { base: m[1]!, subdivision: m[2].toLowerCase() } : { base: m[1]! };
}

const SECTION = /^(?:(?:H\s?&\s?S|HS|HSC)\.?\s*)?(\d{3,5}(?:\.\d+)?)\s*(?:\(([A-Z0-9]+)\))?(?:\([A-Z0-9]+\))*\s*(?:(?:H\s?&\s?S|HS|HSC)\.?)?$/;

/**
 * The base section of a Health and Safety Code section as the record writes
 * it: "HS 11357(c)", "11359 HS", "H&S 11360(a)", "11357(A)HS", "HSC 11530.5" or
 * a bare "11358". undefined for another code ("PC 148") or text we can't read.
 */
export function baseSection(section: string): string | undefined {
  return sectionParts(section)?.base;
}

const isStatuteSection = (s: string | undefined): s is StatuteSection => (STATUTE_SECTIONS as readonly string[]).includes(s ?? '');

/** One section's ceiling for a case type ('none' outside 11357-11360). */
export function sectionCeiling(caseType: CaseType, section: string): { ceiling: Ceiling; entry?: CeilingEntry } {
  const parts = sectionParts(section);
  if (!parts || !isStatuteSection(parts.base)) return { ceiling: 'none' };
  // The entry for the subdivision, if there is one, wins over the base section's.
  const entry =
    (parts.subdivision !== undefined ? CEILINGS.find((e) => e.section === `${parts.base}(${parts.subdivision})` && e.caseType === caseType) : undefined) ??
    CEILINGS.find((e) => e.section === parts.base && e.caseType === caseType);
  return entry ? { ceiling: entry.ceiling, entry } : { ceiling: 'none' };
}

/**
 * A case's ceiling: the lowest over its code sections, and the sections that
 * set it. A case with no section at all has ceiling none: nothing shows the
 * statute reaches it.
 */
export function caseCeiling(caseType: CaseType, codeSections: readonly string[]): { ceiling: Ceiling; limiting: string[] } {
  if (codeSections.length === 0) return { ceiling: 'none', limiting: [] };
  let best: Ceiling | undefined;
  let limiting: string[] = [];
  for (const s of codeSections) {
    const c = sectionCeiling(caseType, s).ceiling;
    const r = reliefRank(caseType, c)!;
    if (best === undefined || r < reliefRank(caseType, best)!) {
      best = c;
      limiting = [s];
    } else if (c === best) limiting.push(s);
  }
  return { ceiling: best!, limiting };
}

/** Whether HS 11361.8 gives `relief` to a case of this type and these code sections. */
export function withinStatute(caseType: CaseType, codeSections: readonly string[], relief: Relief): boolean {
  if (codeSections.length === 0) return false;
  // Recall of a sentence being served: any conviction of the four sections (a).
  if (relief === 'recall_sentence') return codeSections.every((s) => isStatuteSection(baseSection(s)));
  const r = reliefRank(caseType, relief);
  if (r === undefined || r === 0) return false;
  return r <= reliefRank(caseType, caseCeiling(caseType, codeSections).ceiling)!;
}
