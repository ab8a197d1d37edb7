/**
 * Which agency files what: the first routing rule that matches the case's
 * type and court (or the court's city) wins.
 */
import type { Config } from '../config/schema';
import type { CaseType } from '../domain';

/** Which agency files a case of this type from this court; undefined when none does. */
export type Router = (caseType: CaseType, courtId: string) => string | undefined;

export function router(config: Config): Router {
  const cityOf = new Map(config.courts.map((c) => [c.id, c.city?.trim().toLowerCase()]));
  const rules = config.routing.map((r) => ({
    agency: r.agency,
    types: new Set<CaseType>(r.case_types),
    cities: r.cities ? new Set(r.cities.map((c) => c.trim().toLowerCase())) : undefined,
    courts: r.courts ? new Set(r.courts) : undefined,
  }));
  return (caseType, courtId) => {
    const city = cityOf.get(courtId);
    for (const r of rules) {
      if (!r.types.has(caseType)) continue;
      if (r.courts && !r.courts.has(courtId)) continue;
      if (r.cities && (city === undefined || !r.cities.has(city))) continue;
      return r.agency;
    }
    return undefined;
  };
}
