/**
 * One case while its rows are folded in (src/ingest/merge.ts decides it once
 * every row is seen). A county list makes hundreds of thousands of these and
 * they are all alive at once until the last row is read, so this is where
 * ingest's memory goes: the usual case (one or two rows that agree, no
 * personal data, no warnings) is held in a few inline fields, and everything
 * a case rarely has lives in a side object made only when needed.
 */
import type { Diagnostic } from '../diagnostics/catalog';
import type { CaseType, Demographics, Relief } from '../domain';
import type { CountRow, Exclusion, FlagMask, StoredRow } from './types';
import { personKey, sameIdentity, type Identity } from './identity';

/**
 * What the case-level checks need of one row: its relief, status, date, where its case number came from,
 * who it is about (hashes), its flags. Held for the case's first row, and for another row only when it
 * differs from the first in any of these: the counts of a case nearly always agree.
 */
export interface Facts {
  fileable: boolean;
  relief: Relief | undefined;
  caseType: CaseType | undefined;
  date: string;
  cn: string;
  id: Identity | undefined;
  flags: FlagMask;
}

/** What a case remembers of each of its rows: the stored row itself, marked with its review or exclusion. */
export type Slot = StoredRow & { review?: Diagnostic; exclusion?: Exclusion };

export type Tracked = 'relief' | 'caseType' | 'agency' | 'file' | 'date' | 'cn';
type TrackedValue = { relief: Relief; caseType: CaseType; agency: string; file: string; date: string; cn: string };

/** What few cases have; one object, made when the first of these turns up. */
interface Rare {
  more?: Partial<Record<Tracked, string[]>>;
  odd?: Map<number, Facts>;
  review?: Diagnostic;
  undetermined?: { determination: string; line: number };
  notEligible: number;
  name?: string;
  dob?: string;
  cii?: string;
  notes?: string;
  demographics?: Demographics;
  warnings?: Diagnostic[];
  /** Why the case is on or after Prop 64 (first fileable row that says so). */
  afterProp64?: string;
  /** Where the screening says the sentence is not complete (first fileable row that says so). */
  sentence?: string;
}

export class CaseAcc {
  /** The case's one row, or (from the second) every row, in order; an array literal is exactly as long as its contents. */
  private rows: Slot | Slot[] | undefined = undefined;
  /** The usual single value of each tracked value is held inline; a list exists only once a second value appears. */
  relief: Relief | undefined = undefined;
  caseType: CaseType | undefined = undefined;
  agency: string | undefined = undefined;
  file: string | undefined = undefined;
  /** Distinct conviction dates and case-number columns of the fileable counts (the usual one inline). */
  date: string | undefined = undefined;
  cn: string | undefined = undefined;
  sections: string[] = EMPTY_SECTIONS;
  /** The first fileable row. */
  first: StoredRow | undefined = undefined;
  fileable = 0;
  /** The earliest conviction date of the fileable counts, '' when none has one. */
  earliest = '';
  /** The union of the fileable counts' flags. */
  flags: FlagMask = 0;
  private base: Facts | undefined = undefined;
  private rare: Rare | undefined = undefined;

  constructor(
    readonly caseNumber: string,
    readonly courtId: string,
  ) {}

  /** Every row of the case, in order. */
  get slots(): readonly Slot[] {
    const r = this.rows;
    return r === undefined ? [] : Array.isArray(r) ? r : [r];
  }

  get count(): number {
    const r = this.rows;
    return r === undefined ? 0 : Array.isArray(r) ? r.length : 1;
  }

  get firstSlot(): Slot {
    const r = this.rows!;
    return Array.isArray(r) ? r[0]! : r;
  }

  get review(): Diagnostic | undefined {
    return this.rare?.review;
  }
  get undetermined(): { determination: string; line: number } | undefined {
    return this.rare?.undetermined;
  }
  get notEligible(): number {
    return this.rare?.notEligible ?? 0;
  }
  get name(): string | undefined {
    return this.rare?.name;
  }
  get dob(): string | undefined {
    return this.rare?.dob;
  }
  get cii(): string | undefined {
    return this.rare?.cii;
  }
  get notes(): string | undefined {
    return this.rare?.notes;
  }
  get demographics(): Demographics | undefined {
    return this.rare?.demographics;
  }
  get warnings(): Diagnostic[] | undefined {
    return this.rare?.warnings;
  }
  get afterProp64(): string | undefined {
    return this.rare?.afterProp64;
  }
  get sentence(): string | undefined {
    return this.rare?.sentence;
  }

