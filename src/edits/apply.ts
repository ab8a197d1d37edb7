/**
 * Apply a judge's edits to the filed cases, in file order. Every edit must
 * land exactly: one that names no filed case, or two, or asks for something
 * impossible, stops the run (nothing is written).
 */
import type { Config } from '../config/schema';
import { courtMatcher } from '../config/courts';
import { router } from '../config/routing';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import type { CaseRecord } from '../domain';
import { normaliseCaseNumber, parseRelief } from '../ingest/fields';
import type { Edit } from './parse';
import { caseCeiling, withinStatute } from '../law/ceilings';

export interface StruckCase {
  record: CaseRecord;
  reason: string;
  /** Where the strike came from. */
  file: string;
  line: number;
}

export interface EditsResult {
  cases: CaseRecord[];
  /** The challenged cases still challenged (a struck one is withdrawn from its notice, and listed in `struck`). */
  challenged: CaseRecord[];
  struck: StruckCase[];
  diagnostics: Diagnostic[];
}

const key = (court: string, n: string) => `${court}\u0000${n}`;
/** Prefix of a challenged case's key: never a court id. */
const CHALLENGED = '\u0001challenge\u0000';

/**
 * `challenged`: the cases in the notices of challenge (src/challenge). They can be struck (the office withdraws the
 * challenge) and restored; any other edit of one is BM803.
 */
