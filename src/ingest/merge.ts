/**
 * Count rows become cases: one case is one case number in one court. Every
 * row ends in exactly one bucket: a filed case, excluded, review or rejected.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';
import type { CaseRecord, CaseType } from '../domain';
import { uniq } from './fields';
import type { CountRow, ListedRow } from './types';

export interface MergeResult {
  cases: CaseRecord[];
  filedRows: number;
  excluded: ListedRow[];
  review: ListedRow[];
  diagnostics: Diagnostic[];
}

const KEY_SEP = '\u0000';

/** Which agency files a case of this type from this court; undefined when none does. */
export type Router = (caseType: CaseType, courtId: string) => string | undefined;

export class CaseMerger {
  private readonly byKey = new Map<string, CountRow[]>();
  private readonly loose: CountRow[] = [];

  constructor(private readonly route: Router) {}

  add(row: CountRow): void {
    if (row.caseNumber === '' || row.courtId === '') {
      this.loose.push(row);
      return;
    }
    const key = row.courtId + KEY_SEP + row.caseNumber;
    const list = this.byKey.get(key);
    if (list) list.push(row);
    else this.byKey.set(key, [row]);
  }

  finish(): MergeResult {
    const out: MergeResult = { cases: [], filedRows: 0, excluded: [], review: [], diagnostics: [] };
    for (const row of this.loose) {
      if (row.exclusion) out.excluded.push(excludedRow(row));
      else {
        const d = row.review ?? diag('BM301', { file: row.raw.ref.file, line: row.raw.ref.line }, 'the row has no usable case number', 'find the case number and add it');
        out.review.push({ raw: row.raw, diagnostic: d });
        out.diagnostics.push(d, ...row.warnings);
      }
    }
    const courtsByNumber = new Map<string, CountRow[]>();
    for (const rows of this.byKey.values()) {
      this.finishCase(rows, out);
      const n = rows[0]!.caseNumber;
      const firsts = courtsByNumber.get(n) ?? [];
      firsts.push(rows[0]!);
      courtsByNumber.set(n, firsts);
    }
    for (const [n, firsts] of courtsByNumber) {
      if (firsts.length > 1) {
        const ref = firsts[1]!.raw.ref;
        const where = firsts.map((r) => `${r.courtId} at line ${r.raw.ref.line}`).join(', ');
        out.diagnostics.push(diag('BM502', { file: ref.file, line: ref.line }, `case number ${n} appears in ${firsts.length} courts (${where}); they are kept as separate cases`, 'check that these really are different cases; correct the court if not'));
      }
    }
    return out;
  }

  private finishCase(rows: CountRow[], out: MergeResult): void {
    const fileable = rows.filter((r) => !r.exclusion);
    if (fileable.length === 0) {
      for (const r of rows) out.excluded.push(excludedRow(r));
      return;
    }
    const first = fileable[0]!;
    const at = { file: first.raw.ref.file, line: first.raw.ref.line };
    const label = `case ${first.caseNumber}`;
    let reason: Diagnostic | undefined = fileable.find((r) => r.review)?.review;
    const undetermined = rows.find((r) => r.undetermined);
    if (!reason && undetermined) {
      reason = diag('BM308', at, `${label} has a count screened "${undetermined.exclusion!.determination}" (line ${undetermined.raw.ref.line}) beside counts screened eligible`, 'decide the undetermined count, then file or exclude the whole case');
    }
    const reliefs = uniq(fileable.map((r) => r.relief));
    if (!reason && reliefs.length > 1) {
      reason = diag('BM304', at, `${label} has counts asking for different relief (${reliefs.join(', ')})`, 'decide which relief the case gets and correct the screening for the other counts');
    }
    const types = uniq(fileable.map((r) => r.caseType));
    if (!reason && types.length > 1) {
      reason = diag('BM305', at, `${label} has counts marked both ${types.join(' and ')}`, 'check the case and correct the felony/misdemeanor status');
    }
    const agencies = uniq(fileable.map((r) => r.agency).filter((a): a is string => a !== undefined));
    if (!reason && agencies.length > 1) {
      reason = diag('BM306', at, `${label} has rows naming different agencies (${agencies.join(', ')})`, 'give all rows of the case the same agency');
    }
    const agency = agencies[0] ?? this.route(first.caseType!, first.courtId);
    if (!reason && agency === undefined) {
      reason = diag('BM306', at, `no agency in the config files ${first.caseType} cases from court ${first.courtId}`, 'add a routing: entry for this case type and court (or its city)');
    }
    if (reason || agency === undefined) {
      reason ??= diag('BM306', at, `${label} has no filing agency`);
      out.diagnostics.push(reason);
      for (const r of rows) out.review.push({ raw: r.raw, diagnostic: r.review ?? reason });
      return;
    }
    for (const r of fileable) out.diagnostics.push(...r.warnings);
    const files = uniq(fileable.map((r) => r.raw.ref.file));
    if (files.length > 1) {
      out.diagnostics.push(diag('BM503', at, `${label} appears in ${files.length} input files (${files.join(', ')}); its rows are merged into one case`, 'no action needed if the files overlap on purpose'));
    }
    const ineligible = rows.filter((r) => r.exclusion);
    if (ineligible.some((r) => r.exclusion!.code === 'BM401')) {
      out.diagnostics.push(diag('BM505', at, `${label} is filed for its eligible counts only; ${ineligible.length} other count(s) were screened not eligible`, 'no action needed; the exhibit lists the eligible code sections'));
    }
    for (const r of ineligible) out.excluded.push(excludedRow(r));
    const dates = fileable.map((r) => r.convictionDate).filter((d) => d !== '').sort();
    const pick = <K extends 'defendantName' | 'dob' | 'cii' | 'notes'>(k: K) => fileable.find((r) => r[k] !== undefined)?.[k];
    const c: CaseRecord = {
      caseNumber: first.caseNumber,
      court: first.courtId,
      caseType: first.caseType!,
      relief: first.relief!,
      agency,
      codeSections: uniq(fileable.flatMap((r) => r.codeSections)),
      convictionDate: dates[0] ?? '',
      sources: fileable.map((r) => r.raw.ref),
    };
    const name = pick('defendantName');
    const dob = pick('dob');
    const cii = pick('cii');
    const notes = pick('notes');
    if (name) c.defendantName = name;
    if (dob) c.dob = dob;
    if (cii) c.cii = cii;
    if (notes) c.notes = notes;
    out.cases.push(c);
    out.filedRows += fileable.length;
  }
}

function excludedRow(r: CountRow): ListedRow {
  const e = r.exclusion!;
  const d = diag(e.code, { file: r.raw.ref.file, line: r.raw.ref.line, column: 'Eligibility Determination' }, e.code === 'BM402' ? 'the row was not evaluated for Prop 64 relief' : `screened "${e.determination}"`);
  return { raw: r.raw, diagnostic: d, determination: e.determination };
}
