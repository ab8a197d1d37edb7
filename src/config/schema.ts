/**
 * The county configuration: one YAML file per county (see docs/config.md).
 * The schema is the single source of truth for the config's shape; the
 * TypeScript types are inferred from it.
 */
import { z } from 'zod';
import { CASE_TYPES, RELIEFS } from '../domain';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug such as "long-beach" (letters, digits and single hyphens)');

const nonEmpty = z.string().trim().min(1, 'must not be empty');

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

const hearingSchema = z
  .object({
    date: isoDate.optional(),
    time: z.string().optional(),
    department: z.string().optional(),
    judge: z.string().optional(),
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
         * Write each filing's names, dates of birth and CII numbers to a separate
         * CONFIDENTIAL file (for a confidential attachment), never to the public exhibit.
         */
        confidential: z.boolean().default(false),
      })
      .strict()
      .default({ columns: ['row', 'case_number', 'court', 'code_sections', 'conviction_date', 'relief'], volume_max_pages: 1000, volume_max_mb: 25, confidential: false }),
    input: inputSchema.default({ preset: 'canonical', columns: {}, values: {}, date_formats: ['YYYY-MM-DD', 'MM/DD/YYYY'] }),
    hearing: hearingSchema.optional(),
    /** Per-filing overrides, by filing id: e.g. one city's hearing in another department. */
    filings: z.record(slug, z.object({ hearing: hearingSchema }).strict()).optional(),
    templates: z.string().optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type Agency = z.infer<typeof agencySchema>;
export type Court = z.infer<typeof courtSchema>;
export type Route = z.infer<typeof routeSchema>;
