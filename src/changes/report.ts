/**
 * The change report between two runs, for the record after a judge's edits:
 * per filing, the cases added, struck, moved and re-reliefed, and which
 * documents changed by sha256; and whether the config or templates changed.
 * Pure: the caller reads each run's manifest.json, index.csv and struck.csv.
 */

export interface ManifestDoc {
  path: string;
  kind: string;
  format: string;
  sha256: string;
  volume?: number;
  pages?: number;
  cases?: number;
}

export interface ManifestLike {
  asOf?: string;
  config?: { file: string; sha256: string };
  templates?: Array<{ name: string; sha256: string }>;
  edits?: Array<{ line: number; caseNumber: string; action: string; value: string; reason: string }>;
  filings: Array<{ id: string; caseCount: number; fingerprint?: string; documents?: ManifestDoc[] }>;
}

export interface IndexRow {
  caseNumber: string;
  filingId: string;
  courtId: string;
  /** A challenged case (a notice of challenge's, from challenged.csv) has relief CHALLENGE_RELIEF. */
  relief: string;
}

/** The relief a challenged case carries in a snapshot (and in struck.csv): notices ask for no relief. */
export const CHALLENGE_RELIEF = 'challenge';

export interface StruckRow {
  caseNumber: string;
  courtId: string;
  reason: string;
  /** A withdrawn challenge (struck.csv's relief is CHALLENGE_RELIEF). */
  challenge?: boolean;
}

export interface RunSnapshot {
  label: string;
  manifest: ManifestLike;
  index: IndexRow[];
  struck: StruckRow[];
}

export interface CaseRef {
  caseNumber: string;
  courtId: string;
}

export interface FilingChanges {
  id: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  caseCount: { old: number; new: number };
  added: CaseRef[];
  struck: Array<CaseRef & { reason: string }>;
  /** Cases that left this filing for another, or are no longer in the input at all. */
  removed: Array<CaseRef & { to?: string }>;
  movedIn: Array<CaseRef & { from: string }>;
  reliefChanged: Array<CaseRef & { from: string; to: string }>;
  documents: { changed: string[]; unchanged: string[]; added: string[]; removed: string[] };
}

export interface ChangeReport {
  old: string;
  new: string;
  asOf: { old: string; new: string };
  config: { changed: boolean };
  templates: { changed: string[] };
  edits: NonNullable<ManifestLike['edits']>;
  filings: FilingChanges[];
  /** Nothing at all differs: same cases, same documents. */
  identical: boolean;
}

/**
 * Cases by court, then case number: no key string per case (a statewide
 * comparison holds two million of them).
 */
class CaseMap<T extends CaseRef & { relief?: string; challenge?: boolean }> {
  private readonly byCourt = new Map<string, Map<string, T>>();
  constructor(rows: readonly T[]) {
    for (const r of rows) {
      const k = courtKey(r);
      let m = this.byCourt.get(k);
      if (!m) this.byCourt.set(k, (m = new Map()));
      m.set(r.caseNumber, r);
    }
  }
  get(c: CaseRef & { relief?: string; challenge?: boolean }): T | undefined {
    return this.byCourt.get(courtKey(c))?.get(c.caseNumber);
  }
  *values(): Generator<T> {
    for (const m of this.byCourt.values()) yield* m.values();
  }
}
/** A case with counts both filed and challenged is two entries: its motion's and its notice's. */
const courtKey = (c: { courtId: string; relief?: string; challenge?: boolean }) => (c.challenge || c.relief === CHALLENGE_RELIEF ? `${c.courtId}\u0000${CHALLENGE_RELIEF}` : c.courtId);
const byKey = (a: CaseRef, b: CaseRef) => (a.caseNumber < b.caseNumber ? -1 : a.caseNumber > b.caseNumber ? 1 : a.courtId < b.courtId ? -1 : a.courtId > b.courtId ? 1 : 0);

