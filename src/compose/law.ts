/**
 * The law table (templates/law.yaml): every citation and statement of law the documents print, validated
 * here, each value compiled as a Handlebars template. A user's template folder may replace the file whole.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { CHALLENGE_GROUNDS, RELIEFS, type ChallengeGround, type Relief } from '../domain';

/** The Ground column's words when the law table has no challenge section. */
export const GROUND_LABEL: Record<ChallengeGround, string> = { criteria: 'Criteria', public_safety: 'Public safety' };

const text = z.string({ error: 'must be text' });
const nonEmpty = text.trim().min(1, 'must not be empty');

/** A statement resting on secondary sources is marked `confirm: true`: printed only when the config asks. */
const statement = z.union([
  nonEmpty,
  z
    .object({
      text: nonEmpty,
      confirm: z.boolean().default(false),
    })
    .strict(),
]);

const reliefEntry = z
  .object({
    title: nonEmpty,
    short_title: nonEmpty,
    order_title: nonEmpty,
    order_short_title: nonEmpty,
    heading: nonEmpty,
    exhibit_label: nonEmpty.max(16, 'must be at most 16 characters, to fit the Relief column of the exhibit'),
    basis: nonEmpty,
    request: nonEmpty,
    facts: text,
    argument: nonEmpty,
    finding: nonEmpty,
    order: nonEmpty,
    order_authority: nonEmpty,
    beyond_order: nonEmpty,
    seal: text,
  })
  .strict();

export const lawSchema = z
  .object({
    reliefs: z.object(Object.fromEntries(RELIEFS.map((r) => [r, reliefEntry])) as Record<Relief, typeof reliefEntry>).strict(),
    motion: z
      .object({
        heading_statute: statement,
        heading_bulk: statement,
        introduction: statement,
        serving: statement,
        completed: statement,
        all_purposes: statement,
        bulk: statement,
        bulk_request: statement,
        bulk_request_county: statement,
        late_after: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
        late_filing: statement,
        deemed_never_occurred: statement,
      })
      .strict(),
    identified_by: z.object({ doj_list: statement, county_records: statement, both: statement }).strict(),
    hearing: z.object({ without_hearing: statement }).strict(),
    beyond_statute: z
      .object({ notice: statement, heading: statement, statement: statement, finding: statement, order_authority: statement })
      .strict(),
    order: z
      .object({
        authority: statement,
        no_challenge: statement,
        scope: statement,
        seal_also: statement,
        minute_order: statement,
        doj_notice: statement,
        presiding_judge: statement,
      })
      .strict(),
    declaration: z.object({ reviewed: statement, criteria: statement, oath: statement }).strict(),
    notice: z.object({ heading: statement, statement: statement, proof_heading: statement, server: statement }).strict(),
    /** The notice of challenge (HS 11361.9). Optional, so a law table written before it still reads; a notice needs it. */
    challenge: z
      .object({
        title: nonEmpty,
        short_title: nonEmpty,
        addressed: statement,
        statement: statement,
        basis: statement,
        public_defender: statement,
        grounds_heading: statement,
        grounds: z
          .object(
            Object.fromEntries(CHALLENGE_GROUNDS.map((g) => [g, z.object({ label: nonEmpty.max(16, 'must be at most 16 characters, to fit the Ground column of the exhibit'), explanation: statement, note: statement.optional() }).strict()])) as Record<ChallengeGround, z.ZodObject<{ label: z.ZodString; explanation: typeof statement; note: z.ZodOptional<typeof statement> }>>,
          )
          .strict(),
        hearing: statement,
        no_relief_sought: statement,
        exhibit: statement,
      })
      .strict()
      .optional(),
  })
  .strict();

export type LawTable = z.infer<typeof lawSchema>;

/** One value of the table: its dotted key, text, whether it awaits confirmation, and its line in the file. */
export interface LawEntry {
  key: string;
  text: string;
  confirm: boolean;
  line?: number;
}

export interface ParsedLaw {
  entries: LawEntry[];
  labels: Record<Relief, string>;
  groundLabels: Record<ChallengeGround, string>;
  lateAfter: string;
}

/** Keys whose value is data, not text to print. */
const DATA_KEYS = new Set(['motion.late_after']);

export function parseLaw(source: string, origin: string): { law?: ParsedLaw; diagnostics: Diagnostic[] } {
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return { diagnostics: doc.errors.map((e) => diag('BM706', { file: origin, line: lc.linePos(e.pos[0]).line }, `the law table cannot be read: ${e.message.split('\n')[0]}`, 'fix the YAML syntax at that line')) };
  }
  const lineAt = (path: ReadonlyArray<PropertyKey>): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) return lc.linePos(range[0]).line;
    }
    return undefined;
  };
  const raw: unknown = doc.toJS() ?? {};
  const missing = (path: ReadonlyArray<PropertyKey>) => {
    let v: unknown = raw;
    for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
    return v === undefined;
  };
  const parsed = lawSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      diagnostics: parsed.error.issues.map((i) => {
        const key = i.path.map(String).join('.') || '(top level)';
        const what =
          i.code === 'unrecognized_keys'
            ? `unknown key(s) ${i.keys.map((k) => `"${k}"`).join(', ')} under ${key}`
            : i.path.length && missing(i.path)
              ? `${key} is required but missing`
              : `${key}: ${i.message}`;
        return diag('BM706', { file: origin, line: lineAt(i.path), column: key }, `the law table is not valid: ${what}`, 'compare it with the default templates/law.yaml; docs/templates.md describes each key');
      }),
    };
  }
  const entries: LawEntry[] = [];
  const walk = (v: unknown, path: string[]) => {
    const key = path.join('.');
    if (DATA_KEYS.has(key)) return;
    if (typeof v === 'string') entries.push({ key, text: v, confirm: false, line: lineAt(path) });
    else if (v && typeof v === 'object' && 'text' in v && typeof (v as { text: unknown }).text === 'string') {
      const s = v as { text: string; confirm: boolean };
      entries.push({ key, text: s.text, confirm: s.confirm, line: lineAt(path) });
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(parsed.data, []);
  const labels = Object.fromEntries(RELIEFS.map((r) => [r, parsed.data.reliefs[r].exhibit_label])) as Record<Relief, string>;
  const groundLabels = Object.fromEntries(CHALLENGE_GROUNDS.map((g) => [g, parsed.data.challenge?.grounds[g].label ?? GROUND_LABEL[g]])) as Record<ChallengeGround, string>;
  return { law: { entries, labels, groundLabels, lateAfter: parsed.data.motion.late_after }, diagnostics: [] };
}

/** Put a rendered value at its dotted key. */
export function setAt(target: Record<string, unknown>, key: string, value: string): void {
  const parts = key.split('.');
  let o = target;
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  o[parts[parts.length - 1]!] = value;
}
