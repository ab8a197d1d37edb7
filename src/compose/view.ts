/**
 * The data a template sees for one filing: plain values, already worded for
 * people. Templates decide the legal text; this decides nothing but facts.
 * docs/templates.md lists every field.
 */
import type { Agency, Config } from '../config/schema';
import type { CaseType, Relief } from '../domain';
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
    caseCount: number;
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
  };
  hearing: { date: string; time: string; department: string; judge: string; any: boolean };
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
    for (const s of c.codeSections) if (!seen.has(s)) (seen.add(s), sections.push(s));
    if (c.convictionDate) {
      if (!earliest || c.convictionDate < earliest) earliest = c.convictionDate;
      if (!latest || c.convictionDate > latest) latest = c.convictionDate;
    }
    courtsUsed.add(c.court);
  }
  // A filing's own hearing details, if the config has them, over the county's.
  const h = { ...(config.hearing ?? {}), ...(config.filings?.[filing.id]?.hearing ?? {}) };
  const view: FilingView = {
    filing: {
      id: filing.id,
      caseType: filing.caseType,
      caseTypeLabel: filing.caseType,
      relief: filing.relief,
      caseCount: filing.caseCount,
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
    },
    hearing: { date: h.date ?? '', time: h.time ?? '', department: h.department ?? '', judge: h.judge ?? '', any: Boolean(h.date || h.time || h.department || h.judge) },
    asOf,
    exhibit: { letter: 'A', volumes: 1 },
  };
  if (filing.court !== undefined) view.filing.court = config.courts.find((c) => c.id === filing.court)?.name ?? filing.court;
  return view;
}
