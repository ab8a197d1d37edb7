/**
 * Count rows become cases: one case is one case number in one court. Every
 * row ends in exactly one bucket: a filed case, excluded, review or rejected.
 *
 * Rows are folded into their case as they arrive, so only the stored row
 * (for review.csv) outlives the mapping: at county scale, per-row objects held
 * to the end would be most of the garbage collector's work.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { POLICY_FLAGS, type CaseRecord, type FlagPolicy, type PolicyFlag } from '../domain';
import type { CountRow, Exclusion, FlagCounts, FlagMask, ListedRow, StoredRow } from './types';
import { personKey, type Identity } from './identity';
import { emptyFlagCounts, flagBit, flagList } from './flags';
import type { Router } from '../config/routing';
import type { Config } from '../config/schema';
import { withinStatute } from '../law/ceilings';
import { CaseAcc } from './case-acc';
import { beyondStatuteReview, conflictingCaseType, conflictingRelief, datesApart, differentPeople } from './merge-reasons';
import { PROP_64_EFFECTIVE } from '../law/prop64';
import { noun, plural } from '../words';

/** The case-level screening rules of HS 11361.8 the config can steer. */
export interface ScreeningOptions {
  /** What a case whose sentence is not complete becomes: a recall_sentence case, or review (BM312). */
  sentenceNotCompleted: 'recall_sentence' | 'review';
  /** Agencies that state a basis for asking relief beyond the statute (`beyond_statute_basis`). */
  beyondStatuteAgencies: ReadonlySet<string>;
  /** What a case carrying each screening flag becomes (`flags:` in the config). */
  flags: Readonly<Record<PolicyFlag, FlagPolicy>>;
  /** Counts of one case convicted further apart than this many months go to review (BM315). */
  dateSpanMonths: number;
}

/** The screening rules a config sets: one reading, for ingest and for rows answered on review alike. */
export function screeningOptions(config: Config): ScreeningOptions {
  return {
    sentenceNotCompleted: config.sentence_not_completed,
    beyondStatuteAgencies: new Set(config.agencies.filter((a) => a.beyond_statute_basis !== undefined).map((a) => a.id)),
    flags: config.flags,
    dateSpanMonths: config.conviction_date_span_months,
  };
}

const DEFAULT_SCREENING: ScreeningOptions = {
  sentenceNotCompleted: 'recall_sentence',
  beyondStatuteAgencies: new Set(),
  flags: { deceased: 'file', after_prop64: 'review', superstrike: 'review', pc290: 'review' },
  dateSpanMonths: 12,
};

export interface MergeResult {
  cases: CaseRecord[];
  filedRows: number;
  excluded: ListedRow[];
  review: ListedRow[];
  diagnostics: Diagnostic[];
  flags: FlagCounts;
}

export class CaseMerger {
  /** court id -> case number -> case (no key string per case). */
  private readonly byCourt = new Map<string, Map<string, CaseAcc>>();
  private readonly out: MergeResult = { cases: [], filedRows: 0, excluded: [], review: [], diagnostics: [], flags: emptyFlagCounts() };

  /** Cases whose relief became recall_sentence because their sentence is not complete. */
  private recalled = 0;

  constructor(
    private readonly route: Router,
    private readonly screening: ScreeningOptions = DEFAULT_SCREENING,
  ) {}

