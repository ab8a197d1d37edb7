/**
 * What a filing's documents depend on. Equal fingerprints mean byte-identical
 * documents, so a rerun can keep the previous files of an unchanged filing.
 * The digest is of the run's settings, then each case as a JSON array; the
 * arrays are written into buffers and hashed a buffer at a time (the same
 * bytes as hashing each JSON.stringify, with no string per case).
 */
import { createHash } from 'node:crypto';
import type { Filing } from '../plan';
import { Utf8Chunks } from './chunks';
import type { RunMeta } from './manifest';

export function filingFingerprint(f: Filing, meta: RunMeta): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ v: meta.toolVersion, asOf: meta.asOf, config: meta.config.sha256, templates: meta.templates ?? [], formats: meta.formats ?? [], ...(meta.draft ? { draft: true } : {}), id: f.id, agency: f.agency }));
  const out = new Utf8Chunks();
  const list = (a: readonly string[]) => {
    out.text('[');
    for (let k = 0; k < a.length; k++) (k > 0 && out.text(','), out.json(a[k]!));
    out.text(']');
  };
  for (const c of f.cases) {
    // JSON.stringify([caseNumber, court, caseType, relief, codeSections, convictionDate, name, dob, cii,
    // convictionDates (when a case has several, so the fingerprints of cases with one date are as before), challenge]).
    out.text('[');
    for (const s of [c.caseNumber, c.court, c.caseType, c.relief]) (out.json(s), out.text(','));
    list(c.codeSections);
    out.text(',');
    for (const s of [c.convictionDate, c.defendantName ?? '', c.dob ?? '']) (out.json(s), out.text(','));
    out.json(c.cii ?? '');
    if (c.convictionDates) (out.text(','), list(c.convictionDates));
    if (c.challenge) (out.text(','), out.text(JSON.stringify(c.challenge)));
    out.text(']');
    if (out.ready) for (const b of out.take()) h.update(b);
  }
  for (const b of out.end()) h.update(b);
  return h.digest('hex');
}
