/**
 * Why a case whose rows disagree goes to review: the messages that count and
 * place its rows (BM304, BM305, BM310, BM314, BM315), never printing a
 * person's data. src/ingest/merge.ts decides; this says why.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';
import type { CaseType, Relief } from '../domain';
import type { StoredRow } from './types';
import { differences, PART_WORDS, sameIdentity, type Identity, type IdentityPart } from './identity';
import type { CaseAcc } from './case-acc';
import { caseCeiling, reliefRank } from '../law/ceilings';

export type Where = { file: string; line: number };

/** "line 2", "lines 2, 4", or with the file when the case spans several ("a.csv:2, b.csv:4"). */
function linesOf(refs: ReadonlyArray<StoredRow['ref']>, manyFiles: boolean): string {
  if (manyFiles) return refs.map((r) => `${r.file}:${r.line}`).join(', ');
  return `line${refs.length === 1 ? '' : 's'} ${refs.map((r) => r.line).join(', ')}`;
}

const manyFiles = (acc: CaseAcc) => {
  for (let i = 1; i < acc.count; i++) if (acc.refAt(i).file !== acc.refAt(0).file) return true;
  return false;
};

/**
 * BM314: rows of one case number and court that name different people. Only hashes are compared, and the
 * message counts and places them ("2 different CII numbers: the first on lines 2, 4, the second on line
 * 3"), never printing one.
 */
