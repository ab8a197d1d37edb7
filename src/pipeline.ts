/**
 * The staged pipeline, pure apart from reading the streams it is handed:
 * config -> ingest -> plan -> reconcile. The CLI is the only caller that
 * touches the file system, the clock or the process.
 */
import { parseConfig } from './config/load';
import { findPlaceholders } from './config/placeholders';
import type { Config } from './config/schema';
import { filingFacts } from './config/hearing';
import { diag, type Diagnostic } from './diagnostics/catalog';
import { createIngest, type Preset } from './ingest';
import type { IngestResult } from './ingest/types';
import { readBack, rowsToReadBack } from './ingest/readback';
import { locateInWorkbooks } from './ingest/locate';
import type { CaseRecord } from './domain';
import { planFilings, type Plan } from './plan';
import { reconcile, type Reconciliation } from './plan/reconcile';
import { applyEdits, type StruckCase } from './edits/apply';
import { parseEdits, type Edit } from './edits/parse';
import { applyResolutions, rowReader, type ResolvedRow } from './resolve/apply';
import { parseResolved } from './resolve/parse';
import { personalColumns } from './output/personal';
import { router } from './config/routing';
import { noticeFilings, splitChallenges } from './challenge';
import { plural } from './words';

export interface CaseInput {
  /** How diagnostics and the manifest name the file. */
  name: string;
  open(): string | Buffer | NodeJS.ReadableStream;
}

export interface PipelineInput {
  configText: string;
  configFile: string;
  cases: CaseInput[];
  /** Overrides config.input.preset. */
  preset?: Preset;
  /** The sheet to read from each Excel workbook among `cases` (default: its first). */
  sheet?: string;
  /** YYYY-MM-DD, injected; the core never reads the clock. */
  asOf: string;
  /** A judge's edits (docs/edits.md), applied after ingest and before planning. */
  edits?: CaseInput;
  /** A review.csv with a person's answers (docs/review.md), applied after ingest and before the edits. */
  resolved?: CaseInput;
  /** Told as the case lists' rows are read, and as each step after reading is done (for progress). */
  progress?: (p: PipelineProgress) => void;
}

/** The steps after the case lists are read, in order; a step a run has nothing to do for is done at once. */
export const PLAN_STEPS = ['merging counts into cases', 'reading back rows for review', 'applying review answers', 'setting aside challenges', "applying the judge's edits", 'planning filings', 'reconciling counts', 'listing exclusions'] as const;

export type PipelineProgress =
  /** Data rows of the case lists read so far (all files together). */
  | { stage: 'reading'; rows: number }
  /**
   * `done` of PLAN_STEPS are finished; `step` names the one under way (the last, once all are done), and
   * `part` how far it is, where it says (the cases merged of all).
   */
  | { stage: 'planning'; done: number; total: number; step: (typeof PLAN_STEPS)[number]; part?: { done: number; total: number } };

export interface PipelineResult {
  /** A fatal diagnostic stopped the run: nothing may be written. */
  fatal: boolean;
  diagnostics: Diagnostic[];
  config?: Config;
  preset?: Preset;
  ingest?: IngestResult;
  plan?: Plan;
  /**
   * The cases the motions file (plan.filings without the notices of challenge), in the order the plan was made
   * from (the input's): the summary walks them in the order they lie in memory, a third faster than by filing.
   */
  filed?: readonly CaseRecord[];
  reconciliation?: Reconciliation;
  edits?: Edit[];
  struck?: StruckCase[];
  /** The review rows the resolved file answered, in its line order. */
  resolved?: ResolvedRow[];
  /** The agency each excluded row's case would have gone to, by "file:line" (excluded.csv's agency column). */
  excludedAgency?: Map<string, string>;
}

export async function runPipeline(input: PipelineInput): Promise<PipelineResult> {
  const r = await stages(input);
  // A workbook's rows are located by sheet, row and column letter (src/ingest/locate.ts).
  const files = r.ingest?.files;
  return files?.some((f) => f.sheet !== undefined) ? { ...r, diagnostics: locateInWorkbooks(r.diagnostics, files) } : r;
}