export function applyEdits(cases: readonly CaseRecord[], edits: readonly Edit[], config: Config, challenged: readonly CaseRecord[] = []): EditsResult {
  const courts = courtMatcher(config);
  const active = new Map<string, CaseRecord>(cases.map((c) => [key(c.court, c.caseNumber), c]));
  // A case may have both filed counts and challenged ones: the challenged keys are kept apart.
  for (const c of challenged) active.set(CHALLENGED + key(c.court, c.caseNumber), c);
  const struck = new Map<string, StruckCase>();
  const diagnostics: Diagnostic[] = [];
  const courtIds = config.courts.map((c) => c.id);
  const route = router(config);
  const basisOf = (agency: string) => config.agencies.find((a) => a.id === agency)?.beyond_statute_basis;
  for (const e of edits) {
    const at = (column: string) => ({ file: e.file, line: e.line, column });
    const n = normaliseCaseNumber(e.caseNumber);
    if (!n.ok) {
      diagnostics.push(diag('BM801', at('case_number'), `"${e.caseNumber}" is not a case number`, 'write the case number as the exhibit shows it'));
      continue;
    }
    let courtId: string | undefined;
    if (e.court) {
      courtId = courts.match(e.court)?.id;
      if (!courtId) {
        diagnostics.push(diag('BM803', at('court'), `unknown court "${e.court}"`, `nearest known: ${courts.suggest(e.court).join(', ')}`));
        continue;
      }
    }
    const pool = e.action === 'restore' ? struck : active;
    const lookIn = (m: Map<string, unknown>) => (courtId !== undefined ? [courtId] : courtIds).flatMap((id) => [key(id, n.value), CHALLENGED + key(id, n.value)]).filter((k) => m.has(k));
    const matches = lookIn(pool);
    if (matches.length === 0) {
      const elsewhere = lookIn(e.action === 'restore' ? active : struck).length > 0;
      const why = e.action === 'restore' ? (elsewhere ? 'is not struck, so there is nothing to restore' : 'is not a struck case of this run') : elsewhere ? 'is already struck by an earlier edit' : 'is not among the filed or challenged cases of this input';
      diagnostics.push(diag('BM801', at('case_number'), `case ${n.value} ${why}`, 'check the number against index.csv or challenged.csv (only filed and challenged cases can be edited)'));
      continue;
    }
    if (matches.length > 1) {
      const courtsOf = new Set(matches.map((m) => m.replace(CHALLENGED, '').split('\u0000')[0]));
      if (courtsOf.size > 1) diagnostics.push(diag('BM804', at('case_number'), `case ${n.value} is filed or challenged in ${courtsOf.size} courts`, 'add a court column to the edits file saying which one'));
      else diagnostics.push(diag('BM804', at('case_number'), `case ${n.value} is both in a motion and in a notice of challenge (some counts filed, some challenged)`, 'edit the case by hand: the edits file cannot say which of the two it means'));
      continue;
    }
    const k = matches[0]!;
    if (e.action === 'strike') {
      struck.set(k, { record: active.get(k)!, reason: e.reason, file: e.file, line: e.line });
      active.delete(k);
      continue;
    }
    if (e.action === 'restore') {
      active.set(k, struck.get(k)!.record);
      struck.delete(k);
      continue;
    }
    const c = active.get(k)!;
    if (c.challenge) {
      diagnostics.push(diag('BM803', at('action'), `case ${c.caseNumber} is a challenged case (in a notice of challenge), so "${e.action}" cannot apply to it`, 'strike it to withdraw the challenge (and restore it to challenge it again); correct the case list itself for anything else'));
      continue;
    }
    if (e.action === 'set_relief') {
      const r = parseRelief(e.value);
      if (r === 'missing' || r === 'invalid') {
        diagnostics.push(diag('BM803', at('value'), `"${e.value}" is not a relief`, 'use dismiss, dismiss_and_seal, reduce_to_misdemeanor, reduce_to_infraction or recall_sentence'));
        continue;
      }
      // The statute's ceiling holds for an edited relief too: beyond it, the case moves to its agency's
      // beyond-statute filing, or, without a stated basis, the edit cannot apply.
      const within = withinStatute(c.caseType, c.codeSections, r);
      if (!within && !basisOf(c.agency)) {
        const { ceiling } = caseCeiling(c.caseType, c.codeSections);
        diagnostics.push(diag('BM803', at('value'), `${r} for case ${c.caseNumber} (${c.caseType}; ${c.codeSections.join(', ')}) goes beyond what HS 11361.8 gives it (statutory ceiling: ${ceiling})`, `ask for ${ceiling === 'none' ? 'no relief (strike the case)' : ceiling} instead, or state the office's basis in agencies[].beyond_statute_basis (agency "${c.agency}")`));
        continue;
      }
      const next: CaseRecord = { ...c, relief: r };
      if (within) delete next.beyondStatute;
      else next.beyondStatute = true;
      active.set(k, next);
    } else if (e.action === 'set_court') {
      const to = courts.match(e.value);
      if (!to) {
        diagnostics.push(diag('BM803', at('value'), `unknown court "${e.value}"`, `nearest known: ${courts.suggest(e.value).join(', ')}`));
        continue;
      }
      // The court decides who prosecutes (a Long Beach misdemeanor is the city's): route the case again.
      const agency = route(c.caseType, to.id);
      if (!agency) {
        diagnostics.push(diag('BM803', at('value'), `no agency in the config files ${c.caseType} cases heard in ${to.id}`, 'add a routing rule for that court, or check the court'));
        continue;
      }
      if (c.beyondStatute && !basisOf(agency)) {
        diagnostics.push(diag('BM803', at('value'), `case ${c.caseNumber} would move to agency "${agency}", which states no basis for its relief beyond HS 11361.8`, `set_relief to what the statute gives first, or state the basis in agencies[].beyond_statute_basis (agency "${agency}")`));
        continue;
      }
      if (!move(active, k, key(to.id, c.caseNumber), { ...c, court: to.id, agency })) diagnostics.push(diag('BM803', at('value'), `case ${c.caseNumber} is already filed in ${to.id}`, 'strike one of the two instead'));
    } else {
      const to = normaliseCaseNumber(e.value);
      if (!to.ok) {
        diagnostics.push(diag('BM803', at('value'), `"${e.value}" is not a case number`, 'write the corrected number exactly as the court does'));
        continue;
      }
      if (!move(active, k, key(c.court, to.value), { ...c, caseNumber: to.value })) diagnostics.push(diag('BM803', at('value'), `case ${to.value} is already filed in ${c.court}`, 'check the correction; strike the duplicate instead'));
    }
  }
  const left = [...active.entries()];
  return { cases: left.filter(([k]) => !k.startsWith(CHALLENGED)).map(([, c]) => c), challenged: left.filter(([k]) => k.startsWith(CHALLENGED)).map(([, c]) => c), struck: [...struck.values()], diagnostics };
}

function move(m: Map<string, CaseRecord>, from: string, to: string, value: CaseRecord): boolean {
  if (from !== to && m.has(to)) return false;
  m.delete(from);
  m.set(to, value);
  return true;
}
