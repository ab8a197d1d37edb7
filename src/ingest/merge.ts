/**
 * Count rows become cases: one case is one case number in one court. Every
 * row ends in exactly one bucket: a filed case, excluded, review or rejected.
 *
 * Rows are folded into their case as they arrive, so only the stored row
 * (for review.csv) outlives the mapping: at county scale, per-row objects held
 * to the end would be most of the garbage collector's work.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';
import type { CaseRecord, CaseType, Relief } from '../domain';
import type { CountRow, Exclusion, ListedRow, StoredRow } from './types';
import type { Router } from '../config/routing';
import { caseCeiling, reliefRank, withinStatute } from '../law/ceilings';
import { PROP_64_EFFECTIVE } from '../law/prop64';

/** The case-level screening rules of HS 11361.8 the config can steer. */
export interface ScreeningOptions {
  /** What a case whose sentence is not complete becomes: a recall_sentence case, or review (BM312). */
  sentenceNotCompleted: 'recall_sentence' | 'review';
  /** Agencies that state a basis for asking relief beyond the statute (`beyond_statute_basis`). */
  beyondStatuteAgencies: ReadonlySet<string>;
}

const DEFAULT_SCREENING: ScreeningOptions = { sentenceNotCompleted: 'recall_sentence', beyondStatuteAgencies: new Set() };

export interface MergeResult {
  cases: CaseRecord[];
  filedRows: number;
  excluded: ListedRow[];
  review: ListedRow[];
  diagnostics: Diagnostic[];
}

/** What a case remembers of each of its rows: the stored row itself, marked with its review or exclusion. */
type Slot = StoredRow & { review?: Diagnostic; exclusion?: Exclusion };

const EMPTY: Slot[] = [];

type Tracked = 'relief' | 'caseType' | 'agency' | 'file';
type TrackedValue = { relief: Relief; caseType: CaseType; agency: string; file: string };

class CaseAcc {
  /** Every row of the case; starts as a one-element literal (a pushed-to empty array reserves 17 slots). */
  slots: Slot[] = EMPTY;
  // The usual single value of each is held inline; a list exists only once a second value appears
  // (a county list makes hundreds of thousands of these, so small matters).
  relief?: Relief;
  caseType?: CaseType;
  agency?: string;
  file?: string;
  private more?: Partial<Record<Tracked, string[]>>;
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
  /** Why the case is on or after Prop 64 (first fileable row that says so). */
  afterProp64?: string;
  /** Where the screening says the sentence is not complete (first fileable row that says so). */
  sentence?: string;

  constructor(
    readonly caseNumber: string,
    readonly courtId: string,
  ) {}

  private keep(slot: Slot): void {
    // Array literals are exactly as long as their contents; a push would reserve 17 slots, and most
    // cases have one or two rows.
    const n = this.slots.length;
    if (n === 0) this.slots = [slot];
    else if (n === 1) this.slots = [this.slots[0]!, slot];
    else this.slots.push(slot);
  }

  private note<K extends Tracked>(k: K, v: TrackedValue[K] | undefined): void {
    if (v === undefined) return;
    const first = this[k] as TrackedValue[K] | undefined;
    if (first === undefined) {
      (this as { [P in K]?: TrackedValue[K] })[k] = v;
      return;
    }
    if (first === v && !this.more?.[k]) return;
    const more = (this.more ??= {});
    const list = (more[k] ??= [first]);
    if (!list.includes(v)) list.push(v);
  }

  values<K extends Tracked>(k: K): Array<TrackedValue[K]> {
    const list = this.more?.[k] as Array<TrackedValue[K]> | undefined;
    if (list) return list;
    const first = this[k] as TrackedValue[K] | undefined;
    return first === undefined ? [] : [first];
  }

  add(row: CountRow): void {
    const slot: Slot = row.raw;
    if (row.review) slot.review = row.review;
    if (row.exclusion) {
      slot.exclusion = row.exclusion;
      if (row.undetermined) this.undetermined ??= { determination: row.exclusion.determination, line: row.raw.ref.line };
      else if (row.exclusion.code === 'BM401') this.notEligible++;
      this.keep(slot);
      return;
    }
    this.keep(slot);
    this.fileable++;
    this.first ??= row.raw;
    this.review ??= row.review;
    this.note('relief', row.relief);
    this.note('caseType', row.caseType);
    this.note('agency', row.agency);
    this.note('file', row.raw.ref.file);
    if (this.fileable === 1) this.sections = row.codeSections;
    else for (const s of row.codeSections) if (!this.sections.includes(s)) this.sections.push(s);
    if (row.convictionDate !== '' && (this.date === '' || row.convictionDate < this.date)) this.date = row.convictionDate;
    this.name ??= row.defendantName;
    this.dob ??= row.dob;
    this.cii ??= row.cii;
    this.notes ??= row.notes;
    if (row.warnings) (this.warnings ??= []).push(...row.warnings);
    this.afterProp64 ??= row.afterProp64;
    this.sentence ??= row.sentenceNotCompleted;
  }
}

