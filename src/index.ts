/** bulk-motions as a library: the same stages the CLI runs. */
export { runPipeline, exitCodeFor, type PipelineInput, type PipelineResult, type CaseInput } from './pipeline';
export { parseConfig, type ConfigResult } from './config/load';
export { configSchema, type Config } from './config/schema';
export { createIngest, type Preset } from './ingest';
export { planFilings, type Filing, type Plan } from './plan';
export { reconcile, type Counts, type Reconciliation } from './plan/reconcile';
export { buildOutputs, report, planJson } from './output/manifest';
export { CATALOG, formatDiagnostic, type Diagnostic, type DiagnosticCode } from './diagnostics/catalog';
export * from './domain';