export function differentPeople(acc: CaseAcc, label: string, at: Where): Diagnostic | undefined {
  if (acc.count < 2) return undefined;
  const people: Array<{ id: Identity; rows: number[] }> = [];
  acc.slots.forEach((_, i) => {
    const id = acc.factsAt(i).id;
    if (!id) return;
    const p = people.find((g) => sameIdentity(g.id, id));
    if (p) p.rows.push(i);
    else people.push({ id, rows: [i] });
  });
  if (people.length < 2) return undefined;
  const parts = new Set<IdentityPart>();
  for (let i = 0; i < people.length; i++) for (let j = i + 1; j < people.length; j++) for (const p of differences(people[i]!.id, people[j]!.id)) parts.add(p);
  if (parts.size === 0) return undefined;
  const many = manyFiles(acc);
  const ordered = (['cii', 'subject', 'name', 'dob'] as const).filter((p) => parts.has(p));
  const counted = ordered.map((part) => {
    // Rows grouped by the value of this part (by hash), in order of first appearance.
    const byValue = new Map<number, number[]>();
    const none: number[] = [];
    acc.slots.forEach((_, i) => {
      const v = acc.factsAt(i).id?.[part];
      if (v === undefined) none.push(i);
      else {
        const l = byValue.get(v);
        if (l) l.push(i);
        else byValue.set(v, [i]);
      }
    });
    const groups = [...byValue.values()].map((rows, k) => `${ORDINAL[k] ?? `#${k + 1}`} on ${linesOf(rows.map((i) => acc.refAt(i)), many)}`);
    const missing = none.length ? `; ${linesOf(none.map((i) => acc.refAt(i)), many)} ${none.length === 1 ? 'has' : 'have'} none` : '';
    return `${byValue.size} different ${PART_WORDS[part]} (${groups.join(', ')}${missing})`;
  });
  const byNumber = parts.has('cii') || parts.has('subject');
  const hint = byNumber
    ? 'look the rows up: correct the case number (or court) of the rows that belong to another person\'s case; if every row is one person\'s, correct the person number recorded wrongly'
    : 'look the rows up: correct the case number (or court) of the rows that belong to another person\'s case; if it is one person under two spellings, correct the name or date of birth so the rows agree';
  return diag('BM314', at, `${label} (court ${acc.courtId}) has rows of different people, so they are not merged into one case: ${counted.join('; ')}`, hint);
}

const ORDINAL = ['the first', 'the second', 'the third', 'the fourth', 'the fifth', 'the sixth'];

/** ISO date plus n months ("2004-01-31" + 1 = "2004-02-31", which compares as the end of February). */
export function addMonths(iso: string, n: number): string {
  const m = Number(iso.slice(5, 7)) - 1 + n;
  const y = Number(iso.slice(0, 4)) + Math.floor(m / 12);
  return `${String(y).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}${iso.slice(7)}`;
}

/** BM315: the fileable counts of one case number were convicted further apart than the configured span. */
export function datesApart(acc: CaseAcc, label: string, at: Where, months: number): Diagnostic | undefined {
  const dates = acc.values('date');
  if (dates.length < 2) return undefined;
  const sorted = [...dates].sort();
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  if (hi <= addMonths(lo, months)) return undefined;
  const span = months === 1 ? '1 month' : months % 12 === 0 ? `${months / 12} year${months === 12 ? '' : 's'}` : `${months} months`;
  return diag('BM315', at, `${label} has counts convicted more than ${span} apart (${spread(acc, 'date')}): one case number may be covering two cases`, `look the case up in the court index: if the counts are different cases, correct the case number of one; if a date is wrong, correct it; if it really is one case, decide it by hand (conviction_date_span_months in the config sets the span, ${months} now)`);
}

/** The fileable counts grouped by a tracked value: "felony (lines 2, 4), misdemeanor (line 3)". */
function spread(acc: CaseAcc, key: 'relief' | 'caseType' | 'date' | 'cn'): string {
  const by = new Map<string, StoredRow['ref'][]>();
  acc.slots.forEach((s, i) => {
    const f = acc.factsAt(i);
    if (!f.fileable) return;
    const v = key === 'relief' ? f.relief : key === 'caseType' ? f.caseType : key === 'date' ? f.date : f.cn;
    if (v === undefined || v === '') return;
    const l = by.get(v);
    if (l) l.push(s.ref);
    else by.set(v, [s.ref]);
  });
  const many = manyFiles(acc);
  return [...by].map(([v, refs]) => `${key === 'cn' ? `"${v}"` : v} (${linesOf(refs, many)})`).join(', ');
}

const DIFFER_WORDS = { relief: 'relief', caseType: 'felony/misdemeanor status', date: 'conviction date', cn: 'the column the case number came from' } as const;

/** The other ways the counts differ, for BM304 and BM305. */
function alsoDiffer(acc: CaseAcc, skip: keyof typeof DIFFER_WORDS): Array<keyof typeof DIFFER_WORDS> {
  return (['relief', 'caseType', 'date', 'cn'] as const).filter((k) => k !== skip && acc.values(k).length > 1);
}

function alsoText(acc: CaseAcc, keys: Array<keyof typeof DIFFER_WORDS>): string {
  return keys.length ? `; they also differ in ${keys.map((k) => `${DIFFER_WORDS[k]}: ${spread(acc, k)}`).join('; ')}` : '';
}

const MAYBE_TWO_CASES = 'the counts may be of different cases: look each line up in the court index and correct the case number of any count that belongs to another case';

/** BM304: the counts ask for different relief; says what else differs, and fits the fix to it. */
export function conflictingRelief(acc: CaseAcc, label: string, at: Where): Diagnostic {
  const also = alsoDiffer(acc, 'relief');
  const hint = also.includes('date') || also.includes('cn')
    ? `${MAYBE_TWO_CASES}; if they are one case, correct the screening so its counts ask for one relief`
    : also.includes('caseType')
      ? 'the relief follows the felony/misdemeanor status: look the case up and correct the status of the count recorded wrongly'
      : 'decide which relief the case gets and correct the screening (Eligibility Determination, or the relief column) of the other counts';
  return diag('BM304', at, `${label} has counts asking for different relief: ${spread(acc, 'relief')}${alsoText(acc, also)}`, hint);
}

/** BM305: the counts disagree on felony/misdemeanor; says what else differs, and fits the fix to it. */
export function conflictingCaseType(acc: CaseAcc, label: string, at: Where): Diagnostic {
  const also = alsoDiffer(acc, 'caseType');
  const hint = also.includes('date') || also.includes('cn')
    ? `${MAYBE_TWO_CASES}; if they are one case, correct the felony/misdemeanor status of the count recorded wrongly`
    : 'look the case up and correct the felony/misdemeanor status of the count recorded wrongly';
  return diag('BM305', at, `${label} has counts marked ${spread(acc, 'caseType')}${alsoText(acc, also)}`, hint);
}

/** BM310: the relief goes beyond the case's statutory ceiling and the agency states no basis for asking it. */
export function beyondStatuteReview(at: { file: string; line: number }, label: string, caseType: CaseType, sections: readonly string[], relief: Relief, agency: string): Diagnostic {
  const what = `${label} (${caseType}; ${sections.length ? sections.join(', ') : 'no code section'}) asks for ${relief}`;
  const basis = `state the office's basis in agencies[].beyond_statute_basis (agency "${agency}")`;
  if (relief === 'recall_sentence') {
    const outside = sections.length ? sections.join(', ') : 'no code section';
    return diag('BM310', at, `${what}, but recall of sentence under HS 11361.8(a) reaches only convictions under 11357-11360 (the case shows ${outside})`, `decide it by hand, or ${basis}`);
  }
  if (reliefRank(caseType, relief) === undefined) {
    return diag('BM310', at, `${what}, which is not a relief for a ${caseType} case`, `correct the relief in the screening or the config's determinations, or ${basis}`);
  }
  const { ceiling, limiting } = caseCeiling(caseType, sections);
  if (ceiling === 'none') {
    const why = limiting.length ? `${limiting.join(', ')} ${limiting.length === 1 ? 'gets' : 'get'} no relief under HS 11361.8 as a ${caseType}` : 'no code section shows HS 11361.8 reaches it';
    return diag('BM310', at, `${what}, beyond the statute: ${why} (statutory ceiling: none)`, `exclude the case or decide it by hand, or ${basis}`);
  }
  return diag('BM310', at, `${what}, beyond what HS 11361.8 gives it: the statutory ceiling is ${ceiling} (set by ${limiting.join(', ')})`, `ask for ${ceiling} instead, or ${basis}`);
}

