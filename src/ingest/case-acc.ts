/**
 * One case while its rows are folded in (src/ingest/merge.ts decides it once
 * every row is seen). A county list makes hundreds of thousands of these and
 * they are all alive at once until the last row is read, so this is where
 * ingest's memory goes: the usual case (one or two rows that agree, no
 * personal data, no warnings) is held in a few inline fields, and everything
 * a case rarely has lives in a side object made only when needed.
 */
import type { Diagnostic } from '../diagnostics/catalog';
import type { CaseType, Demographics, Relief, SourceRef } from '../domain';
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

/**
 * How a row is held: a row with nothing of its own (no fields kept, no review, no exclusion), whose file's
 * header is the case's, is held as just where it came from; the slot is made again if it is listed.
 */
type Kept = Slot | SourceRef;
const isSlot = (k: Kept): k is Slot => (k as Slot).ref !== undefined;

export type Tracked = 'relief' | 'caseType' | 'agency' | 'file' | 'date' | 'cn';
type TrackedValue = { relief: Relief; caseType: CaseType; agency: string; file: string; date: string; cn: string };

/** What few cases have; one object, made when the first of these turns up. */
interface Rare {
  /** Every agency the fileable rows name, once a second one appears. */
  agencies?: string[];
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

/** A case's rare facts as merge.ts reads them. */
export type Extras = Readonly<Omit<Rare, 'agencies' | 'odd'>>;
const NO_EXTRAS: Extras = Object.freeze({ notEligible: 0 });

export class CaseAcc {
  /** The case's one row, or (from the second) every row, in order; an array literal is exactly as long as its contents. */
  private rows: Kept | Kept[] | undefined = undefined;
  /** The header of the rows held as just where they came from. */
  private header: readonly string[] | undefined = undefined;
  /** The agency the fileable rows name (the usual one inline; a list once a second appears). */
  agency: string | undefined = undefined;
  /** The fileable counts' code sections, in order (the first fileable row's own array, added to). */
  sections: string[] = EMPTY_SECTIONS;
  private base: Facts | undefined = undefined;
  private rare: Rare | undefined = undefined;

  constructor(
    readonly caseNumber: string,
    readonly courtId: string,
  ) {}

  /** Every row of the case, in order. */
  get slots(): readonly Slot[] {
    const out = new Array<Slot>(this.count);
    for (let i = 0; i < out.length; i++) out[i] = this.slotAt(i);
    return out;
  }

  /** Where the fileable rows came from, in order (exactly as long as needed: a statewide run holds a million). */
  sources(): SourceRef[] {
    let n = 0;
    for (let i = 0; i < this.count; i++) if (!this.excludedAt(i)) n++;
    if (n === 1) for (let i = 0; i < this.count; i++) if (!this.excludedAt(i)) return [this.refAt(i)];
    const out = new Array<SourceRef>(n);
    for (let i = 0, k = 0; i < this.count; i++) if (!this.excludedAt(i)) out[k++] = this.refAt(i);
    return out;
  }

  get count(): number {
    const r = this.rows;
    return r === undefined ? 0 : Array.isArray(r) ? r.length : 1;
  }

  private keptAt(i: number): Kept {
    const r = this.rows!;
    return Array.isArray(r) ? r[i]! : r;
  }

  private slotAt(i: number): Slot {
    const k = this.keptAt(i);
    return isSlot(k) ? k : { ref: k, header: this.header! };
  }

  refAt(i: number): SourceRef {
    const k = this.keptAt(i);
    return isSlot(k) ? k.ref : k;
  }

  private excludedAt(i: number): boolean {
    const k = this.keptAt(i);
    return isSlot(k) && k.exclusion !== undefined;
  }

