/**
 * The county configuration: one YAML file per county (see docs/config.md).
 * The schema is the single source of truth for the config's shape; the
 * TypeScript types are inferred from it.
 */
import { z } from 'zod';
import { CASE_TYPES, CHALLENGE_GROUNDS, FLAG_POLICIES, RELIEFS } from '../domain';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug such as "long-beach" (letters, digits and single hyphens)');

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/**
 * Exhibit rows per Word file by default: LibreOffice opens 15,000 rows in ... s on a 2-core machine
 * (bench/README.md, "LibreOffice"), under the minute with room to spare.
 */
export const DOCX_VOLUME_MAX_ROWS = 15000;

/** True when `s` (YYYY-MM-DD) names a day the calendar has: 2027-02-30 does not, 2028-02-29 does. */
export function isRealIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** A config date: written YYYY-MM-DD, and a real day (checked at load, so the error names the key and line). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(isRealIsoDate, 'is not a real date: check the day and the month (e.g. 02-30 does not exist)');

export const caseTypeSchema = z.enum(CASE_TYPES);
export const reliefSchema = z.enum(RELIEFS);

const attorneySchema = z
  .object({
    name: nonEmpty,
    title: z.string().optional(),
    bar_number: z
      .union([z.string(), z.number()])
      .transform((v) => String(v).trim())
      .pipe(z.string().regex(/^\d{1,7}$/, 'must be the State Bar number: digits only, e.g. "123456"')),
  })
  .strict();

/**
 * The hearing, printed on the notice of motion and the caption. Set for the county (`hearing`), for an
 * agency (`agencies[].hearing`) or for one filing (`filings.<id>.hearing`); each key of the narrower one wins.
 */
const hearingSchema = z
  .object({
    date: isoDate.optional(),
    time: z.string().optional(),
    department: z.string().optional(),
    judge: z.string().optional(),
    /** The courthouse's name, e.g. "Clara Shortridge Foltz Criminal Justice Center". */
    courthouse: z.string().optional(),
    /** Its street address, as lines. */
    address: z.array(nonEmpty).optional(),
    /**
     * Ask the court to rule without a hearing (law.yaml: hearing.without_hearing, marked confirm). A date,
     * time or department set as well is an error: the motion would say both.
     */
    without_hearing: z.boolean().optional(),
  })
  .strict()
  .refine((h) => !(h.without_hearing && (h.date || h.time || h.department)), {
    message: 'without_hearing asks for a ruling without a hearing: remove date, time and department, or without_hearing',
  });

/** One person or office given notice of the motion. */
const noticePartySchema = z
  .object({
    name: nonEmpty,
    address: z.array(nonEmpty).default([]),
    /**
     * Who the party is: the county's public defender, a city-level defender, or anyone else (the default).
     * A notice of challenge (HS 11361.9) goes to the court and the public defender: docs/challenges.md.
     */
    role: z.enum(['public_defender', 'city_defender', 'other']).default('other'),
  })
  .strict();

/**
 * Who is told of the motion: the public defender and anyone else the office lists. Printed as a statement
 * of notice appended to the motion, or, with `proof_of_service`, as a proof of service signed by the server.
 */
