/**
 * The gogen preset: Code for America's Clear My Record output files
 * (All_Results, All_Results_Condensed, Prop64_Results) read as they were
 * written. One row per count; see docs/input-formats.md.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { NON_FILEABLE_DETERMINATIONS } from '../domain';
import { formatCodeSection, parseCaseType, uniq } from './fields';
import { buildCountRow, headerIndex, type CaseNumberPick, type Cell, type Extracted, type IngestContext } from './row';
import type { RawRow, RowMapper } from './types';
import { flagBit, marks } from './flags';

export const GOGEN_REQUIRED = ['OFN', 'Case Number', 'STP_ORI_DESCR', 'CONV_STAT_DESCR', 'OFFENSE_DESCR', 'Eligibility Determination'] as const;
const DOJ_DATE = ['YYYYMMDD'] as const;
/** gogen's column saying the offense came after Prop 64 took effect. */
const AFTER_PROP_64 = 'Occurred after 11/9/2016';
/** gogen's Eligibility Reason for a person still serving the sentence: never (e)/(f) relief. */
export const SENTENCE_NOT_COMPLETED = 'Sentence not Completed';
const CONVICTION_DATE = ['MM/DD/YYYY', 'M/D/YYYY'] as const;
/** gogen's flag columns, and the flag each sets when it holds anything but blank, "-", false or no. */
const FLAG_COLUMNS = [
  ['Deceased', flagBit('deceased')],
  ['Superstrike Code Section(s)', flagBit('superstrike')],
  ['PC290 Code Section(s)', flagBit('pc290')],
  ['PC290 Registration', flagBit('pc290')],
] as const;

/** "SEE COMMENT FOR CHARGE" sends us to COMMENT_TEXT for the section. */
const SEE_COMMENT = /see\s+comment/i;
const SECTION_IN_TEXT = /(\d{3,5}(?:\.\d+)?(?:\([A-Za-z0-9]+\))*)\s*(H\s*&?\s*S|PC|VC)\b/i;

const sectionCache = new Map<string, string[]>();

/** The code section of a count; memoised, since a list repeats a few dozen offense texts. */
export function sectionFromOffense(offense: string, comment: string): string[] {
  const key = offense + '\u0000' + comment;
  const hit = sectionCache.get(key);
  if (hit) return hit.slice();
  const r = sectionFromOffenseUncached(offense, comment);
  if (sectionCache.size < 50_000) sectionCache.set(key, r.slice());
  return r;
}

function sectionFromOffenseUncached(offense: string, comment: string): string[] {
  const o = offense.trim();
  if (o === '') return [];
  if (SEE_COMMENT.test(o)) {
    const m = SECTION_IN_TEXT.exec(comment);
    if (m) return [formatCodeSection(`${m[1]}${m[2]!.replace(/\s+/g, '')}`)];
    return comment.trim() ? [comment.trim()] : [];
  }
  const dash = o.indexOf('-');
  return [formatCodeSection(dash > 0 ? o.slice(0, dash) : o)];
}