  /**
   * What the fileable rows add up to, in one pass over them: how many, the first, their flags, the earliest
   * date, the first relief and status, and whether any of relief, status, date or file has a second value
   * (then `values` lists them).
   */
  settle(): Settled {
    const out: Settled = { fileable: 0, first: undefined, flags: 0, earliest: '', relief: undefined, caseType: undefined, several: { relief: false, caseType: false, date: false, file: false } };
    let date: string | undefined;
    for (let i = 0; i < this.count; i++) {
      if (this.excludedAt(i)) continue;
      const f = this.factsAt(i);
      const ref = this.refAt(i);
      out.fileable++;
      out.first ??= this.slotAt(i);
      out.flags |= f.flags;
      if (f.relief !== undefined) {
        if (out.relief === undefined) out.relief = f.relief;
        else if (f.relief !== out.relief) out.several.relief = true;
      }
      if (f.caseType !== undefined) {
        if (out.caseType === undefined) out.caseType = f.caseType;
        else if (f.caseType !== out.caseType) out.several.caseType = true;
      }
      if (f.date !== '') {
        if (date === undefined) date = f.date;
        else if (f.date !== date) out.several.date = true;
        if (out.earliest === '' || f.date < out.earliest) out.earliest = f.date;
      }
      if (ref.file !== out.first.ref.file) out.several.file = true;
    }
    return out;
  }

  /** What few cases have (rows' review, the undetermined count, personal data, warnings...): nothing, for most. */
  get extras(): Extras {
    return this.rare ?? NO_EXTRAS;
  }

  /** Who the case is about, for the summary's count of people: the first fileable row that says. */
  get person(): number | undefined {
    for (let i = 0; i < this.count; i++) {
      if (this.excludedAt(i)) continue;
      const p = personKey(this.factsAt(i).id);
      if (p !== undefined) return p;
    }
    return undefined;
  }

  private more(): Rare {
    return (this.rare ??= { notEligible: 0 });
  }

  private keep(slot: Slot): void {
    let k: Kept = slot;
    if (slot.packed === undefined && slot.review === undefined && slot.exclusion === undefined && (this.header === undefined || this.header === slot.header)) {
      this.header = slot.header;
      k = slot.ref;
    }
    const r = this.rows;
    // concat makes an array exactly as long as its contents; a push would reserve 17 more slots.
    if (r === undefined) this.rows = k;
    else if (!Array.isArray(r)) this.rows = [r, k];
    else this.rows = r.concat(k);
  }

  private noteAgency(v: string | undefined): void {
    if (v === undefined) return;
    const first = this.agency;
    if (first === undefined) {
      this.agency = v;
      return;
    }
    if (first === v && !this.rare?.agencies) return;
    const list = (this.more().agencies ??= [first]);
    if (!list.includes(v)) list.push(v);
  }

  /** The distinct values the fileable rows give, in order of first appearance. */
  values<K extends Tracked>(k: K): Array<TrackedValue[K]> {
    if (k === 'agency') {
      const first = this.agency;
      return (this.rare?.agencies ?? (first === undefined ? [] : [first])) as Array<TrackedValue[K]>;
    }
    const out: Array<TrackedValue[K]> = [];
    for (let i = 0; i < this.count; i++) {
      if (this.excludedAt(i)) continue;
      const v = (k === 'file' ? this.refAt(i).file : this.factsAt(i)[k as 'relief' | 'caseType' | 'date' | 'cn']) as TrackedValue[K] | undefined;
      if (v === undefined || (k === 'date' && v === '')) continue;
      if (!out.includes(v)) out.push(v);
    }
    return out;
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
    if (row.review && this.rare?.review === undefined) this.more().review = row.review;
    this.noteAgency(row.agency);
    if (this.sections === EMPTY_SECTIONS) this.sections = row.codeSections;
    else for (const s of row.codeSections) if (!this.sections.includes(s)) this.sections = this.sections.concat(s);
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

export interface Settled {
  fileable: number;
  first: StoredRow | undefined;
  flags: FlagMask;
  earliest: string;
  relief: Relief | undefined;
  caseType: CaseType | undefined;
  several: Record<'relief' | 'caseType' | 'date' | 'file', boolean>;
}

/** Until the first fileable row: then its own array, replaced by a longer copy for each section a later row adds. */
const EMPTY_SECTIONS: string[] = [];
