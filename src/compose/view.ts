/**
 * The data a template sees for one filing: plain values, already worded for
 * people. Templates decide the legal text; this decides nothing but facts.
 * docs/templates.md lists every field.
 */
import { filingFacts } from '../config/hearing';
import type { Agency, Config } from '../config/schema';
import { CHALLENGE_GROUNDS, type CaseType, type Relief } from '../domain';
import { distinctSections } from '../law/sections';
import type { Filing } from '../plan';

export interface AttorneyView {
  name: string;
  title: string;
  barNumber: string;
}

export interface FilingView {
  filing: {
    id: string;
    caseType: CaseType;
    /** "felony", "misdemeanor", "infraction" */
    caseTypeLabel: string;
    relief: Relief;
    /** The relief goes beyond HS 11361.8 for these cases, on the agency's stated basis. */
    beyondStatute: boolean;
    /** Cases listed in the exhibit. */
    caseCount: number;
    /** Counts: the input rows merged into those cases. */
    rowCount: number;
    /** Some case holds more than one count, so the documents give both numbers: "202 cases (276 counts)". */
    severalCounts: boolean;
    /** Distinct code sections across the filing, in order of first appearance, e.g. ["HS 11357(c)", "HS 11359"] */
    codeSections: string[];
    /** Year of the earliest and latest conviction date; '' when unknown. */
    earliestYear: string;
    latestYear: string;
    /** Config court names the cases come from, in config order. */
    courtNames: string[];
    /** Present when filings are grouped by court. */
    court?: string;
  };
  county: string;
  /** "SUPERIOR COURT OF THE STATE OF CALIFORNIA" */
  courtTitle: string;
  /** "FOR THE COUNTY OF LOS ANGELES" */
  courtCounty: string;
  agency: {
    id: string;
    name: string;
    head: string;
    address: string[];
    phone: string;
    email: string;
    attorneyFor: string;
    attorneys: AttorneyView[];
    /** The first attorney: the one who signs. */
    signer: AttorneyView;
    /** The office's stated basis for relief beyond the statute; '' when none. */
    beyondStatuteBasis: string;
    /** How the cases were identified: doj_list, county_records, both; '' when the config does not say. */
    identifiedBy: string;
    /** The screening criteria, one paragraph; '' when the config does not say. */
    screeningCriteria: string;
    /** The reviewing attorney's declaration; `name` is '' when there is none. */
    declaration: { name: string; title: string; place: string };
  };
  /** The caption's case number; '' for a blank line the clerk fills in. */
  caseNumber: string;
  hearing: {
    date: string;
    time: string;
    department: string;
    judge: string;
    courthouse: string;
    address: string[];
    /** The motion asks for a ruling without a hearing. */
    withoutHearing: boolean;
    /** A date, time, department, judge, courthouse or address is set. */
    any: boolean;
  };
  /** Who is given notice; `parties` is empty when the config lists none. */
  notice: {
    /** `role`: public_defender, city_defender or other (config notice.parties[].role). */
    parties: Array<{ name: string; address: string[]; role: string }>;
    /** The public defenders among the parties (county and city): a notice of challenge is addressed to them. */
    defenders: Array<{ name: string; address: string[]; role: string }>;
    /**
     * A proof of service when `asked` (config proof_of_service); `server` and `date` are '' when the config
     * leaves them for the server to write in (blank lines; --as-of never fills them).
     */
    proof: { asked: boolean; server: string; method: string; date: string; place: string };
  };
  /** A notice of challenge (HS 11361.9): its grounds, and whether the office asks for a hearing on them. */
  challenge: {
    isChallenge: boolean;
    /** The grounds its cases are challenged on, in order (criteria, public_safety), with their case counts. */
    grounds: Array<{ key: string; count: number }>;
    hearing: boolean;
  };
  order: {
    presidingJudge: boolean;
    /** Records sealed besides the court's own, in words. */
    sealAlso: string[];
  };
  /** The run's as-of date, YYYY-MM-DD. */
  asOf: string;
  /** Exhibit letter for the case list. */
  exhibit: { letter: string; volumes: number };
}

const upper = (s: string) => s.toUpperCase();

function year(iso: string): string {
  return iso ? iso.slice(0, 4) : '';
}

