/**
 * Words of the domain shared by every stage. Kept tiny and dependency-free.
 */
export const CASE_TYPES = ['felony', 'misdemeanor', 'infraction'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** The order here is the order filings are listed in. */
export const RELIEFS = [
  'dismiss',
  'dismiss_and_seal',
  'reduce_to_misdemeanor',
  'reduce_to_infraction',
  'recall_sentence',
] as const;
export type Relief = (typeof RELIEFS)[number];

/** gogen's "Eligibility Determination" values that must never be filed. */
export const NON_FILEABLE_DETERMINATIONS = [
  'Not eligible',
  'Maybe Eligible - Flag for Review',
  'Hand Review',
  'To be reviewed by City Attorneys',
] as const;

/** The two grounds HS 11361.9 allows a challenge on: not meeting 11361.8's criteria, or an unreasonable risk to public safety. */
export const CHALLENGE_GROUNDS = ['criteria', 'public_safety'] as const;
export type ChallengeGround = (typeof CHALLENGE_GROUNDS)[number];

export function isCaseType(v: string): v is CaseType {
  return (CASE_TYPES as readonly string[]).includes(v);
}
export function isRelief(v: string): v is Relief {
  return (RELIEFS as readonly string[]).includes(v);
}

/**
 * What a screening marks about a person or a count, carried with the case to index.csv and review.csv.
 * Each of these has a policy in the config (`flags:`): file, review or exclude.
 */
export const POLICY_FLAGS = ['deceased', 'after_prop64', 'superstrike', 'pc290'] as const;
export type PolicyFlag = (typeof POLICY_FLAGS)[number];
/** Flags ingest derives and shows, decided by their own rules (sentence_not_completed: its config key). */
export const DERIVED_FLAGS = ['sentence_not_completed'] as const;
/** Every flag, in the order they are listed; a row's flags are a bit mask over this list. */
export const FLAGS = [...POLICY_FLAGS, ...DERIVED_FLAGS] as const;
export type Flag = (typeof FLAGS)[number];
export const FLAG_POLICIES = ['file', 'review', 'exclude'] as const;
export type FlagPolicy = (typeof FLAG_POLICIES)[number];

/** Where a value came from: the file and its physical line (1-based, header is line 1). */
export interface SourceRef {
  file: string;
  /** The line; in an Excel workbook, the row number on `sheet`. */
  line: number;
  /** The sheet, when the file is an Excel workbook. */
  sheet?: string;
}

/** A case as it enters planning: one case number in one court. */
export interface CaseRecord {
  caseNumber: string;
  /** Config court id. */
  court: string;
  caseType: CaseType;
  relief: Relief;
  /** Config agency id. */
  agency: string;
  codeSections: string[];
  /** ISO YYYY-MM-DD, or '' when the input had none. The earliest, when the counts have several. */
  convictionDate: string;
  /** Every conviction date of the counts, ascending, when there are several (all within the configured span). */
  convictionDates?: string[];
  /** The screening's flags on the case's counts (in FLAGS order), when any: index.csv shows them. */
  flags?: Flag[];
  defendantName?: string;
  dob?: string;
  cii?: string;
  notes?: string;
  /**
   * The relief goes beyond what HS 11361.8 gives this case (src/law/ceilings.ts), and is asked for on the
   * basis the agency states in `beyond_statute_basis`. Such a case is always in a filing of its own.
   */
  beyondStatute?: boolean;
  /** Every input row merged into this case. */
  sources: SourceRef[];
  /**
   * A case the office challenges (HS 11361.9; src/challenge): the grounds, in CHALLENGE_GROUNDS order, and
   * the screening's Eligibility Reasons behind them. Its `relief` is not asked for and is never printed.
   */
  challenge?: { grounds: ChallengeGround[]; reasons: string[] };
  /**
   * Who the case is about, as a 53-bit hash (src/ingest/identity.ts personKey: the CII number, else name and
   * date of birth, else SUBJECT_ID): the summary counts distinct people with it. Never written or printed.
   */
  person?: number;
  /** Race, gender and age at conviction, for the summary's demographic tables: held only when `summary.demographics` is on. */
  demographics?: Demographics;
}

/** What the summary's demographic tables count (src/summary): each held only when the input carries it. */
export interface Demographics {
  /** As the input writes it, trimmed and upper-cased ("BLACK", "HISPANIC"); a small set, interned. */
  race?: string;
  gender?: string;
  /** Whole years between the date of birth and the conviction date. */
  age?: number;
}
