/**
 * Synthetic gogen "All_Results_Condensed" CSV for Los Angeles County.
 *
 * Pure code: no fs, no process, no clock, no Math.random. The same options
 * always give the same lines. Every person, name and number is invented.
 *
 * The output has the 20 condensed DOJ columns followed by the 18 gogen
 * eligibility columns (gogen's column names and order), one row per
 * count, lines ending in "\r\n" like a Windows export, header first. It is a
 * generator so that a million cases can be streamed to a file.
 *
 * With `messy` on (the default for the CLI), it also reproduces the untidy
 * things seen in real extracts:
 *  - court names spelled differently (case, missing space after the prefix,
 *    leading/trailing spaces);
 *  - now and then a case whose `Case Number` is `NULL`, blank, or two numbers
 *    joined with "; " (OFN blank), a case with a blank CONV_STAT_DESCR, and a
 *    multi-count case whose counts got different determinations.
 */
import { Prng, cumulative } from './prng';
import {
  CITY_ATTORNEYS,
  COL,
  DISMISSAL,
  FELONY_SECTIONS,
  FELONY_SECTION_WEIGHTS,
  FIRST_NAMES_F,
  FIRST_NAMES_M,
  FORMER_FELONY_SECTION_WEIGHTS,
  FORMER_MISDEMEANOR_SECTION_WEIGHTS,
  FORMER_SECTIONS,
  GOGEN_CONDENSED_HEADER,
  HAND_REVIEW,
  INITIALS,
  LAST_NAMES,
  LA_COURTS,
  MAYBE,
  MISDEMEANOR_SECTIONS,
  MISDEMEANOR_SECTION_WEIGHTS,
  NOT_ELIGIBLE,
  OFFENSES,
  RACES,
  RACE_WEIGHTS,
  REDUCTION,
  type Section,
} from './la-data';

export { DOJ_CONDENSED_COLUMNS, GOGEN_ELIGIBILITY_COLUMNS, GOGEN_CONDENSED_HEADER, LA_COURTS } from './la-data';
export type { SampleCourt } from './la-data';


/** A felony dismissal reason that fits the facts of the case. */
function dismissalReason(rng: Prng, yearsThis: number, yearsAny: number, ageNow: number, ageThen: number): string {
  const r = rng.next();
  if (r < 0.35 && yearsThis >= 10) return 'Final Conviction older than 10 years';
  if (r < 0.55 && ageNow >= 50) return '50 years or older';
  if (r < 0.65 && ageThen <= 21) return '21 years or younger';
  if (r < 0.8 && yearsAny >= 10) return 'No convictions in past 10 years';
  return 'Only has 11357-60 charges and completed sentence';
}

// ---------------------------------------------------------------------------
// Dates, as day numbers (days since 1970-01-01), without Date.
// ---------------------------------------------------------------------------

/** Days since 1970-01-01 for a proleptic Gregorian y-m-d (H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Writes [year, month, day] for a day number into `out` (no allocation). */
function civilFromDays(z: number, out: number[]): void {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  out[0] = yoe + era * 400 + (m <= 2 ? 1 : 0);
  out[1] = m;
  out[2] = d;
}