export function changeReport(before: RunSnapshot, after: RunSnapshot): ChangeReport {
  const oldCases = new CaseMap(before.index);
  const newCases = new CaseMap(after.index);
  const struckNow = new CaseMap(after.struck);
  const ids = [...new Set([...before.manifest.filings.map((f) => f.id), ...after.manifest.filings.map((f) => f.id)])];
  const filings = new Map<string, FilingChanges>();
  const filing = (id: string): FilingChanges => {
    let f = filings.get(id);
    if (!f) {
      const o = before.manifest.filings.find((x) => x.id === id);
      const n = after.manifest.filings.find((x) => x.id === id);
      f = {
        id,
        status: !o ? 'added' : !n ? 'removed' : 'unchanged',
        caseCount: { old: o?.caseCount ?? 0, new: n?.caseCount ?? 0 },
        added: [],
        struck: [],
        removed: [],
        movedIn: [],
        reliefChanged: [],
        documents: compareDocs(o?.documents ?? [], n?.documents ?? []),
      };
      filings.set(id, f);
    }
    return f;
  };
  ids.forEach(filing);
  for (const n of newCases.values()) {
    const o = oldCases.get(n);
    const ref = { caseNumber: n.caseNumber, courtId: n.courtId };
    if (!o) filing(n.filingId).added.push(ref);
    else {
      if (o.filingId !== n.filingId) {
        filing(n.filingId).movedIn.push({ ...ref, from: o.filingId });
        filing(o.filingId).removed.push({ ...ref, to: n.filingId });
      }
      if (o.relief !== n.relief) filing(n.filingId).reliefChanged.push({ ...ref, from: o.relief, to: n.relief });
    }
  }
  for (const o of oldCases.values()) {
    if (newCases.get(o)) continue;
    const ref = { caseNumber: o.caseNumber, courtId: o.courtId };
    const s = struckNow.get(o);
    if (s) filing(o.filingId).struck.push({ ...ref, reason: s.reason });
    else filing(o.filingId).removed.push(ref);
  }
  const list = ids.map((id) => filings.get(id)!);
  for (const f of list) {
    for (const xs of [f.added, f.struck, f.removed, f.movedIn, f.reliefChanged] as CaseRef[][]) xs.sort(byKey);
    const d = f.documents;
    const touched = f.added.length + f.struck.length + f.removed.length + f.movedIn.length + f.reliefChanged.length + d.changed.length + d.added.length + d.removed.length > 0;
    if (f.status === 'unchanged' && touched) f.status = 'changed';
  }
  const oldT = new Map((before.manifest.templates ?? []).map((t) => [t.name, t.sha256]));
  const newT = new Map((after.manifest.templates ?? []).map((t) => [t.name, t.sha256]));
  const templates = [...new Set([...oldT.keys(), ...newT.keys()])].filter((n) => oldT.get(n) !== newT.get(n)).sort();
  const configChanged = (before.manifest.config?.sha256 ?? '') !== (after.manifest.config?.sha256 ?? '');
  return {
    old: before.label,
    new: after.label,
    asOf: { old: before.manifest.asOf ?? '', new: after.manifest.asOf ?? '' },
    config: { changed: configChanged },
    templates: { changed: templates },
    edits: after.manifest.edits ?? [],
    filings: list,
    identical: !configChanged && templates.length === 0 && list.every((f) => f.status === 'unchanged'),
  };
}

function compareDocs(old: ManifestDoc[], now: ManifestDoc[]): FilingChanges['documents'] {
  const o = new Map(old.map((d) => [d.path, d.sha256]));
  const n = new Map(now.map((d) => [d.path, d.sha256]));
  const out = { changed: [] as string[], unchanged: [] as string[], added: [] as string[], removed: [] as string[] };
  for (const [p, h] of n) {
    if (!o.has(p)) out.added.push(p);
    else if (o.get(p) === h) out.unchanged.push(p);
    else out.changed.push(p);
  }
  for (const p of o.keys()) if (!n.has(p)) out.removed.push(p);
  for (const xs of Object.values(out)) xs.sort();
  return out;
}

export function changesMarkdown(r: ChangeReport): string {
  const L: string[] = [`# Changes`, '', `From \`${r.old}\` (as of ${r.asOf.old || 'unknown'}) to \`${r.new}\` (as of ${r.asOf.new || 'unknown'}).`, ''];
  if (r.identical) L.push('Nothing changed: the same cases in the same filings, and every document byte-identical.', '');
  L.push(`- Config: ${r.config.changed ? 'changed' : 'unchanged'}`);
  L.push(`- Templates: ${r.templates.changed.length ? `changed: ${r.templates.changed.join(', ')}` : 'unchanged'}`);
  if (r.asOf.old !== r.asOf.new) L.push(`- As-of date: ${r.asOf.old} -> ${r.asOf.new} (every document that prints the date changes)`);
  L.push('');
  if (r.edits.length) {
    L.push(`## Edits applied (${r.edits.length})`, '', '| line | case | action | value | reason |', '|---|---|---|---|---|');
    for (const e of r.edits) L.push(`| ${e.line} | ${e.caseNumber} | ${e.action} | ${cell(e.value)} | ${cell(e.reason)} |`);
    L.push('');
  }
  const unchanged = r.filings.filter((f) => f.status === 'unchanged');
  for (const f of r.filings.filter((x) => x.status !== 'unchanged')) {
    L.push(`## ${f.id} (${f.status}; ${f.caseCount.new.toLocaleString('en-US')} cases, was ${f.caseCount.old.toLocaleString('en-US')})`, '');
    const list = (title: string, xs: string[]) => {
      if (!xs.length) return;
      L.push(`${title} (${xs.length}):`, '', ...xs.map((x) => `- ${x}`), '');
    };
    list('Struck', f.struck.map((c) => `${c.caseNumber} (${c.courtId}): ${c.reason}`));
    list('Added', f.added.map((c) => `${c.caseNumber} (${c.courtId})`));
    list('Moved in', f.movedIn.map((c) => `${c.caseNumber} (${c.courtId}) from ${c.from}`));
    list('Moved out or no longer in the input', f.removed.map((c) => `${c.caseNumber} (${c.courtId})${c.to ? ` to ${c.to}` : ''}`));
    list('Relief changed', f.reliefChanged.map((c) => `${c.caseNumber} (${c.courtId}): ${c.from} -> ${c.to}`));
    const d = f.documents;
    list('Documents changed', d.changed);
    list('Documents unchanged (same sha256)', d.unchanged);
    list('Documents added', d.added);
    list('Documents removed', d.removed);
  }
  if (unchanged.length) {
    L.push(`## Unchanged filings (${unchanged.length})`, '', 'The same cases, and every document byte-identical (same sha256):', '', ...unchanged.map((f) => `- ${f.id} (${f.caseCount.new.toLocaleString('en-US')} cases; ${f.documents.unchanged.length} documents)`), '');
  }
  return L.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