  /** Who the case is about, for the summary's count of people: the first fileable row that says. */
  get person(): number | undefined {
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) {
      if (slots[i]!.exclusion) continue;
      const p = personKey(this.factsAt(i).id);
      if (p !== undefined) return p;
    }
    return undefined;
  }

  private more(): Rare {
    return (this.rare ??= { notEligible: 0 });
  }

  private keep(slot: Slot): void {
    const r = this.rows;
    if (r === undefined) this.rows = slot;
    else if (!Array.isArray(r)) this.rows = [r, slot];
    else r.push(slot);
  }

  private note<K extends Tracked>(k: K, v: TrackedValue[K] | undefined): void {
    if (v === undefined) return;
    const first = this[k] as TrackedValue[K] | undefined;
    if (first === undefined) {
      (this as { [P in K]?: TrackedValue[K] })[k] = v;
      return;
    }
    if (first === v && !this.rare?.more?.[k]) return;
    const more = (this.more().more ??= {});
    const list = (more[k] ??= [first]);
    if (!list.includes(v)) list.push(v);
  }

  values<K extends Tracked>(k: K): Array<TrackedValue[K]> {
    const list = this.rare?.more?.[k] as Array<TrackedValue[K]> | undefined;
    if (list) return list;
    const first = this[k] as TrackedValue[K] | undefined;
    return first === undefined ? [] : [first];
  }

  /** The facts of the slot at index i. */
  factsAt(i: number): Facts {
    return this.rare?.odd?.get(i) ?? this.base!;
  }

  /** Keeps the row's facts, when they are not the first row's. Called before the row's slot is kept. */
  private remember(row: CountRow, fileable: boolean): void {
    const b = this.base;
    const relief = fileable ? row.relief : undefined;
    const caseType = fileable ? row.caseType : undefined;
    if (b && b.fileable === fileable && b.relief === relief && b.caseType === caseType && b.date === row.convictionDate && b.cn === row.caseNumberColumn && b.flags === row.flags && sameIdentity(b.id, row.identity)) return;
    const f: Facts = { fileable, relief: relief || undefined, caseType: caseType || undefined, date: row.convictionDate, cn: row.caseNumberColumn, id: row.identity, flags: row.flags };
    if (!b) this.base = f;
    else (this.more().odd ??= new Map()).set(this.count, f);
  }

  add(row: CountRow): void {
    const slot: Slot = row.raw;
    this.remember(row, !row.exclusion);
    if (row.review) slot.review = row.review;
    if (row.exclusion) {
      slot.exclusion = row.exclusion;
      if (row.undetermined) this.more().undetermined ??= { determination: row.exclusion.determination, line: row.raw.ref.line };
      else if (row.exclusion.code === 'BM401') this.more().notEligible++;
      this.keep(slot);
      return;
    }
    this.keep(slot);
    this.fileable++;
    this.first ??= row.raw;
    if (row.review && this.rare?.review === undefined) this.more().review = row.review;
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
    if (row.defendantName !== undefined || row.dob !== undefined || row.cii !== undefined || row.notes !== undefined || row.demographics !== undefined || row.warnings !== undefined || row.afterProp64 !== undefined || row.sentenceNotCompleted !== undefined) {
      const x = this.more();
      x.name ??= row.defendantName;
      x.dob ??= row.dob;
      x.cii ??= row.cii;
      x.notes ??= row.notes;
      x.demographics ??= row.demographics;
      if (row.warnings) (x.warnings ??= []).push(...row.warnings);
      x.afterProp64 ??= row.afterProp64;
      x.sentence ??= row.sentenceNotCompleted;
    }
  }
}

/** Replaced by the first fileable row's own array before anything is pushed. */
const EMPTY_SECTIONS: string[] = [];
