/** bulk-motions as a library: the engine the CLI runs, and its stages. */
export { generate, validate } from './engine/run';
export type { DocumentSummary, GenerateOptions, ProgressEvent, RunEvent, RunResult, RunSink, StoppedAt, ValidateOptions } from './engine/types';
export { reviewRows, answersCsv, type Answer, type ReviewRow, type ReviewOutcome } from './engine/review';
export { runZip, runZipEntries, readRunManifest, type RunManifest } from './engine/run-zip';
export { startServer, type ServeOptions, type Served } from './server';
export { runPipeline, exitCodeFor, type PipelineInput, type PipelineResult, type CaseInput } from './pipeline';
export { renderDocuments, composeAll, FORMATS, type Format, type DocumentsInput, type RenderedDocuments } from './documents';
export { parseConfig, type ConfigResult } from './config/load';
export { configSchema, type Config } from './config/schema';
export { createIngest, type Preset } from './ingest';
export { planFilings, type Filing, type Plan } from './plan';
export { CEILINGS, caseCeiling, withinStatute, type Ceiling, type CeilingEntry } from './law/ceilings';
export { reconcile, type Counts, type Reconciliation } from './plan/reconcile';
export { buildOutputs, report, planJson } from './output/manifest';
export { changeReport, changesMarkdown, type ChangeReport } from './changes/report';
export { CATALOG, formatDiagnostic, type Diagnostic, type DiagnosticCode } from './diagnostics/catalog';
export * from './domain';