export class CaseMerger {
  /** court id -> case number -> case (no key string per case). */
  private readonly byCourt = new Map<string, Map<string, CaseAcc>>();
  private readonly out: MergeResult = { cases: [], filedRows: 0, excluded: [], review: [], diagnostics: [] };

  /** Cases whose relief became recall_sentence because their sentence is not complete. */
  private recalled = 0;

  constructor(
    private readonly route: Router,
    private readonly screening: ScreeningOptions = DEFAULT_SCREENING,
  ) {}

  add(row: CountRow): void {
    if (row.caseNumber === '' || row.court === '') {
      // Without a case number and court the row can't join a case: it stands alone.
      if (row.exclusion) this.out.excluded.push(excludedRow(row.raw, row.exclusion));
      else {
        const d = row.review ?? diag('BM301', { file: row.raw.ref.file, line: row.raw.ref.line }, 'the row has no usable case number', 'find the case number and add it');
        this.out.review.push({ raw: row.raw, diagnostic: d });
        this.out.diagnostics.push(d, ...(row.warnings ?? []));
      }
      return;
    }
    let court = this.byCourt.get(row.court);
    if (!court) this.byCourt.set(row.court, (court = new Map()));
    let acc = court.get(row.caseNumber);
    if (!acc) court.set(row.caseNumber, (acc = new CaseAcc(row.caseNumber, row.court)));
    acc.add(row);
  }

  finish(): MergeResult {
    const out = this.out;
    // Each case number's first court and line, by the order cases are finished; the cases themselves go
    // as they are finished (a statewide run would otherwise hold every accumulator and every case at once).
    const seq = new Map<string, number>();
    const firstCourt: string[] = [];
    const firstLine: number[] = [];
    const dups = new Map<string, Array<{ courtId: string; ref: StoredRow['ref'] }>>();
    for (const [courtId, court] of this.byCourt) {
      for (const acc of court.values()) {
        this.finishCase(acc);
        const ref = acc.slots[0]!.ref;
        const i = seq.get(acc.caseNumber);
        if (i === undefined) {
          seq.set(acc.caseNumber, firstCourt.length);
          firstCourt.push(courtId);
          firstLine.push(ref.line);
        } else {
          let list = dups.get(acc.caseNumber);
          if (!list) dups.set(acc.caseNumber, (list = [{ courtId: firstCourt[i]!, ref: { file: '', line: firstLine[i]! } }]));
          list.push({ courtId, ref });
        }
      }
      this.byCourt.delete(courtId);
    }
    // In the order the case numbers were first seen.
    for (const [n, list] of [...dups].sort((x, y) => seq.get(x[0])! - seq.get(y[0])!)) {
      const ref = list[1]!.ref;
      const where = list.map((a) => `${a.courtId} at line ${a.ref.line}`).join(', ');
      out.diagnostics.push(diag('BM502', { file: ref.file, line: ref.line }, `case number ${n} appears in ${list.length} courts (${where}); they are kept as separate cases`, 'check that these really are different cases; correct the court if not'));
    }
    if (this.recalled > 0) {
      const n = this.recalled;
      out.diagnostics.push(diag('BM509', {}, `${n} case${n === 1 ? '' : 's'} screened as still serving the sentence ${n === 1 ? 'is' : 'are'} filed for recall_sentence (HS 11361.8(a)-(c)), not for the relief the screening maps to`, 'set sentence_not_completed: review in the config to decide them by hand instead'));
    }
    return out;
  }

