/**
 * The change report between two runs, for the record after a judge's edits:
 * per filing, the cases added, struck, moved and re-reliefed, the exhibit
 * rows renumbered, and which documents changed by sha256; and whether the
 * config or templates changed. Pure: the caller reads each run's
 * manifest.json, index.csv and struck.csv. changes.md is markdown.ts's.
 */
import { CHALLENGE_RELIEF, mergeNames, namer, type RunNames } from './names';

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
  /** The config's county (recorded since the change report names it; older runs have none). */
  county?: string;
  /** The documents' words for the ids (names.ts; older runs have none). */
  names?: Partial<RunNames>;
  counts?: { filedCases?: number; challengedCases?: number };
  config?: { file: string; sha256: string };
  templates?: Array<{ name: string; sha256: string }>;
  edits?: Array<{ line: number; caseNumber: string; action: string; value: string; reason: string }>;
  filings: Array<{ id: string; caseCount: number; agency?: string; caseType?: string; relief?: string; challenge?: boolean; beyondStatute?: boolean; fingerprint?: string; documents?: ManifestDoc[] }>;
}

export interface IndexRow {
  caseNumber: string;
  filingId: string;
  courtId: string;
  /** A challenged case (a notice of challenge's, from challenged.csv) has relief CHALLENGE_RELIEF. */
  relief: string;
  /** Its row in the filing's exhibit (index.csv's exhibit_row). */
  row?: number;
}

export { CHALLENGE_RELIEF };

export interface StruckRow {
  caseNumber: string;
  courtId: string;
  reason: string;
  /** A withdrawn challenge (struck.csv's relief is CHALLENGE_RELIEF). */
  challenge?: boolean;
}

export interface RunSnapshot {
  label: string;
  /** The run's folder, as the user named it. */
  folder?: string;
  /** The output folder as it was before this run replaced it (the previous run of a rerun). */
  beforeThisRun?: boolean;
  manifest: ManifestLike;
  index: IndexRow[];
  struck: StruckRow[];
  /** Names read beside the manifest's own (the court names index.csv prints). */
  names?: Partial<RunNames>;
}

/** One side of the report: which run, as of when, how much it filed. */
export interface RunSummary {
  folder: string;
  beforeThisRun: boolean;
  asOf: string;
  county?: string;
  filedCases: number;
  motions: number;
  challengedCases: number;
  notices: number;
}

export interface CaseRef {
  caseNumber: string;
  courtId: string;
}

export interface FilingChanges {
  id: string;
  /** The filing in the documents' words: office, relief, case type. */
  title: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  caseCount: { old: number; new: number };
  added: CaseRef[];
  struck: Array<CaseRef & { reason: string }>;
  /** Cases that left this filing for another, or are no longer in the input at all. */
  removed: Array<CaseRef & { to?: string }>;
  movedIn: Array<CaseRef & { from: string }>;
  reliefChanged: Array<CaseRef & { from: string; to: string }>;
  documents: { changed: string[]; unchanged: string[]; added: string[]; removed: string[] };
  /**
   * Cases that were in this filing before and are still, at another exhibit row (cases added, struck or
   * moved ahead of them): rows firstRow to lastRow of the new exhibit, `cases` of them. A row number
   * cited before no longer finds its case.
   */
  renumbered?: { exhibit: string; firstRow: number; lastRow: number; cases: number };
}

export interface ChangeReport {
  /** The manifests compared (see `runs` for the folders, dates and counts). */
  old: string;
  new: string;
  runs: { old: RunSummary; new: RunSummary };
  /** What the ids in this report are called in the documents (courts, offices, reliefs). */
  names: RunNames;
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
  const names = mergeNames(mergeNames(before.manifest.names, before.names), mergeNames(after.manifest.names, after.names));
  const title = filingTitle(names);
  const filing = (id: string): FilingChanges => {
    let f = filings.get(id);
    if (!f) {
      const o = before.manifest.filings.find((x) => x.id === id);
      const n = after.manifest.filings.find((x) => x.id === id);
      f = {
        id,
        title: title((n ?? o)!),
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
  const renumbered = new Map<string, NonNullable<FilingChanges['renumbered']>>();
  for (const n of newCases.values()) {
    const o = oldCases.get(n);
    const ref = { caseNumber: n.caseNumber, courtId: n.courtId };
    if (!o) filing(n.filingId).added.push(ref);
    else {
      if (o.filingId === n.filingId && o.row !== undefined && n.row !== undefined && o.row !== n.row) {
        const r = renumbered.get(n.filingId);
        if (!r) renumbered.set(n.filingId, { exhibit: 'A', firstRow: n.row, lastRow: n.row, cases: 1 });
        else (r.firstRow = Math.min(r.firstRow, n.row)), (r.lastRow = Math.max(r.lastRow, n.row)), r.cases++;
      }
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
  for (const [id, r] of renumbered) filings.get(id)!.renumbered = r;
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
    runs: { old: runSummary(before), new: runSummary(after) },
    names,
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

const PLURAL: Record<string, string> = { felony: 'felonies', misdemeanor: 'misdemeanors', infraction: 'infractions' };

/** A filing as its documents put it: "Los Angeles County District Attorney: Dismiss and Seal Cannabis Convictions, felonies". */
function filingTitle(names: RunNames) {
  const say = namer(names);
  return (f: ManifestLike['filings'][number]): string => {
    if (f.agency === undefined) return f.id;
    const what = say.relief(f.challenge ? CHALLENGE_RELIEF : (f.relief ?? ''));
    const kind = f.caseType ? `, ${PLURAL[f.caseType] ?? f.caseType}` : '';
    return `${say.agency(f.agency)}: ${what}${kind}${f.beyondStatute ? ', beyond the statute' : ''}`;
  };
}

function runSummary(s: RunSnapshot): RunSummary {
  const m = s.manifest;
  const motions = m.filings.filter((f) => !f.challenge);
  const notices = m.filings.filter((f) => f.challenge);
  const sum = (fs: typeof m.filings) => fs.reduce((n, f) => n + f.caseCount, 0);
  return {
    folder: s.folder ?? s.label,
    beforeThisRun: s.beforeThisRun ?? false,
    asOf: m.asOf ?? '',
    ...(m.county !== undefined ? { county: m.county } : {}),
    filedCases: m.counts?.filedCases ?? sum(motions),
    motions: motions.length,
    challengedCases: m.counts?.challengedCases ?? sum(notices),
    notices: notices.length,
  };
}

export { changesMarkdown } from './markdown';