const PAD2: string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? '0' : '') + String(i));
function pad2(n: number): string {
  return PAD2[n] as string;
}
function padN(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

const FIRST_CONVICTION_DAY = daysFromCivil(1961, 1, 1);
/** Prop 64 passed on 11/9/2016: every sample conviction is before it. */
const LAST_CONVICTION_DAY = daysFromCivil(2016, 11, 8);
const BUSY_YEARS_START = daysFromCivil(1980, 1, 1);
/**
 * Offenses before this day were charged under the former sections (11530, 11531): the 1972
 * recodification. The offense date decides, not the conviction's, so a 1972 conviction for a 1971
 * offense keeps its former section; every 1961-1971 conviction has one.
 */
const RECODIFICATION_DAY = daysFromCivil(1972, 1, 1);
/** gogen computed "Years Since ..." when it was run; the LA runs were in 2019. */
const AS_OF_DAY = daysFromCivil(2019, 10, 1);

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE_RE = /"/g;
/** RFC 4180 quoting: only fields with a comma, quote or line break are quoted. */
export function csvField(v: string): string {
  return NEEDS_QUOTES.test(v) ? '"' + v.replace(QUOTE_RE, '""') + '"' : v;
}
export function csvLine(fields: readonly string[]): string {
  let s = csvField(fields[0] ?? '');
  for (let i = 1; i < fields.length; i++) s += ',' + csvField(fields[i] as string);
  return s + '\r\n';
}

// ---------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------

export interface GogenSampleOptions {
  /** How many cases (court events) to write. Each case is 1-3 rows. */
  cases: number;
  /** Same seed, same file. */
  seed: number;
  county?: 'LOS ANGELES';
  /** Untidy spellings and the odd broken case, like real extracts. Default false. */
  messy?: boolean;
}

/** The messy situations the generator plants (when messy is on). */
export const MESSY_SITUATIONS = [
  'null-case-number',
  'blank-case-number',
  'two-case-numbers',
  'blank-conv-stat',
  'mixed-determinations',
] as const;
export type MessySituation = (typeof MESSY_SITUATIONS)[number];

/** Chance, per case, of each messy situation (on top of one planted near the start). */
const MESSY_RATE_EACH = 0.0025;
/** Chance that a row's court is spelled untidily. */
const MESSY_COURT_RATE = 0.15;

interface CourtVariants {
  tidy: string;
  untidy: readonly string[];
}

function courtVariants(doj: string): CourtVariants {
  const noSpace = doj.slice(0, 4) + doj.slice(5); // "CASCLos Angeles Central"
  return {
    tidy: doj,
    untidy: [
      doj.toUpperCase(),
      doj.toUpperCase(),
      noSpace,
      noSpace.toUpperCase(),
      doj.toLowerCase(),
      ' ' + doj,
      doj + ' ',
      '  ' + doj.toUpperCase() + ' ',
      doj.slice(0, 4) + '  ' + doj.slice(5),
    ],
  };
}

/**
 * The CSV lines of a synthetic gogen All_Results_Condensed file: the header,
 * then one line per count. Lines end in "\r\n".
 */
export function* gogenCondensedLines(options: GogenSampleOptions): Generator<string, void, undefined> {
  yield csvLine(GOGEN_CONDENSED_HEADER);
  for (const row of gogenCondensedRows(options)) yield csvLine(row);
}

/**
 * The same rows as gogenCondensedLines, as arrays of field values (no header).
 * The array yielded is reused between rows: copy it if you keep it.
 */
export function* gogenCondensedRows(options: GogenSampleOptions): Generator<readonly string[], void, undefined> {
  const cases = Math.max(0, Math.floor(options.cases));
  const county = options.county ?? 'LOS ANGELES';
  const messy = options.messy ?? false;
  const rng = new Prng(options.seed);
  // Messiness has its own stream so the decisions about it do not shift the others.
  const messRng = new Prng(options.seed ^ 0x5bd1e995);

  const courts = LA_COURTS.map((c) => ({ ...c, variants: courtVariants(c.doj) }));
  const felonyCourtWeights = cumulative(courts.map((c) => c.felonyWeight));
  const misdemeanorCourtWeights = cumulative(courts.map((c) => c.misdemeanorWeight));

  // Case-number counters: per felony prefix, per misdemeanor court code.
  const felonyCounters = new Map<string, number>();
  const misdemeanorCounters = new Map<string, number>();
  const prefixOffset = (key: string): number => ((key.charCodeAt(0) * 31 + key.charCodeAt(1)) * 7717) % 100000;

  function felonyNumber(prefix: string): string {
    const c = felonyCounters.get(prefix) ?? 0;
    felonyCounters.set(prefix, c + 1);
    // 7919 is prime to 10^6, so this walks all 6-digit numbers before repeating.
    const digits = (((c % 1000000) * 7919 + prefixOffset(prefix)) % 1000000) as number;
    const wrap = Math.floor(c / 1000000);
    return prefix + padN(digits, 6) + (wrap > 0 ? '-' + String(wrap) : '');
  }
  function misdemeanorNumber(code: string, year: number): string {
    const c = misdemeanorCounters.get(code) ?? 0;
    misdemeanorCounters.set(code, c + 1);
    const digits = ((c % 100000) * 7919 + prefixOffset(code)) % 100000;
    const wrap = Math.floor(c / 100000);
    return String(year % 10) + code + padN(digits, 5) + (wrap > 0 ? '-' + String(wrap) : '');
  }

  // One of each messy situation is planted early, so even a small file has
  // every one; after that they turn up at random, each well under 1%.
  const planted = new Map<number, MessySituation>();
  if (messy && cases > 0) {
    const span = Math.min(cases, 1000);
    MESSY_SITUATIONS.forEach((s, k) => {
      planted.set(Math.floor(((k + 0.5) * span) / MESSY_SITUATIONS.length), s);
    });
  }

  const ymd = [0, 0, 0];
  const row: string[] = new Array<string>(GOGEN_CONDENSED_HEADER.length).fill('');
  const sections: Section[] = ['11359', '11359', '11359'];
  const determinations: string[] = ['', '', ''];
  const reasons: string[] = ['', '', ''];
  const perBase = [0, 0, 0, 0];

  for (let i = 0; i < cases; i++) {
    // --- what can go wrong with this case
    let situation: MessySituation | undefined;
    if (messy) {
      situation = planted.get(i);
      const r = messRng.next();
      if (situation === undefined && r < MESSY_RATE_EACH * MESSY_SITUATIONS.length) {
        situation = MESSY_SITUATIONS[Math.floor(r / MESSY_RATE_EACH)];
      }
    }
    const mixed = situation === 'mixed-determinations';

    // --- the court event
    const felony = mixed || rng.chance(0.9);
    const court = courts[rng.weightedIndex(felony ? felonyCourtWeights : misdemeanorCourtWeights)]!;
    const countRoll = rng.next();
    const nCounts = mixed ? 2 + rng.int(2) : countRoll < 0.7 ? 1 : countRoll < 0.92 ? 2 : 3;

    // Conviction date: most between 1980 and 2016, a long tail back to 1961.
    const convDay = rng.chance(0.75)
      ? BUSY_YEARS_START + rng.int(LAST_CONVICTION_DAY - BUSY_YEARS_START + 1)
      : FIRST_CONVICTION_DAY + rng.int(LAST_CONVICTION_DAY - FIRST_CONVICTION_DAY + 1);
    const arrestDay = convDay - rng.int(felony ? 240 : 60);
    const ageAtArrest = 18 + Math.floor(rng.next() * rng.next() * 45);
    const dobDay = arrestDay - ageAtArrest * 365 - Math.floor(ageAtArrest / 4) - rng.int(365);

    civilFromDays(dobDay, ymd);
    const [dobY, dobM, dobD] = ymd as [number, number, number];
    const dob = String(dobY) + pad2(dobM) + pad2(dobD);
    civilFromDays(arrestDay, ymd);
    const [arrY, arrM, arrD] = ymd as [number, number, number];
    const cycDate = String(arrY) + pad2(arrM) + pad2(arrD);
    const cycAge = arrY - dobY - (arrM < dobM || (arrM === dobM && arrD < dobD) ? 1 : 0);
    civilFromDays(convDay, ymd);
    const [convY, convM, convD] = ymd as [number, number, number];
    const convYmd = String(convY) + pad2(convM) + pad2(convD);
    const convMdy = pad2(convM) + '/' + pad2(convD) + '/' + String(convY);

    // --- the person (invented)
    const female = rng.chance(0.14);
    const last = rng.pick(LAST_NAMES);
    const first = rng.pick(female ? FIRST_NAMES_F : FIRST_NAMES_M);
    const name = rng.chance(0.45) ? last + ',' + first + ' ' + rng.pick(INITIALS) : last + ',' + first;
    const cii = String(rng.chance(0.3) ? rng.range(10000000, 99999999) : rng.range(100000000, 999999999));
    const race = RACES[rng.weightedIndex(RACE_WEIGHTS)] as string;
    const deceased = rng.chance(0.004);

    // --- case number
    const number = felony ? felonyNumber(court.felonyPrefix) : misdemeanorNumber(court.misdemeanorCode, convY);
    let ofn = number;
    let caseNumberCol = number;
    if (situation === 'null-case-number') {
      ofn = '';
      caseNumberCol = 'NULL';
    } else if (situation === 'blank-case-number') {
      ofn = '';
      caseNumberCol = '';
    } else if (situation === 'two-case-numbers') {
      const second = felony ? felonyNumber(court.felonyPrefix) : misdemeanorNumber(court.misdemeanorCode, convY);
      ofn = '';
      caseNumberCol = number + '; ' + second;
    }

    // --- counts and their code sections
    perBase[0] = perBase[1] = perBase[2] = perBase[3] = 0;
    const former = arrestDay < RECODIFICATION_DAY;
    for (let k = 0; k < nCounts; k++) {
      let s: Section;
      // One draw either way, so the rest of the file does not shift.
      if (former) {
        s = FORMER_SECTIONS[rng.weightedIndex(felony ? FORMER_FELONY_SECTION_WEIGHTS : FORMER_MISDEMEANOR_SECTION_WEIGHTS)]!;
      } else if (felony) {
        s = FELONY_SECTIONS[rng.weightedIndex(FELONY_SECTION_WEIGHTS)]!;
        // Before the 1976 Moscone Act, possessing any amount was a felony under plain 11357.
        if (s === '11357(A)' && convY < 1976) s = '11357';
      } else {
        s = MISDEMEANOR_SECTIONS[rng.weightedIndex(MISDEMEANOR_SECTION_WEIGHTS)]!;
      }
      sections[k] = s;
      const base = OFFENSES[s].base;
      if (base !== null) perBase[base]!++;
    }

    // --- the person's wider record, as gogen summarised it
    const otherConvictions = rng.chance(0.6) ? 0 : rng.range(1, 6);
    const yearsThis = (AS_OF_DAY - convDay) / 365.25;
    const yearsAny = otherConvictions > 0 ? Math.min(yearsThis, 0.5 + rng.next() * yearsThis) : yearsThis;
    const ageNow = Math.floor((AS_OF_DAY - dobDay) / 365.25);

    // --- eligibility (one determination per case, except the planted mix)
    let det: string;
    let reason: string;
    let superstrike = '-';
    let pc290Sections = '-';
    let pc290Registration = '-';
    const d = rng.next();
    if (felony) {
      if (d < 0.8) {
        det = DISMISSAL;
        reason = dismissalReason(rng, yearsThis, yearsAny, ageNow, cycAge);
      } else if (d < 0.95) {
        det = REDUCTION;
        reason = yearsAny < 10 ? 'Has convictions in past 10 years' : 'Sentence not Completed';
      } else if (d < 0.97) {
        det = NOT_ELIGIBLE;
        if (rng.chance(0.6)) {
          reason = 'PC 667(e)(2)(c)(iv)';
          superstrike = rng.pick(['187 PC', '664/187 PC', '269 PC', '288(A) PC']);
        } else {
          reason = 'PC 290';
          pc290Sections = rng.pick(['261(A)(2) PC', '288(A) PC', '314(1) PC']);
          pc290Registration = 'Yes';
        }
      } else if (d < 0.985) {
        det = MAYBE;
        reason = 'No applicable eligibility criteria';
      } else {
        det = HAND_REVIEW;
        reason = rng.pick(['Currently serving sentence', 'No applicable eligibility criteria']);
      }
    } else {
      if (d < 0.93) {
        det = DISMISSAL;
        reason = 'Misdemeanor or Infraction';
      } else if (d < 0.97) {
        det = CITY_ATTORNEYS;
        reason = 'Misdemeanor or Infraction';
      } else if (d < 0.98) {
        det = NOT_ELIGIBLE;
        reason = 'PC 290';
        pc290Sections = '314(1) PC';
        pc290Registration = 'Yes';
      } else if (d < 0.99) {
        det = MAYBE;
        reason = 'Other 11357';
      } else {
        det = HAND_REVIEW;
        reason = 'No applicable eligibility criteria';
      }
    }
    for (let k = 0; k < nCounts; k++) {
      determinations[k] = det;
      reasons[k] = reason;
    }
    if (mixed) {
      superstrike = pc290Sections = pc290Registration = '-';
      determinations[0] = DISMISSAL;
      reasons[0] = dismissalReason(rng, yearsThis, yearsAny, ageNow, cycAge);
      determinations[1] = REDUCTION;
      reasons[1] = yearsAny < 10 ? 'Has convictions in past 10 years' : 'Sentence not Completed';
      if (nCounts > 2) {
        determinations[2] = DISMISSAL;
        reasons[2] = reasons[0]!;
      }
    }

    // --- sentence
    let sentLoc: string;
    let sentLength = '';
    let sentTime = '';
    const s = rng.next();
    if (felony) {
      if (s < 0.45) {
        sentLoc = 'PROBATION';
        sentLength = rng.pick(['24', '36', '36', '60']);
        sentTime = 'M';
      } else if (s < 0.75) {
        sentLoc = 'JAIL';
        sentLength = rng.pick(['30', '90', '180', '365']);
        sentTime = 'D';
      } else if (s < 0.95) {
        sentLoc = 'PRISON';
        sentLength = rng.pick(['16', '24', '36']);
        sentTime = 'M';
      } else {
        sentLoc = 'FINE';
      }
    } else if (s < 0.4) {
      sentLoc = 'FINE';
    } else if (s < 0.65) {
      sentLoc = 'JAIL';
      sentLength = String(rng.range(1, 30));
      sentTime = 'D';
    } else {
      sentLoc = 'PROBATION';
      sentLength = rng.pick(['12', '24', '36']);
      sentTime = 'M';
    }

    const convictionStatus = situation === 'blank-conv-stat' ? '' : felony ? 'FELONY' : 'MISDEMEANOR';

    // --- fields shared by every count of the case
    row[COL.cii] = cii;
    row[COL.name] = name;
    row[COL.gender] = female ? 'FEMALE' : 'MALE';
    row[COL.dob] = dob;
    row[COL.race] = race;
    row[COL.cycDate] = cycDate;
    row[COL.stpDate] = convYmd;
    row[COL.county] = county;
    row[COL.dispDate] = convYmd;
    row[COL.ofn] = ofn;
    row[COL.disp] = 'CONVICTED';
    row[COL.convStat] = convictionStatus;
    row[COL.sentLoc] = sentLoc;
    row[COL.sentLength] = sentLength;
    row[COL.sentTime] = sentTime;
    row[COL.cycAge] = String(cycAge);
    row[COL.endOfRec] = '#';
    row[COL.caseNumber] = caseNumberCol;
    row[COL.convictionsOnRecord] = String(nCounts + otherConvictions);
    row[COL.otherP64] = '-';
    row[COL.after2016] = '-';
    row[COL.superstrike] = superstrike;
    row[COL.pc290Sections] = pc290Sections;
    row[COL.pc290Registration] = pc290Registration;
    row[COL.convictionDate] = convMdy;
    row[COL.yearsSinceThis] = yearsThis.toFixed(1);
    row[COL.yearsSinceAny] = yearsAny.toFixed(1);
    row[COL.p64Count] = String(perBase[0]! + perBase[1]! + perBase[2]! + perBase[3]!);
    row[COL.hs11357] = String(perBase[0]);
    row[COL.hs11358] = String(perBase[1]);
    row[COL.hs11359] = String(perBase[2]);
    row[COL.hs11360] = String(perBase[3]);
    row[COL.deceased] = deceased ? 'Deceased' : '-';

    for (let k = 0; k < nCounts; k++) {
      const offense = OFFENSES[sections[k]!];
      if (rng.chance(0.02)) {
        row[COL.offense] = 'SEE COMMENT FOR CHARGE';
        row[COL.comment] = offense.comment;
      } else {
        row[COL.offense] = rng.pick(offense.descr);
        row[COL.comment] = '';
      }
      row[COL.court] =
        messy && messRng.chance(MESSY_COURT_RATE) ? messRng.pick(court.variants.untidy) : court.variants.tidy;
      row[COL.determination] = determinations[k]!;
      row[COL.reason] = reasons[k]!;
      yield row;
    }
  }
}