  private finishCase(acc: CaseAcc): void {
    const out = this.out;
    if (acc.fileable === 0) {
      for (const s of acc.slots) out.excluded.push(excludedRow(s, s.exclusion!));
      return;
    }
    const first = acc.first!;
    const at = { file: first.ref.file, line: first.ref.line };
    const label = `case ${acc.caseNumber}`;
    let reason = acc.review;
    if (!reason && acc.undetermined) {
      reason = diag('BM308', at, `${label} has a count screened "${acc.undetermined.determination}" (line ${acc.undetermined.line}) beside counts screened eligible`, 'decide the undetermined count, then file or exclude the whole case');
    }
    if (!reason && acc.values('relief').length > 1) {
      reason = diag('BM304', at, `${label} has counts asking for different relief (${acc.values('relief').join(', ')})`, 'decide which relief the case gets and correct the screening for the other counts');
    }
    if (!reason && acc.values('caseType').length > 1) {
      reason = diag('BM305', at, `${label} has counts marked both ${acc.values('caseType').join(' and ')}`, 'check the case and correct the felony/misdemeanor status');
    }
    if (!reason && acc.values('agency').length > 1) {
      reason = diag('BM306', at, `${label} has rows naming different agencies (${acc.values('agency').join(', ')})`, 'give all rows of the case the same agency');
    }
    const caseType = acc.caseType!;
    const agency = acc.agency ?? this.route(caseType, acc.courtId);
    if (!reason && agency === undefined) {
      reason = diag('BM306', at, `no agency in the config files ${caseType} cases from court ${acc.courtId}`, 'add a routing: entry for this case type and court (or its city)');
    }
    // The statute's own limits, once the screening's relief and the filing agency are known.
    let relief = acc.relief!;
    let beyondStatute = false;
    if (!reason && acc.afterProp64) {
      reason = diag('BM311', at, `${label}: ${acc.afterProp64}, on or after ${PROP_64_EFFECTIVE}, when Prop 64 took effect; HS 11361.8 turns on whether the offense came before that date`, `check the offense date: if the offense was before ${PROP_64_EFFECTIVE}, correct the record and file the case; if not, it is outside HS 11361.8`);
    }
    if (!reason && acc.sentence) {
      if (this.screening.sentenceNotCompleted === 'review') {
        reason = diag('BM312', at, `${label}: the sentence is not complete (${acc.sentence}); HS 11361.8(e)/(f) dismissal, sealing and redesignation are for completed sentences`, 'decide it by hand (a recall or dismissal of sentence under 11361.8(a)-(c)), or set sentence_not_completed: recall_sentence in the config to file it so');
      } else if (relief !== 'recall_sentence') {
        relief = 'recall_sentence';
        this.recalled++;
      }
    }
    if (!reason && agency !== undefined && !withinStatute(caseType, acc.sections, relief)) {
      if (this.screening.beyondStatuteAgencies.has(agency)) beyondStatute = true;
      else reason = beyondStatuteReview(at, label, caseType, acc.sections, relief, agency);
    }
    if (reason || agency === undefined) {
      reason ??= diag('BM306', at, `${label} has no filing agency`);
      out.diagnostics.push(reason);
      for (const s of acc.slots) out.review.push({ raw: s, diagnostic: s.review ?? reason });
      return;
    }
    if (acc.warnings) out.diagnostics.push(...acc.warnings);
    if (acc.values('file').length > 1) {
      out.diagnostics.push(diag('BM503', at, `${label} appears in ${acc.values('file').length} input files (${acc.values('file').join(', ')}); its rows are merged into one case`, 'no action needed if the files overlap on purpose'));
    }
    for (const s of acc.slots) if (s.exclusion) out.excluded.push(excludedRow(s, s.exclusion));
    // Exactly as long as needed: a statewide run holds a million of these.
    const sources = acc.fileable === acc.slots.length ? acc.slots.map((s) => s.ref) : acc.slots.filter((s) => !s.exclusion).map((s) => s.ref);
    if (acc.notEligible > 0) {
      out.diagnostics.push(diag('BM505', at, `${label} is filed for its eligible counts only; ${acc.slots.length - acc.fileable} other count(s) were screened not eligible`, 'no action needed; the exhibit lists the eligible code sections'));
    }
    const c: CaseRecord = {
      caseNumber: acc.caseNumber,
      court: acc.courtId,
      caseType,
      relief,
      agency,
      codeSections: acc.sections.length > 1 ? acc.sections.slice() : acc.sections,
      convictionDate: acc.date,
      sources,
    };
    if (acc.name) c.defendantName = acc.name;
    if (acc.dob) c.dob = acc.dob;
    if (acc.cii) c.cii = acc.cii;
    if (acc.notes) c.notes = acc.notes;
    if (beyondStatute) c.beyondStatute = true;
    out.cases.push(c);
    out.filedRows += acc.fileable;
  }
}

/** BM310: the relief goes beyond the case's statutory ceiling and the agency states no basis for asking it. */
function beyondStatuteReview(at: { file: string; line: number }, label: string, caseType: CaseType, sections: readonly string[], relief: Relief, agency: string): Diagnostic {
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

function excludedRow(raw: StoredRow, e: Exclusion): ListedRow {
  const d = diag(e.code, { file: raw.ref.file, line: raw.ref.line, column: 'Eligibility Determination' }, e.code === 'BM402' ? 'the row was not evaluated for Prop 64 relief' : `screened "${e.determination}"`);
  return { raw, diagnostic: d, determination: e.determination };
}
