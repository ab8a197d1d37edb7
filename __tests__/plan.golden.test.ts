/**
 * Golden plan.json for each bundled sample. The test only compares; after an
 * intended change, rewrite the goldens with `npm run accept` and review the diff.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runPipeline } from '../src/pipeline';
import { GOLDEN_SAMPLES, planText, readGolden, samplePlanRun } from './helpers/golden';

const root = path.join(__dirname, '..');

describe.each(GOLDEN_SAMPLES)('sample %s', (name) => {
  test('plan.json matches the golden file', async () => {
    const r = await samplePlanRun(name);
    expect(r.fatal).toBe(false);
    expect(r.reconciliation!.ok).toBe(true);
    expect(planText(r)).toBe(readGolden(`${name}.plan.json`));
  });
});

test('Los Angeles: one DA felony filing per relief (and per relief beyond the statute) and one misdemeanor filing per city present', async () => {
  const dir = path.join(root, 'samples', 'los-angeles');
  const r = await runPipeline({
    configText: readFileSync(path.join(dir, 'config.yaml'), 'utf8'),
    configFile: 'config.yaml',
    cases: [{ name: 'cases.csv', open: () => readFileSync(path.join(dir, 'cases.csv')) }],
    asOf: '2026-11-26',
  });
  const filings = r.plan!.filings;
  const felony = filings.filter((f) => f.caseType === 'felony' && !f.challenge);
  // The cases screened "Not eligible" are challenged (HS 11361.9): one DA notice of challenge, after the motions.
  expect(filings.filter((f) => f.challenge).map((f) => f.id)).toEqual(['da-felony-challenge']);
  expect(filings[filings.length - 1]!.id).toBe('da-felony-challenge');
  expect(felony.every((f) => f.agency === 'da')).toBe(true);
  // One per relief, and per relief a second for the cases asking more than the statute gives (on the DA's stated basis).
  expect(new Set(felony.map((f) => `${f.relief}/${f.beyondStatute ?? false}`)).size).toBe(felony.length);
  expect(felony.map((f) => f.id)).toEqual([
    'da-felony-dismiss-and-seal',
    'da-felony-dismiss-and-seal-beyond-statute',
    'da-felony-reduce-to-misdemeanor',
    'da-felony-recall-sentence',
    'da-felony-recall-sentence-beyond-statute',
  ]);
  // Every misdemeanor case sits in the filing of the agency routing gives its court's city.
  const city = new Map(r.config!.courts.map((c) => [c.id, c.city]));
  const agencyForCity = new Map(r.config!.routing.filter((x) => x.cities).flatMap((x) => x.cities!.map((c) => [c, x.agency] as const)));
  const cities = new Set<string>();
  for (const f of filings.filter((x) => x.caseType === 'misdemeanor')) {
    for (const c of f.cases) {
      const cty = city.get(c.court);
      expect(f.agency).toBe(cty && agencyForCity.has(cty) ? agencyForCity.get(cty) : 'da');
      if (cty) cities.add(cty);
    }
  }
  const cityFilings = filings.filter((f) => f.caseType === 'misdemeanor' && f.agency !== 'da');
  expect(new Set(cityFilings.map((f) => f.agency)).size).toBe(cityFilings.length);
  expect(cityFilings.length).toBe(new Set([...cities].filter((c) => agencyForCity.has(c))).size);
  expect(cityFilings.length).toBe(10);
});