export function filingView(filing: Filing, config: Config, asOf: string): FilingView {
  const agency: Agency = config.agencies.find((a) => a.id === filing.agency)!;
  const attorneys: AttorneyView[] = agency.attorneys.map((a) => ({ name: a.name, title: a.title ?? '', barNumber: a.bar_number }));
  const sections: string[] = [];
  const seen = new Set<string>();
  let earliest = '';
  let latest = '';
  const courtsUsed = new Set<string>();
  for (const c of filing.cases) {
    for (const s of distinctSections(c.codeSections)) if (!seen.has(s)) (seen.add(s), sections.push(s));
    if (c.convictionDate) {
      if (!earliest || c.convictionDate < earliest) earliest = c.convictionDate;
      // The last of a case's several dates, when it has them (convictionDate is the first).
      const last = c.convictionDates ? c.convictionDates[c.convictionDates.length - 1]! : c.convictionDate;
      if (!latest || last > latest) latest = last;
    }
    courtsUsed.add(c.court);
  }
  // The filing's own hearing details over its agency's, over the county's.
  const { hearing: h, caseNumber } = filingFacts(config, agency, filing.id);
  const notice = agency.notice ?? config.notice;
  const pos = notice?.proof_of_service;
  const view: FilingView = {
    filing: {
      id: filing.id,
      caseType: filing.caseType,
      caseTypeLabel: filing.caseType,
      relief: filing.relief,
      beyondStatute: filing.beyondStatute === true,
      caseCount: filing.caseCount,
      rowCount: filing.rowCount,
      severalCounts: filing.rowCount > filing.caseCount,
      codeSections: sections,
      earliestYear: year(earliest),
      latestYear: year(latest),
      courtNames: config.courts.filter((c) => courtsUsed.has(c.id)).map((c) => c.name),
    },
    county: config.county,
    courtTitle: upper(config.court_title),
    courtCounty: `FOR THE COUNTY OF ${upper(config.county)}`,
    agency: {
      id: agency.id,
      name: agency.name,
      head: agency.head ?? '',
      address: agency.address,
      phone: agency.phone,
      email: agency.email,
      attorneyFor: agency.attorney_for,
      attorneys,
      signer: attorneys[0]!,
      beyondStatuteBasis: agency.beyond_statute_basis ?? '',
      identifiedBy: agency.identified_by ?? '',
      screeningCriteria: agency.screening_criteria ?? '',
      declaration: { name: agency.declaration?.name ?? '', title: agency.declaration?.title ?? '', place: agency.declaration?.place ?? '' },
    },
    caseNumber,
    hearing: {
      date: h.date ?? '',
      time: h.time ?? '',
      department: h.department ?? '',
      judge: h.judge ?? '',
      courthouse: h.courthouse ?? '',
      address: h.address ?? [],
      withoutHearing: h.without_hearing === true,
      any: Boolean(h.date || h.time || h.department || h.judge || h.courthouse || h.address?.length),
    },
    notice: {
      parties: (notice?.parties ?? []).map((p) => ({ name: p.name, address: p.address, role: p.role })),
      defenders: (notice?.parties ?? []).filter((p) => p.role === 'public_defender' || p.role === 'city_defender').map((p) => ({ name: p.name, address: p.address, role: p.role })),
      proof: { asked: pos !== undefined, server: pos?.server ?? '', method: pos?.method ?? '', date: pos?.date ?? '', place: pos?.place ?? '' },
    },
    challenge: {
      isChallenge: filing.challenge === true,
      grounds: CHALLENGE_GROUNDS.map((key) => ({ key, count: filing.cases.filter((c) => c.challenge?.grounds.includes(key)).length })).filter((g) => g.count > 0),
      hearing: filing.challenge === true && config.challenges.hearing,
    },
    order: { presidingJudge: config.order.presiding_judge_designation, sealAlso: config.order.seal_also },
    asOf,
    exhibit: { letter: 'A', volumes: 1 },
  };
  // A notice of challenge names a hearing only when the office asks for one on the challenges.
  if (filing.challenge && !config.challenges.hearing) view.hearing = { date: '', time: '', department: '', judge: '', courthouse: '', address: [], withoutHearing: false, any: false };
  if (filing.court !== undefined) view.filing.court = config.courts.find((c) => c.id === filing.court)?.name ?? filing.court;
  return view;
}
