/**
 * Count rows become cases: one case is one case number in one court. Every
 * row ends in exactly one bucket: a filed case, excluded, review or rejected.
 *
 * Rows are folded into their case as they arrive, so only the stored row
 * (for review.csv) outlives the mapping; at county scale the per-row objects
 * were most of the garbage collector's work.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';
import type { CaseRecord, CaseType, Relief } from '../domain';
import type { CountRow, Exclusion, ListedRow, StoredRow } from './types';

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

/** What a case remembers of each of its rows. */
interface Slot {
  raw: StoredRow;
  review?: Diagnostic;
  exclusion?: Exclusion;
}

/**
 * The distinct values seen, without an array per case for the usual single
 * value (a county list makes hundreds of thousands of these).
 */
class Distinct<T> {
  private one?: T;
  private many?: T[];
  add(x: T | undefined): void {
    if (x === undefined || x === this.one) return;
    if (this.one === undefined) this.one = x;
    else if (!this.many) this.many = [this.one, x];
    else if (!this.many.includes(x)) this.many.push(x);
  }
  get size(): number {
    return this.many ? this.many.length : this.one === undefined ? 0 : 1;
  }
  get first(): T | undefined {
    return this.one;
  }
  values(): T[] {
    return this.many ?? (this.one === undefined ? [] : [this.one]);
  }
}

class CaseAcc {
  readonly slots: Slot[] = [];
  readonly reliefs = new Distinct<Relief>();
  readonly types = new Distinct<CaseType>();
  readonly agencies = new Distinct<string>();
  readonly files = new Distinct<string>();
  sections: string[] = [];
  first?: StoredRow;
  review?: Diagnostic;
  undetermined?: { determination: string; line: number };
  notEligible = 0;
  fileable = 0;
  date = '';
  name?: string;
  dob?: string;
  cii?: string;
  notes?: string;
  warnings?: Diagnostic[];

  constructor(
    readonly caseNumber: string,
    readonly courtId: string,
  ) {}

  add(row: CountRow): void {
    const slot: Slot = { raw: row.raw };
    if (row.review) slot.review = row.review;
    if (row.exclusion) {
      slot.exclusion = row.exclusion;
      if (row.undetermined) this.undetermined ??= { determination: row.exclusion.determination, line: row.raw.ref.line };
      else if (row.exclusion.code === 'BM401') this.notEligible++;
      this.slots.push(slot);
      return;
    }
    this.slots.push(slot);
    this.fileable++;
    this.first ??= row.raw;
    this.review ??= row.review;
    this.reliefs.add(row.relief);
    this.types.add(row.caseType);
    this.agencies.add(row.agency);
    this.files.add(row.raw.ref.file);
    if (this.fileable === 1) this.sections = row.codeSections;
    else for (const s of row.codeSections) if (!this.sections.includes(s)) this.sections.push(s);
    if (row.convictionDate !== '' && (this.date === '' || row.convictionDate < this.date)) this.date = row.convictionDate;
    this.name ??= row.defendantName;
    this.dob ??= row.dob;
    this.cii ??= row.cii;
    this.notes ??= row.notes;
    if (row.warnings) (this.warnings ??= []).push(...row.warnings);
  }
}

export class CaseMerger {
  private readonly byKey = new Map<string, CaseAcc>();
  private readonly out: MergeResult = { cases: [], filedRows: 0, excluded: [], review: [], diagnostics: [] };

  constructor(private readonly route: Router) {}

  add(row: CountRow): void {
    if (row.caseNumber === '' || row.courtId === '') {
      // Without a case number and court the row can't join a case: it stands alone.
      if (row.exclusion) this.out.excluded.push(excludedRow(row.raw, row.exclusion));
      else {
        const d = row.review ?? diag('BM301', { file: row.raw.ref.file, line: row.raw.ref.line }, 'the row has no usable case number', 'find the case number and add it');
        this.out.review.push({ raw: row.raw, diagnostic: d });
        this.out.diagnostics.push(d, ...(row.warnings ?? []));
      }
      return;
    }
    const key = row.courtId + KEY_SEP + row.caseNumber;
    let acc = this.byKey.get(key);
    if (!acc) this.byKey.set(key, (acc = new CaseAcc(row.caseNumber, row.courtId)));
    acc.add(row);
  }