export function gogenMapper(header: readonly string[], file: string, line: number, ctx: IngestContext): { mapper?: RowMapper; fatal?: Diagnostic } {
  const idx = headerIndex(header);
  const missing = GOGEN_REQUIRED.filter((c) => !idx.has(c.toLowerCase()));
  if (missing.length) {
    return {
      fatal: diag('BM104', { file, line, column: missing[0] }, `this is not a gogen file: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`, 'pass the gogen All_Results, All_Results_Condensed or Prop64_Results file, or use --preset canonical for a canonical list'),
    };
  }
  const at = new Map<string, number | undefined>();
  const cell = (raw: RawRow, name: string): Cell => {
    let i = at.get(name);
    if (i === undefined && !at.has(name)) at.set(name, (i = idx.get(name.toLowerCase())));
    return { value: i === undefined ? '' : (raw.fields[i] ?? ''), column: name };
  };
  const determinations = Object.entries(ctx.config.determinations).map(([k, v]) => ({ key: k.trim().toLowerCase(), text: k, relief: v }));
  const nonFileable = new Map<string, string>(NON_FILEABLE_DETERMINATIONS.map((d) => [d.toLowerCase(), d]));
  const flagColumns = FLAG_COLUMNS.filter(([c]) => idx.has(c.toLowerCase()));
  const hasSubject = idx.has('subject_id');
  const textColumns = ['ofn', 'case number', 'cii_number', 'subject_id'].map((c) => idx.get(c)).filter((i): i is number => i !== undefined);

  return {
    mapper: {
      textColumns,
      map(raw) {
        const at = { file: raw.ref.file, line: raw.ref.line };
        const determinationCell = cell(raw, 'Eligibility Determination');
        const determination = determinationCell.value.trim();
        // When CONV_STAT_DESCR is blank, gogen itself read OFFENSE_TOC (F/M/I), present in All_Results.
        const statusCell = cell(raw, 'CONV_STAT_DESCR').value.trim() === '' && idx.has('offense_toc') ? cell(raw, 'OFFENSE_TOC') : cell(raw, 'CONV_STAT_DESCR');
        const caseType = parseCaseType(statusCell.value);

        let exclusion: Extracted['exclusion'];
        let relief: Extracted['relief'] = { none: true };
        if (determination === '') {
          exclusion = { code: 'BM402', determination: '(not evaluated)', undetermined: false };
        } else if (nonFileable.has(determination.toLowerCase())) {
          const d = nonFileable.get(determination.toLowerCase())!;
          exclusion = { code: 'BM401', determination: d, undetermined: d !== 'Not eligible' };
        } else {
          const m = determinations.find((d) => d.key === determination.toLowerCase());
          if (!m) {
            relief = { reject: diag('BM211', { ...at, column: 'Eligibility Determination' }, 'the determination is not one the config maps (it is listed in rejects.csv)', `map it under determinations: in the config, or correct it; known: ${determinations.map((d) => `"${d.text}"`).join(', ')}`) };
          } else if (typeof m.relief === 'string') {
            relief = { value: m.relief };
          } else if (caseType === 'felony' || caseType === 'misdemeanor' || caseType === 'infraction') {
            const r = Object.hasOwn(m.relief, caseType) ? m.relief[caseType] : undefined;
            relief = r
              ? { value: r }
              : { review: diag('BM309', { ...at, column: 'Eligibility Determination' }, `"${m.text}" has no relief configured for a ${caseType}`, `add ${caseType}: under determinations."${m.text}" in the config, or decide this case by hand`) };
          }
        }

        const extracted: Extracted = {
          caseNumber: pickCaseNumber(cell(raw, 'OFN'), cell(raw, 'Case Number')),
          court: cell(raw, 'STP_ORI_DESCR'),
          caseType: { value: caseType, cell: statusCell.value.trim() === '' ? cell(raw, 'CONV_STAT_DESCR') : statusCell },
          relief,
          codeSections: sectionFromOffense(cell(raw, 'OFFENSE_DESCR').value, cell(raw, 'COMMENT_TEXT').value),
          sectionsColumn: 'OFFENSE_DESCR',
          date: pickDate(cell(raw, 'Date of Conviction'), cell(raw, 'DISP_DATE')),
          dob: { cell: cell(raw, 'PRI_DOB'), formats: DOJ_DATE },
          defendantName: cell(raw, 'PRI_NAME').value,
          cii: cell(raw, 'CII_NUMBER').value,
        };
        if (idx.has('stp_ori_cnty_name')) extracted.county = cell(raw, 'STP_ORI_CNTY_NAME');
        if (ctx.demographics) {
          extracted.race = cell(raw, 'RACE_DESCR').value;
          extracted.gender = cell(raw, 'GENDER').value;
        }
        if (hasSubject) extracted.subjectId = cell(raw, 'SUBJECT_ID').value;
        if (flagColumns.length) {
          let mask = 0;
          for (const [c, bit] of flagColumns) if (marks(cell(raw, c).value)) mask |= bit;
          extracted.flags = { mask, cell: { value: '', column: flagColumns[0]![0] } };
        }
        if (idx.has(AFTER_PROP_64.toLowerCase())) extracted.afterProp64 = cell(raw, AFTER_PROP_64);
        const reason = cell(raw, 'Eligibility Reason').value.trim();
        if (reason.toLowerCase() === SENTENCE_NOT_COMPLETED.toLowerCase()) extracted.sentenceNotCompleted = `"Eligibility Reason" is "${reason}" (line ${raw.ref.line})`;
        if (exclusion) extracted.exclusion = exclusion;
        return buildCountRow(raw, extracted, ctx);
      },
    },
  };
}

/** OFN names the count's case; otherwise "Case Number" must hold exactly one real number. */
function pickCaseNumber(ofn: Cell, caseNumbers: Cell): CaseNumberPick {
  if (ofn.value.trim() !== '' && ofn.value.trim().toUpperCase() !== 'NULL') return { kind: 'one', cell: ofn };
  const values = uniq(
    caseNumbers.value
      .split(';')
      .map((v) => v.trim())
      .filter((v) => v !== '' && v.toUpperCase() !== 'NULL'),
  );
  if (values.length === 0) return { kind: 'missing', cell: caseNumbers };
  if (values.length > 1) return { kind: 'ambiguous', cell: caseNumbers, values };
  return { kind: 'one', cell: { value: values[0]!, column: caseNumbers.column } };
}

function pickDate(conviction: Cell, disp: Cell): { cell: Cell; formats: readonly string[] } {
  if (conviction.value.trim() !== '') return { cell: conviction, formats: CONVICTION_DATE };
  return { cell: disp, formats: DOJ_DATE };
}