async function stages(input: PipelineInput): Promise<PipelineResult> {
  const parsed = parseConfig(input.configText, input.configFile);
  // What is still to fill in, listed even beside a config error (a fresh `init` config has both).
  const placeholders = findPlaceholders(input.configText, input.configFile);
  if (!parsed.config) return { fatal: true, diagnostics: [...parsed.diagnostics, ...placeholders] };
  const config = parsed.config;
  const preset = input.preset ?? config.input.preset;
  const tell = input.progress;
  let rowsRead = 0;
  const ingest = createIngest({ config, preset, asOf: input.asOf, files: input.cases.length, ...(input.sheet !== undefined ? { sheet: input.sheet } : {}), ...(tell ? { onRow: () => ++rowsRead % 1000 === 0 && tell({ stage: 'reading', rows: rowsRead }) } : {}) });
  for (const c of input.cases) await ingest.addFile(c.name, c.open());
  tell?.({ stage: 'reading', rows: rowsRead });
  // Each step as it is finished: the count done, and the name of the next, now under way.
  const step = (name: (typeof PLAN_STEPS)[number]) => {
    const done = PLAN_STEPS.indexOf(name) + 1;
    tell?.({ stage: 'planning', done, total: PLAN_STEPS.length, step: PLAN_STEPS[done] ?? name });
  };
  tell?.({ stage: 'planning', done: 0, total: PLAN_STEPS.length, step: PLAN_STEPS[0] });
  const merging = (done: number, total: number) => done % 2000 === 0 && tell?.({ stage: 'planning', done: 0, total: PLAN_STEPS.length, step: PLAN_STEPS[0], part: { done, total } });
  const result = ingest.finish(tell ? merging : undefined);
  step('merging counts into cases');
  if (result.fatal) return { fatal: true, diagnostics: result.diagnostics, config, preset, ingest: result };
  const missing = rowsToReadBack([result.review, result.excluded, result.rejected]);
  if (missing.length) {
    const opener = new Map(input.cases.map((c) => [c.name, c]));
    const lost = await readBack(missing, (file) => opener.get(file)!.open());
    if (lost.length) {
      const d = diag('BM101', { file: lost[0]!.ref.file, line: lost[0]!.ref.line }, `the file changed while it was being read (${plural(lost.length, 'row')} could not be read again)`, 'run again once nothing is writing to the case list');
      return { fatal: true, diagnostics: [...result.diagnostics, d], config, preset, ingest: result };
    }
  }
  step('reading back rows for review');
  let screened = result;
  let resolved: ResolvedRow[] = [];
  if (input.resolved) {
    const personal = personalColumns(config);
    const parsed = await parseResolved(input.resolved.name, input.resolved.open(), personal);
    const applied = parsed.diagnostics.length ? undefined : applyResolutions(result, parsed.resolutions, config, preset, input.asOf, personal);
    const problems = [...parsed.diagnostics, ...(applied?.diagnostics.filter((d) => d.severity === 'fatal') ?? [])];
    if (problems.length || !applied) return { fatal: true, diagnostics: [...result.diagnostics, ...problems], config, preset, ingest: result };
    screened = { ...applied.ingest, diagnostics: [...result.diagnostics, ...applied.diagnostics] };
    resolved = applied.resolved;
  }
  step('applying review answers');
  // The cases the office challenges (HS 11361.9): out of excluded, into notices of challenge after the motions.
  // Split before the edits, which may strike (withdraw) a challenge as they strike a motion's case.
  const challenges = splitChallenges(screened, config, preset, input.asOf);
  step('setting aside challenges');
  let cases = screened.cases;
  let challenged = challenges.cases;
  let edits: Edit[] = [];
  let struck: StruckCase[] = [];
  if (input.edits) {
    const parsed = await parseEdits(input.edits.name, input.edits.open());
    const applied = applyEdits(screened.cases, parsed.edits, config, challenges.cases);
    const problems = [...parsed.diagnostics, ...applied.diagnostics];
    if (problems.length) return { fatal: true, diagnostics: [...result.diagnostics, ...problems], config, preset, ingest: screened };
    ({ cases, struck, challenged } = applied);
    edits = parsed.edits;
  }
  step("applying the judge's edits");
  screened = challenges.ingest;
  const plan = planFilings(cases, config);
  plan.filings.push(...(challenged.length === challenges.cases.length ? challenges.filings : noticeFilings(challenged, config)));
  step('planning filings');
  const resolvedFiled = resolved.filter((r) => 'filed' in r.outcome).length;
  const reconciliation = reconcile(screened, plan, struck, { rows: resolved.length, filed: resolvedFiled, excluded: resolved.length - resolvedFiled }, challenges.rows);
  step('reconciling counts');
  const diagnostics = [...placeholders, ...screened.diagnostics];
  for (const f of challenges.filings) {
    const agency = config.agencies.find((a) => a.id === f.agency);
    const parties = (agency?.notice ?? config.notice)?.parties ?? [];
    if (!parties.some((p) => p.role === 'public_defender' || p.role === 'city_defender')) {
      diagnostics.push(diag('BM512', { file: input.configFile, column: 'notice.parties' }, `the notice of challenge "${f.id}" goes to the public defender (HS 11361.9), but no party in notice: has role public_defender or city_defender`, 'add the public defender to notice.parties (or the agency\'s notice) with role: public_defender and an address'));
    }
  }
  const ids = new Set(plan.filings.map((f) => f.id));
  for (const id of Object.keys(config.filings ?? {})) {
    if (!ids.has(id)) diagnostics.push(diag('BM507', { file: input.configFile, column: `filings.${id}` }, `the config overrides filing "${id}", but this run has no such filing`, `check the id against the plan: ${[...ids].join(', ')}`));
  }
  // A hearing already past on the as-of date: the notice would name a day gone by.
  for (const f of plan.filings) {
    if (f.challenge && !config.challenges.hearing) continue;
    const { hearing } = filingFacts(config, config.agencies.find((a) => a.id === f.agency), f.id);
    if (hearing.date && hearing.date < input.asOf) {
      diagnostics.push(diag('BM510', { file: input.configFile, column: `${f.id}: hearing.date` }, `the hearing for filing "${f.id}" is on ${hearing.date}, before the as-of date ${input.asOf}`, 'set a later hearing date (hearing, agencies[].hearing or filings.<id>.hearing), or without_hearing: true'));
    }
  }
  if (!reconciliation.ok) {
    diagnostics.push(diag('BM901', {}, `the counts do not reconcile: ${reconciliation.lines.join('; ')}`, 'this is a bug in bulk-motions; please report it with the input'));
  }
  const excludedAgency = excludedAgencies(screened, config, preset, input.asOf);
  step('listing exclusions');
  return { fatal: !reconciliation.ok, diagnostics, config, preset, ingest: screened, plan, filed: cases, reconciliation, edits, struck, resolved, excludedAgency };
}

/** 0 clean; 3 finished with rows in review or rejected; 1 fatal. */
export function exitCodeFor(r: PipelineResult): 0 | 1 | 3 {
  if (r.fatal) return 1;
  const c = r.reconciliation!.counts;
  return c.reviewRows + c.rejectedRows > 0 ? 3 : 0;
}

/** The agency each excluded row's case would have gone to: its own agency column, or the routing for its case type and court. */
function excludedAgencies(ingest: IngestResult, config: Config, preset: Preset, asOf: string): Map<string, string> {
  const read = rowReader(config, preset, asOf);
  const route = router(config);
  const out = new Map<string, string>();
  for (const r of ingest.excluded) {
    if (r.raw.packed === undefined) continue;
    const c = read(r.raw);
    const agency = c?.agency ?? (c?.caseType && c.court ? route(c.caseType, c.court) : undefined);
    if (agency) out.set(`${r.raw.ref.file}:${r.raw.ref.line}`, agency);
  }
  return out;
}
