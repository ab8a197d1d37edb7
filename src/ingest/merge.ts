/**
 * Count rows become cases: one case is one case number in one court. Every
 * row ends in exactly one bucket: a filed case, excluded, review or rejected.
 *
 * Rows are folded into their case as they arrive, so only the stored row
 * (for review.csv) outlives the mapping: at county scale, per-row objects held
 * to the end would be most of the garbage collector's work.
 */
import { diag, type Diagnostic } from '../diagnostics/catalog';
import { POLICY_FLAGS, type CaseRecord, type CaseType, type Demographics, type FlagPolicy, type PolicyFlag, type Relief } from '../domain';
import type { CountRow, Exclusion, FlagCounts, FlagMask, ListedRow, StoredRow } from './types';
import { differences, PART_WORDS, personKey, sameIdentity, type Identity, type IdentityPart } from './identity';
import { emptyFlagCounts, flagBit, flagList } from './flags';
import type { Router } from '../config/routing';
import type { Config } from '../config/schema';
import { caseCeiling, reliefRank, withinStatute } from '../law/ceilings';
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

/**
 * What the case-level checks need of one row: its relief, status, date, where its case number came from,
 * who it is about (hashes), its flags. Held for the case's first row, and for another row only when it
 * differs from the first in any of these: the counts of a case nearly always agree.
 */
interface Facts {
  fileable: boolean;
  relief?: Relief;
  caseType?: CaseType;
  date: string;
  cn: string;
  id?: Identity;
  flags: FlagMask;
}

/** What a case remembers of each of its rows: the stored row itself, marked with its review or exclusion. */
type Slot = StoredRow & { review?: Diagnostic; exclusion?: Exclusion };

const EMPTY: Slot[] = [];

type Tracked = 'relief' | 'caseType' | 'agency' | 'file' | 'date' | 'cn';
type TrackedValue = { relief: Relief; caseType: CaseType; agency: string; file: string; date: string; cn: string };

class CaseAcc {
  /** Every row of the case; starts as a one-element literal (a pushed-to empty array reserves 17 slots). */
  slots: Slot[] = EMPTY;
  // The usual single value of each is held inline; a list exists only once a second value appears
  // (a county list makes hundreds of thousands of these, so small matters).
  relief?: Relief;
  caseType?: CaseType;
  agency?: string;
  file?: string;
  /** Distinct conviction dates and case-number columns of the fileable counts (the usual one inline). */
  date?: string;
  cn?: string;
  private more?: Partial<Record<Tracked, string[]>>;
  sections: string[] = [];
  first?: StoredRow;
  review?: Diagnostic;
  undetermined?: { determination: string; line: number };
  notEligible = 0;
  fileable = 0;
  /** The earliest conviction date of the fileable counts, '' when none has one. */
  earliest = '';
  /** The union of the fileable counts' flags. */
  flags: FlagMask = 0;
  private base?: Facts;
  private odd?: Map<number, Facts>;
  name?: string;
  dob?: string;
  cii?: string;
  notes?: string;
  /** Who the case is about, for the summary's count of people (the first fileable row that says). */
  person?: number;
  demographics?: Demographics;
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

  /** The facts of the slot at index i. */
  factsAt(i: number): Facts {
    return this.odd?.get(i) ?? this.base!;
  }

  /** Keeps the row's facts, when they are not the first row's. Called before the row's slot is kept. */
  private remember(row: CountRow, fileable: boolean): void {
    const b = this.base;
    const relief = fileable ? row.relief : undefined;
    const caseType = fileable ? row.caseType : undefined;
    if (b && b.fileable === fileable && b.relief === relief && b.caseType === caseType && b.date === row.convictionDate && b.cn === row.caseNumberColumn && b.flags === row.flags && sameIdentity(b.id, row.identity)) return;
    const f: Facts = { fileable, date: row.convictionDate, cn: row.caseNumberColumn, flags: row.flags };
    if (relief) f.relief = relief;
    if (caseType) f.caseType = caseType;
    if (row.identity) f.id = row.identity;
    if (!b) this.base = f;
    else (this.odd ??= new Map()).set(this.slots.length, f);
  }