  finish(): MergeResult {
    const out = this.out;
    const courtsByNumber = new Map<string, CaseAcc[]>();
    for (const acc of this.byKey.values()) {
      this.finishCase(acc);
      const same = courtsByNumber.get(acc.caseNumber);
      if (same) same.push(acc);
      else courtsByNumber.set(acc.caseNumber, [acc]);
    }
    for (const [n, accs] of courtsByNumber) {
      if (accs.length > 1) {
        const ref = accs[1]!.slots[0]!.raw.ref;
        const where = accs.map((a) => `${a.courtId} at line ${a.slots[0]!.raw.ref.line}`).join(', ');
        out.diagnostics.push(diag('BM502', { file: ref.file, line: ref.line }, `case number ${n} appears in ${accs.length} courts (${where}); they are kept as separate cases`, 'check that these really are different cases; correct the court if not'));
      }
    }
    return out;
  }

  private finishCase(acc: CaseAcc): void {
    const out = this.out;
    if (acc.fileable === 0) {
      for (const s of acc.slots) out.excluded.push(excludedRow(s.raw, s.exclusion!));
      return;
    }
    const first = acc.first!;
    const at = { file: first.ref.file, line: first.ref.line };
    const label = `case ${acc.caseNumber}`;
    let reason = acc.review;
    if (!reason && acc.undetermined) {
      reason = diag('BM308', at, `${label} has a count screened "${acc.undetermined.determination}" (line ${acc.undetermined.line}) beside counts screened eligible`, 'decide the undetermined count, then file or exclude the whole case');
    }
    if (!reason && acc.reliefs.size > 1) {
      reason = diag('BM304', at, `${label} has counts asking for different relief (${acc.reliefs.values().join(', ')})`, 'decide which relief the case gets and correct the screening for the other counts');
    }
    if (!reason && acc.types.size > 1) {
      reason = diag('BM305', at, `${label} has counts marked both ${acc.types.values().join(' and ')}`, 'check the case and correct the felony/misdemeanor status');
    }
    if (!reason && acc.agencies.size > 1) {
      reason = diag('BM306', at, `${label} has rows naming different agencies (${acc.agencies.values().join(', ')})`, 'give all rows of the case the same agency');
    }
    const caseType = acc.types.first!;
    const agency = acc.agencies.first ?? this.route(caseType, acc.courtId);
    if (!reason && agency === undefined) {
      reason = diag('BM306', at, `no agency in the config files ${caseType} cases from court ${acc.courtId}`, 'add a routing: entry for this case type and court (or its city)');
    }
    if (reason || agency === undefined) {
      reason ??= diag('BM306', at, `${label} has no filing agency`);
      out.diagnostics.push(reason);
      for (const s of acc.slots) out.review.push({ raw: s.raw, diagnostic: s.review ?? reason });
      return;
    }
    if (acc.warnings) out.diagnostics.push(...acc.warnings);
    if (acc.files.size > 1) {
      out.diagnostics.push(diag('BM503', at, `${label} appears in ${acc.files.size} input files (${acc.files.values().join(', ')}); its rows are merged into one case`, 'no action needed if the files overlap on purpose'));
    }
    const sources = [];
    for (const s of acc.slots) {
      if (s.exclusion) out.excluded.push(excludedRow(s.raw, s.exclusion));
      else sources.push(s.raw.ref);
    }
    if (acc.notEligible > 0) {
      out.diagnostics.push(diag('BM505', at, `${label} is filed for its eligible counts only; ${acc.slots.length - acc.fileable} other count(s) were screened not eligible`, 'no action needed; the exhibit lists the eligible code sections'));
    }
    const c: CaseRecord = {
      caseNumber: acc.caseNumber,
      court: acc.courtId,
      caseType,
      relief: acc.reliefs.first!,
      agency,
      codeSections: acc.sections,
      convictionDate: acc.date,
      sources,
    };
    if (acc.name) c.defendantName = acc.name;
    if (acc.dob) c.dob = acc.dob;
    if (acc.cii) c.cii = acc.cii;
    if (acc.notes) c.notes = acc.notes;
    out.cases.push(c);
    out.filedRows += acc.fileable;
  }
}

function excludedRow(raw: StoredRow, e: Exclusion): ListedRow {
  const d = diag(e.code, { file: raw.ref.file, line: raw.ref.line, column: 'Eligibility Determination' }, e.code === 'BM402' ? 'the row was not evaluated for Prop 64 relief' : `screened "${e.determination}"`);
  return { raw, diagnostic: d, determination: e.determination };
}