const noticeSchema = z
  .object({
    parties: z.array(noticePartySchema).min(1, 'list at least one party given notice, e.g. the public defender'),
    proof_of_service: z
      .object({
        /** The person who served the documents and signs the proof; a blank line for the server when not set. */
        server: nonEmpty.optional(),
        /** How, in words: "electronic service", "first-class mail", "personal delivery". */
        method: nonEmpty,
        /** The day of service; a blank line when not set (--as-of never fills it). */
        date: isoDate.optional(),
        /** Where the proof is signed, e.g. "Los Angeles, California"; a blank line when not set. */
        place: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** How the cases were found: DOJ's list under HS 11361.9, the county's own records, or both. */
export const IDENTIFIED_BY = ['doj_list', 'county_records', 'both'] as const;

/** The reviewing attorney's declaration under penalty of perjury (optional). */
const declarationSchema = z
  .object({
    name: nonEmpty,
    title: nonEmpty,
    /** Where the declaration is signed, e.g. "Los Angeles, California"; a blank line when not set. */
    place: z.string().optional(),
  })
  .strict();

export const agencySchema = z
  .object({
    id: slug,
    name: nonEmpty,
    /** The office head named on the caption block, e.g. "GEORGE GASCÓN, District Attorney". */
    head: z.string().optional(),
    attorneys: z.array(attorneySchema).min(1, 'list at least one attorney with a State Bar number'),
    address: z.array(nonEmpty).min(1, 'give the street address as a list of lines'),
    phone: nonEmpty,
    email: nonEmpty,
    attorney_for: z.string().default('Plaintiff, THE PEOPLE OF THE STATE OF CALIFORNIA'),
    /**
     * The office's stated basis for asking relief beyond what HS 11361.8 gives a case (for example
     * dismissal of a felony 11359 whose conduct is still a misdemeanor). Without it such cases go to
     * review; with it they are filed in a filing of their own that says so and relies on this basis.
     */
    beyond_statute_basis: z.string().trim().min(1).optional(),
    /** How this office's cases were identified. Without it the motion says nothing about who identified them. */
    identified_by: z.enum(IDENTIFIED_BY).optional(),
    /** The screening criteria the office applied, in one paragraph, printed in the statement of facts. */
    screening_criteria: z.string().trim().min(1).optional(),
    /** The reviewing attorney's declaration that the list was reviewed, appended to the motion. */
    declaration: declarationSchema.optional(),
    /** This office's hearing, over the county's `hearing`. */
    hearing: hearingSchema.optional(),
    /** Who this office gives notice to, in place of the county's `notice`. */
    notice: noticeSchema.optional(),
  })
  .strict();

export const courtSchema = z
  .object({
    id: slug,
    /** The name shown in exhibits so the clerk can find the file. */
    name: nonEmpty,
    /** Spellings seen in the data; matched ignoring case and whitespace. */
    aliases: z.array(nonEmpty).default([]),
    /** For former municipal courts: the city whose attorney prosecuted misdemeanors there. */
    city: z.string().optional(),
  })
  .strict();

export const routeSchema = z
  .object({
    agency: slug,
    case_types: z.array(caseTypeSchema).min(1),
    /** Only cases heard in courts of these cities. Omit to match any court. */
    cities: z.array(nonEmpty).optional(),
    /** Only cases heard in these courts (ids). Omit to match any court. */
    courts: z.array(slug).optional(),
  })
  .strict();

const reliefByType = z
  .object({
    felony: reliefSchema.optional(),
    misdemeanor: reliefSchema.optional(),
    infraction: reliefSchema.optional(),
  })
  .strict();

const flagPolicy = z.enum(FLAG_POLICIES);
export const DEFAULT_FLAG_POLICY = { deceased: 'file', after_prop64: 'review', superstrike: 'review', pc290: 'review' } as const;

export const GROUP_KEYS = ['agency', 'case_type', 'relief', 'court'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

export const EXHIBIT_COLUMNS = [
  'row',
  'case_number',
  'court',
  'code_sections',
  'conviction_date',
  'relief',
  'defendant_name',
  'dob',
  'cii',
] as const;
export type ExhibitColumn = (typeof EXHIBIT_COLUMNS)[number];

/** Canonical fields a county's own spreadsheet can be mapped onto. */
export const CANONICAL_FIELDS = [
  'case_number',
  'court',
  'case_type',
  'relief',
  'code_sections',
  'conviction_date',
  'agency',
  'defendant_name',
  'dob',
  'cii',
  'notes',
  /** Y/N: N (or No, false) says the person is still serving the sentence; blank says nothing. */
  'sentence_completed',
  /** The screening's flags, by name, separated by semicolons: deceased; after_prop64; superstrike; pc290. */
  'flags',
  /** Race and gender, read only for the summary's demographic tables (`summary.demographics: true`). */
  'race',
  'gender',
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

const inputSchema = z
  .object({
    preset: z.enum(['canonical', 'gogen']).default('canonical'),
    /** canonical field -> the header in the user's file. code_sections may name several columns. */
    columns: z
      .partialRecord(z.enum(CANONICAL_FIELDS), z.union([nonEmpty, z.array(nonEmpty).min(1)]))
      .default({}),
    /** Per-field value translations, e.g. case_type: { F: felony, M: misdemeanor }. */
    values: z.partialRecord(z.enum(['case_type', 'relief']), z.record(z.string(), z.string())).default({}),
    /** dayjs format(s) for conviction_date and dob in canonical input. */
    date_formats: z.array(nonEmpty).min(1).default(['YYYY-MM-DD', 'MM/DD/YYYY']),
  })
  .strict();

export const configSchema = z
  .object({
    county: nonEmpty,
    court_title: z.string().default('SUPERIOR COURT OF THE STATE OF CALIFORNIA'),
    agencies: z.array(agencySchema).min(1),
    courts: z.array(courtSchema).min(1),
    routing: z.array(routeSchema).min(1),
    determinations: z
      .record(nonEmpty, z.union([reliefSchema, reliefByType]))
      .default({
        'Eligible for Dismissal': 'dismiss',
        'Eligible for Reduction': { felony: 'reduce_to_misdemeanor', misdemeanor: 'reduce_to_infraction' },
      }),
    /**
     * A case whose screening says the sentence is not complete (gogen's "Sentence not Completed") is never
     * filed for dismissal, sealing or redesignation under 11361.8(e)/(f). recall_sentence (the default)
     * files it for recall or dismissal of sentence under (a)-(c); review sends it to review.csv (BM312).
     */
    sentence_not_completed: z.enum(['recall_sentence', 'review']).default('recall_sentence'),
    /**
     * What a case carrying each of the screening's flags becomes: filed (and flagged in index.csv), sent to
     * review, or excluded. See docs/config.md for why the defaults are what they are.
     */
    flags: z
      .object({
        deceased: flagPolicy.default('file'),
        after_prop64: flagPolicy.default('review'),
        superstrike: flagPolicy.default('review'),
        pc290: flagPolicy.default('review'),
      })
      .strict()
      .default(DEFAULT_FLAG_POLICY),
    /**
     * Counts of one case convicted further apart than this many months go to review (BM315): one case
     * number is likely covering two cases. Dates within the span are all kept and shown.
     */
    conviction_date_span_months: z.number().int().min(0).default(12),
    grouping: z.array(z.enum(GROUP_KEYS)).min(1).default(['agency', 'case_type', 'relief']),
    exhibit: z
      .object({
        columns: z
          .array(z.enum(EXHIBIT_COLUMNS))
          .min(1)
          .default(['row', 'case_number', 'court', 'code_sections', 'conviction_date', 'relief']),
        /** Split an exhibit into volumes past this many table pages... */
        volume_max_pages: z.number().int().min(10).default(1000),
        /** ...or past this many megabytes of PDF (e-filing portals cap file size; 25 MB is common). */
        volume_max_mb: z.number().min(1).default(25),
        /**
         * The Word files' own volumes: at most this many exhibit rows (cases) per DOCX, so each opens in an
         * office suite in under a minute (bench/README.md, "LibreOffice"). Separate from the PDF's volumes.
         */
        docx_volume_max_rows: z.number().int().min(100).default(DOCX_VOLUME_MAX_ROWS),
        /**
         * Write each filing's names, dates of birth and CII numbers to a separate
         * CONFIDENTIAL file (for a confidential attachment), never to the public exhibit.
         */
        confidential: z.boolean().default(false),
        /** The tables' type size in points, 9-12, for courts that want larger type; columns are fitted to it. */
        font_size: z.number().min(9).max(12).default(9),
      })
      .strict()
      .default({ columns: ['row', 'case_number', 'court', 'code_sections', 'conviction_date', 'relief'], volume_max_pages: 1000, volume_max_mb: 25, docx_volume_max_rows: DOCX_VOLUME_MAX_ROWS, confidential: false, font_size: 9 }),
    input: inputSchema.default({ preset: 'canonical', columns: {}, values: {}, date_formats: ['YYYY-MM-DD', 'MM/DD/YYYY'] }),
    /**
     * The number the court assigned to the bulk proceeding, printed in the caption. Without it the caption
     * has a blank line for the clerk. `filings.<id>.case_number` sets it for one filing.
     */
    case_number: z.string().trim().min(1).optional(),
    hearing: hearingSchema.optional(),
    /** Who is given notice of the motion (the public defender, ...); `agencies[].notice` overrides it. */
    notice: noticeSchema.optional(),
    /**
     * The cases the office challenges under HS 11361.9 (docs/challenges.md): rows screened with one of
     * `determinations` go to a notice of challenge per agency and case type, not to excluded.csv. The ground
     * printed for each is the screening's Eligibility Reason mapped by `grounds`, else `default_ground`.
     */
    challenges: z
      .object({
        determinations: z.array(nonEmpty).default(['Not eligible']),
        grounds: z.record(z.string(), z.enum(CHALLENGE_GROUNDS)).default({}),
        default_ground: z.enum(CHALLENGE_GROUNDS).default('criteria'),
        /** Ask for a hearing on the challenges: the notice carries the hearing block (hearing, agencies[].hearing or filings.<id>.hearing). */
        hearing: z.boolean().default(false),
      })
      .strict()
      .default({ determinations: ['Not eligible'], grounds: {}, default_ground: 'criteria', hearing: false })
      .refine((c) => c.determinations.every((d) => d.trim().toLowerCase() === 'not eligible'), {
        message: 'only "Not eligible" can be challenged: Hand Review, Maybe Eligible and the like must be decided by a person first; use [] to challenge nothing',
      }),
    /** What the proposed order says beyond the defaults. */
    order: z
      .object({
        /** Include the presiding judge's designation of a judge to rule (law.yaml: order.presiding_judge, marked confirm). */
        presiding_judge_designation: z.boolean().default(false),
        /** Records sealed besides the court's own, in words, e.g. "the arrest record of the arresting agency". */
        seal_also: z.array(nonEmpty).default([]),
      })
      .strict()
      .default({ presiding_judge_designation: false, seal_also: [] }),
    /**
     * summary.html and summary.pdf (docs/summary.md): any number from fewer than `small_cell` people is
     * withheld ("fewer than 11"); the tables of people by race, gender and age at conviction are written only
     * with `demographics: true` (and only for what the input carries).
     */
    summary: z
      .object({
        small_cell: z.number().int().min(1).default(11),
        demographics: z.boolean().default(false),
      })
      .strict()
      .default({ small_cell: 11, demographics: false }),
    /** Statements marked `confirm: true` in law.yaml that counsel has confirmed and wants printed, by key. */
    confirmed_law: z.array(nonEmpty).default([]),
    /** Per-filing overrides, by filing id: e.g. one city's hearing in another department, or its case number. */
    filings: z
      .record(
        slug,
        z
          .object({
            hearing: hearingSchema.optional(),
            case_number: z.string().trim().min(1).optional(),
          })
          .strict(),
      )
      .optional(),
    templates: z.string().optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type Agency = z.infer<typeof agencySchema>;
export type Hearing = z.infer<typeof hearingSchema>;
export type IdentifiedBy = (typeof IDENTIFIED_BY)[number];
export type Court = z.infer<typeof courtSchema>;
export type Route = z.infer<typeof routeSchema>;