  add(row: CountRow): void {
    const slot: Slot = row.raw;
    this.remember(row, !row.exclusion);
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
    this.note('date', row.convictionDate === '' ? undefined : row.convictionDate);
    this.note('cn', row.caseNumberColumn);
    this.flags |= row.flags;
    if (this.fileable === 1) this.sections = row.codeSections;
    else for (const s of row.codeSections) if (!this.sections.includes(s)) this.sections.push(s);
    if (row.convictionDate !== '' && (this.earliest === '' || row.convictionDate < this.earliest)) this.earliest = row.convictionDate;
    this.name ??= row.defendantName;
    this.dob ??= row.dob;
    this.cii ??= row.cii;
    this.notes ??= row.notes;
    this.person ??= personKey(row.identity);
    this.demographics ??= row.demographics;
    if (row.warnings) (this.warnings ??= []).push(...row.warnings);
    this.afterProp64 ??= row.afterProp64;
    this.sentence ??= row.sentenceNotCompleted;
  }
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
      out.diagnostics.push(diag('BM509', {}, `${plural(n, 'case')} screened as still serving the sentence ${n === 1 ? 'is' : 'are'} filed for recall_sentence (HS 11361.8(a)-(c)), not for the relief the screening maps to`, 'set sentence_not_completed: review in the config to decide them by hand instead'));
    }
    return out;
  }

  private finishCase(acc: CaseAcc): void {
    const out = this.out;
    if (acc.fileable === 0) {
      acc.slots.forEach((s, i) => out.excluded.push(withPerson(excludedRow(s, s.exclusion!), acc.factsAt(i).id)));
      return;
    }
    const first = acc.first!;
    const at = { file: first.ref.file, line: first.ref.line };
    const label = `case ${acc.caseNumber}`;
    // First of all: is it one person's case, and one case? Two people's rows are never merged, whatever
    // else the rows say, and every row of such a case is listed with this reason.
    const people = differentPeople(acc, label, at);
    let reason = people ?? datesApart(acc, label, at, this.screening.dateSpanMonths);
    const policy = this.screening.flags;
    const flagged = (p: FlagPolicy) => POLICY_FLAGS.filter((f) => policy[f] === p && acc.flags & flagBit(f));
    if (!reason) {
      const exclude = flagged('exclude');
      if (exclude.length) {
        const d = diag('BM403', at, `${label} is flagged ${exclude.join(', ')} by the screening, and the config excludes such cases (flags: ${exclude.map((f) => `${f}: exclude`).join(', ')})`, `no action needed; to file such cases, set flags.${exclude[0]} to file or review in the config`);
        acc.slots.forEach((s, i) => out.excluded.push(withPerson(s.exclusion ? excludedRow(s, s.exclusion, acc.factsAt(i).flags) : withFlags({ raw: s, diagnostic: { ...d, line: s.ref.line, file: s.ref.file } }, acc.factsAt(i).flags), acc.factsAt(i).id)));
        for (const f of flagList(acc.flags)) out.flags[f].excluded++;
        return;
      }
    }
    reason ??= acc.review;
    if (!reason && acc.undetermined) {
      reason = diag('BM308', at, `${label} has a count screened "${acc.undetermined.determination}" (line ${acc.undetermined.line}) beside counts screened eligible`, 'decide the undetermined count, then file or exclude the whole case');
    }
    if (!reason && acc.values('relief').length > 1) reason = conflictingRelief(acc, label, at);
    if (!reason && acc.values('caseType').length > 1) reason = conflictingCaseType(acc, label, at);
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
    if (!reason && acc.afterProp64 && policy.after_prop64 === 'review') {
      reason = diag('BM311', at, `${label}: ${acc.afterProp64}, on or after ${PROP_64_EFFECTIVE}, when Prop 64 took effect; HS 11361.8 turns on whether the offense came before that date`, `check the offense date: if the offense was before ${PROP_64_EFFECTIVE}, correct the record and file the case; if not, it is outside HS 11361.8`);
    }
    if (!reason) {
      const review = flagged('review');
      if (review.length) reason = diag('BM316', at, `${label} is flagged ${review.join(', ')} by the screening (${review.map((f) => FLAG_WHY[f]).join('; ')}), and the config sends such cases to review`, `decide it by hand: file it (set flags.${review[0]}: file) or exclude it; the policy is under flags: in the config`);
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
      const r = reason;
      acc.slots.forEach((s, i) => out.review.push(withPerson(withFlags({ raw: s, diagnostic: people ? r : (s.review ?? r) }, acc.factsAt(i).flags), acc.factsAt(i).id)));
      for (const f of flagList(acc.flags)) out.flags[f].review++;
      return;
    }
    if (acc.warnings) out.diagnostics.push(...acc.warnings);
    if (acc.values('file').length > 1) {
      out.diagnostics.push(diag('BM503', at, `${label} appears in ${acc.values('file').length} input files (${acc.values('file').join(', ')}); its rows are merged into one case`, 'no action needed if the files overlap on purpose'));
    }
    acc.slots.forEach((s, i) => {
      if (s.exclusion) out.excluded.push(withPerson(excludedRow(s, s.exclusion, acc.factsAt(i).flags), acc.factsAt(i).id));
    });
    // Exactly as long as needed: a statewide run holds a million of these.
    const sources = acc.fileable === acc.slots.length ? acc.slots.map((s) => s.ref) : acc.slots.filter((s) => !s.exclusion).map((s) => s.ref);
    if (acc.notEligible > 0) {
      out.diagnostics.push(diag('BM505', at, `${label} is filed for its eligible counts only; ${plural(acc.slots.length - acc.fileable, 'other count')} ${noun(acc.slots.length - acc.fileable, 'was', 'were')} screened not eligible`, 'no action needed; the exhibit lists the eligible code sections'));
    }
    const c: CaseRecord = {
      caseNumber: acc.caseNumber,
      court: acc.courtId,
      caseType,
      relief,
      agency,
      codeSections: acc.sections.length > 1 ? acc.sections.slice() : acc.sections,
      convictionDate: acc.earliest,
      sources,
    };
    // Several dates within the span: every one is kept, so the exhibit and index.csv show them all.
    const dates = acc.values('date');
    if (dates.length > 1) c.convictionDates = [...dates].sort();
    if (acc.flags) c.flags = flagList(acc.flags);
    if (acc.name) c.defendantName = acc.name;
    if (acc.dob) c.dob = acc.dob;
    if (acc.cii) c.cii = acc.cii;
    if (acc.notes) c.notes = acc.notes;
    if (acc.person !== undefined) c.person = acc.person;
    if (acc.demographics) c.demographics = acc.demographics;
    if (beyondStatute) c.beyondStatute = true;
    out.cases.push(c);
    out.filedRows += acc.fileable;
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

type Where = { file: string; line: number };

/** "line 2", "lines 2, 4", or with the file when the case spans several ("a.csv:2, b.csv:4"). */
function linesOf(refs: ReadonlyArray<StoredRow['ref']>, manyFiles: boolean): string {
  if (manyFiles) return refs.map((r) => `${r.file}:${r.line}`).join(', ');
  return `line${refs.length === 1 ? '' : 's'} ${refs.map((r) => r.line).join(', ')}`;
}

const manyFiles = (acc: CaseAcc) => acc.slots.some((s) => s.ref.file !== acc.slots[0]!.ref.file);

/**
 * BM314: rows of one case number and court that name different people. Only hashes are compared, and the
 * message counts and places them ("2 different CII numbers: the first on lines 2, 4, the second on line
 * 3"), never printing one.
 */
function differentPeople(acc: CaseAcc, label: string, at: Where): Diagnostic | undefined {
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
    const groups = [...byValue.values()].map((rows, k) => `${ORDINAL[k] ?? `#${k + 1}`} on ${linesOf(rows.map((i) => acc.slots[i]!.ref), many)}`);
    const missing = none.length ? `; ${linesOf(none.map((i) => acc.slots[i]!.ref), many)} ${none.length === 1 ? 'has' : 'have'} none` : '';
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
function datesApart(acc: CaseAcc, label: string, at: Where, months: number): Diagnostic | undefined {
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
function conflictingRelief(acc: CaseAcc, label: string, at: Where): Diagnostic {
  const also = alsoDiffer(acc, 'relief');
  const hint = also.includes('date') || also.includes('cn')
    ? `${MAYBE_TWO_CASES}; if they are one case, correct the screening so its counts ask for one relief`
    : also.includes('caseType')
      ? 'the relief follows the felony/misdemeanor status: look the case up and correct the status of the count recorded wrongly'
      : 'decide which relief the case gets and correct the screening (Eligibility Determination, or the relief column) of the other counts';
  return diag('BM304', at, `${label} has counts asking for different relief: ${spread(acc, 'relief')}${alsoText(acc, also)}`, hint);
}

/** BM305: the counts disagree on felony/misdemeanor; says what else differs, and fits the fix to it. */
function conflictingCaseType(acc: CaseAcc, label: string, at: Where): Diagnostic {
  const also = alsoDiffer(acc, 'caseType');
  const hint = also.includes('date') || also.includes('cn')
    ? `${MAYBE_TWO_CASES}; if they are one case, correct the felony/misdemeanor status of the count recorded wrongly`
    : 'look the case up and correct the felony/misdemeanor status of the count recorded wrongly';
  return diag('BM305', at, `${label} has counts marked ${spread(acc, 'caseType')}${alsoText(acc, also)}`, hint);
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

function excludedRow(raw: StoredRow, e: Exclusion, flags: FlagMask = 0): ListedRow {
  const d = diag(e.code, { file: raw.ref.file, line: raw.ref.line, column: 'Eligibility Determination' }, e.code === 'BM402' ? 'the row was not evaluated for Prop 64 relief' : `screened "${e.determination}"`);
  return withFlags({ raw, diagnostic: d, determination: e.determination }, flags);
}
