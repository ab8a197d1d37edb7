/**
 * What the engine tells beyond the pipeline's own progress: the writing
 * stage's steps, and the names the manifest and the change report give the
 * run's ids (read from the config and the law table).
 */
import { runNames, type RunNames } from '../changes/names';
import type { TemplateSet } from '../compose/handlebars';
import { parseLaw } from '../compose/law';
import { loadTemplates } from '../io/templates';
import type { PipelineResult } from '../pipeline';
import type { RunEvent, ValidateOptions } from './types';

/**
 * The writing stage's progress: steps (a file written to the stage, the switch of folders), each begun
 * with `step` and told its bytes as they are written. `begin` adds steps to the total (packets come first).
 */
export function writingProgress(emit: (e: RunEvent) => void) {
  let total = 0;
  let done = -1;
  let current = '';
  const tell = (bytes: number) => emit({ type: 'progress', stage: 'writing', done: Math.max(done, 0), total, step: current, bytes });
  return {
    begin: (steps: number) => void (total += steps),
    step(name: string) {
      done++;
      current = name;
      tell(0);
    },
    bytes: (n: number) => tell(n),
    end() {
      done = total;
      current = '';
      tell(0);
    },
  };
}

/**
 * The documents' words for the ids the run's records use (the manifest's `names`, the change report's): the
 * courts and offices of its filings and struck cases, and the reliefs as the law table titles them. validate
 * reads the law table only for this: one it cannot read leaves the reliefs' ids as words.
 */
export async function runNamesFor(options: ValidateOptions, pipeline: PipelineResult, set?: TemplateSet): Promise<RunNames> {
  const config = pipeline.config!;
  const templates = set ?? (await loadTemplates(options.config, config.templates).catch(() => undefined))?.set;
  const law = templates ? parseLaw(templates.law.text, templates.law.origin).law : undefined;
  const courts = new Set<string>();
  const agencies = new Set<string>();
  for (const f of pipeline.plan!.filings) {
    agencies.add(f.agency);
    for (const c of f.cases) courts.add(c.court);
  }
  for (const s of pipeline.struck ?? []) courts.add(s.record.court), agencies.add(s.record.agency);
  return runNames(config, { courts, agencies }, law && new Map(law.entries.map((e) => [e.key, e.text])));
}