  add(row: CountRow): void {
    if (row.caseNumber === '' || row.court === '') {
      // Without a case number and court the row can't join a case: it stands alone.
      if (row.exclusion) this.out.excluded.push(withPerson(excludedRow(row.raw, row.exclusion), row.identity));
      else {
        const d = row.review ?? diag('BM301', { file: row.raw.ref.file, line: row.raw.ref.line }, 'the row has no usable case number', 'find the case number and add it');
        this.out.review.push(withPerson({ raw: row.raw, diagnostic: d }, row.identity));
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

  /** `onCase`: told each case finished, with the number of cases in all (for progress). */
  finish(onCase?: (done: number, total: number) => void): MergeResult {
    const out = this.out;
    const total = onCase ? [...this.byCourt.values()].reduce((n, c) => n + c.size, 0) : 0;
    let done = 0;
    // Each case number's first court and line, by the order cases are finished; the cases themselves go
    // as they are finished (a statewide run would otherwise hold every accumulator and every case at once).
    const seq = new Map<string, number>();
    const firstCourt: string[] = [];
    const firstLine: number[] = [];
    const dups = new Map<string, Array<{ courtId: string; ref: StoredRow['ref'] }>>();
    for (const [courtId, court] of this.byCourt) {
      for (const acc of court.values()) {
        this.finishCase(acc);
        onCase?.(++done, total);
        court.delete(acc.caseNumber); // let it go: the case is made
        const ref = acc.refAt(0);
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
      out.diagnostics.push(diag('BM509', {}, `${plural(n, 'case')} screened as still serving the sentence ${n === 1 ? 'is' : 'are'} filed for recall_sentence (HS 11361.8(a)-(c)), not for the relief the screening maps to`, 'set sentence_not_completed: review in the config to decide them by hand instead'));
    }
    return out;
  }

  private finishCase(acc: CaseAcc): void {
    const out = this.out;
    const settled = acc.settle();
    const fileable = settled.fileable;
    if (fileable === 0) {
      acc.slots.forEach((s, i) => out.excluded.push(withPerson(excludedRow(s, s.exclusion!), acc.factsAt(i).id)));
      return;
    }
    const first = settled.first!;
    const flags = settled.flags;
    const at = { file: first.ref.file, line: first.ref.line };
    const label = `case ${acc.caseNumber}`;
    // First of all: is it one person's case, and one case? Two people's rows are never merged, whatever
    // else the rows say, and every row of such a case is listed with this reason.
    const people = differentPeople(acc, label, at);
    let reason = people ?? datesApart(acc, label, at, this.screening.dateSpanMonths);
    const policy = this.screening.flags;
    const flagged = (p: FlagPolicy) => POLICY_FLAGS.filter((f) => policy[f] === p && flags & flagBit(f));
    if (!reason) {
      const exclude = flagged('exclude');
      if (exclude.length) {
        const d = diag('BM403', at, `${label} is flagged ${exclude.join(', ')} by the screening, and the config excludes such cases (flags: ${exclude.map((f) => `${f}: exclude`).join(', ')})`, `no action needed; to file such cases, set flags.${exclude[0]} to file or review in the config`);
        acc.slots.forEach((s, i) => out.excluded.push(withPerson(s.exclusion ? excludedRow(s, s.exclusion, acc.factsAt(i).flags) : withFlags({ raw: s, diagnostic: { ...d, line: s.ref.line, file: s.ref.file } }, acc.factsAt(i).flags), acc.factsAt(i).id)));
        for (const f of flagList(flags)) out.flags[f].excluded++;
        return;
      }
    }
    reason ??= acc.extras.review;
    if (!reason && acc.extras.undetermined) {
      reason = diag('BM308', at, `${label} has a count screened "${acc.extras.undetermined.determination}" (line ${acc.extras.undetermined.line}) beside counts screened eligible`, 'decide the undetermined count, then file or exclude the whole case');
    }
    if (!reason && settled.several.relief) reason = conflictingRelief(acc, label, at);
    if (!reason && settled.several.caseType) reason = conflictingCaseType(acc, label, at);
    if (!reason && acc.values('agency').length > 1) {
      reason = diag('BM306', at, `${label} has rows naming different agencies (${acc.values('agency').join(', ')})`, 'give all rows of the case the same agency');
    }
    const caseType = settled.caseType!;
    const agency = acc.agency ?? this.route(caseType, acc.courtId);
    if (!reason && agency === undefined) {
      reason = diag('BM306', at, `no agency in the config files ${caseType} cases from court ${acc.courtId}`, 'add a routing: entry for this case type and court (or its city)');
    }
    // The statute's own limits, once the screening's relief and the filing agency are known.
    let relief = settled.relief!;
    let beyondStatute = false;
    if (!reason && acc.extras.afterProp64 && policy.after_prop64 === 'review') {
      reason = diag('BM311', at, `${label}: ${acc.extras.afterProp64}, on or after ${PROP_64_EFFECTIVE}, when Prop 64 took effect; HS 11361.8 turns on whether the offense came before that date`, `check the offense date: if the offense was before ${PROP_64_EFFECTIVE}, correct the record and file the case; if not, it is outside HS 11361.8`);
    }
    if (!reason) {
      const review = flagged('review');
      if (review.length) reason = diag('BM316', at, `${label} is flagged ${review.join(', ')} by the screening (${review.map((f) => FLAG_WHY[f]).join('; ')}), and the config sends such cases to review`, `decide it by hand: file it (set flags.${review[0]}: file) or exclude it; the policy is under flags: in the config`);
    }
    if (!reason && acc.extras.sentence) {
      if (this.screening.sentenceNotCompleted === 'review') {
        reason = diag('BM312', at, `${label}: the sentence is not complete (${acc.extras.sentence}); HS 11361.8(e)/(f) dismissal, sealing and redesignation are for completed sentences`, 'decide it by hand (a recall or dismissal of sentence under 11361.8(a)-(c)), or set sentence_not_completed: recall_sentence in the config to file it so');
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
      const r = reason;
      acc.slots.forEach((s, i) => out.review.push(withPerson(withFlags({ raw: s, diagnostic: people ? r : (s.review ?? r) }, acc.factsAt(i).flags), acc.factsAt(i).id)));
      for (const f of flagList(flags)) out.flags[f].review++;
      return;
    }
    if (acc.extras.warnings) out.diagnostics.push(...acc.extras.warnings);
    if (settled.several.file) {
      out.diagnostics.push(diag('BM503', at, `${label} appears in ${acc.values('file').length} input files (${acc.values('file').join(', ')}); its rows are merged into one case`, 'no action needed if the files overlap on purpose'));
    }
    if (fileable < acc.count) {
      acc.slots.forEach((s, i) => {
        if (s.exclusion) out.excluded.push(withPerson(excludedRow(s, s.exclusion, acc.factsAt(i).flags), acc.factsAt(i).id));
      });
    }
    const sources = acc.sources();
    if (acc.extras.notEligible > 0) {
      out.diagnostics.push(diag('BM505', at, `${label} is filed for its eligible counts only; ${plural(acc.count - fileable, 'other count')} ${noun(acc.count - fileable, 'was', 'were')} screened not eligible`, 'no action needed; the exhibit lists the eligible code sections'));
    }
    const c: CaseRecord = {
      caseNumber: acc.caseNumber,
      court: acc.courtId,
      caseType,
      relief,
      agency,
      codeSections: acc.sections.length > 1 ? acc.sections.slice() : acc.sections,
      convictionDate: settled.earliest,
      sources,
    };
    // Several dates within the span: every one is kept, so the exhibit and index.csv show them all.
    if (settled.several.date) c.convictionDates = [...acc.values('date')].sort();
    if (flags) c.flags = flagList(flags);
    if (acc.extras.name) c.defendantName = acc.extras.name;
    if (acc.extras.dob) c.dob = acc.extras.dob;
    if (acc.extras.cii) c.cii = acc.extras.cii;
    if (acc.extras.notes) c.notes = acc.extras.notes;
    const person = acc.person;
    if (person !== undefined) c.person = person;
    if (acc.extras.demographics) c.demographics = acc.extras.demographics;
    if (beyondStatute) c.beyondStatute = true;
    out.cases.push(c);
    out.filedRows += fileable;
  }
}

/** Why each flag matters, for BM316. */
const FLAG_WHY: Record<PolicyFlag, string> = {
  deceased: 'the screening marks the person deceased',
  after_prop64: 'the offense may be after Prop 64 took effect',
  superstrike: 'the person has a superstrike conviction (gogen "Superstrike Code Section(s)")',
  pc290: 'the person has a PC 290 registrable conviction or registration (gogen "PC290 Code Section(s)" / "PC290 Registration")',
};

/** Who a listed row is about, as a hash for the summary's count of people (NaN: the row names no one). */
function withPerson(r: ListedRow, id: Identity | undefined): ListedRow {
  r.person = personKey(id) ?? Number.NaN;
  return r;
}

function withFlags(r: ListedRow, mask: FlagMask): ListedRow {
  if (mask) r.flags = flagList(mask);
  return r;
}

function excludedRow(raw: StoredRow, e: Exclusion, flags: FlagMask = 0): ListedRow {
  const d = diag(e.code, { file: raw.ref.file, line: raw.ref.line, column: 'Eligibility Determination' }, e.code === 'BM402' ? 'the row was not evaluated for Prop 64 relief' : `screened "${e.determination}"`);
  return withFlags({ raw, diagnostic: d, determination: e.determination }, flags);
}

export { addMonths } from './merge-reasons';
