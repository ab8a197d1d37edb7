/**
 * Golden files (__tests__/golden/). Each golden's text is computed by one
 * function here, which the tests call to compare and `npm run accept`
 * (__tests__/accept/goldens.accept.ts, run by jest.accept.config.js) calls to
 * write: both compute the same thing. The tests never write a golden.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { planJson } from '../../src/output/manifest';
import { runPipeline, type PipelineResult } from '../../src/pipeline';
import type { OutputFile } from '../../src/output/manifest';
import { dumpLayout } from '../../src/render/pdf/layout';
import { docxPart, laDocuments, laidDocument, root } from './documents';

export const GOLDEN_DIR = path.join(__dirname, '..', 'golden');

/** The bundled samples whose plan.json has a golden. */
export const GOLDEN_SAMPLES = ['los-angeles', 'alameda'] as const;

/** A bundled sample run as of the fixed date. */
export function samplePlanRun(name: string): Promise<PipelineResult> {
  const dir = path.join(root, 'samples', name);
  return runPipeline({
    configText: readFileSync(path.join(dir, 'config.yaml'), 'utf8'),
    configFile: `samples/${name}/config.yaml`,
    cases: [{ name: `samples/${name}/cases.csv`, open: () => readFileSync(path.join(dir, 'cases.csv')) }],
    asOf: '2026-11-26',
  });
}

/** The golden text of a run's plan: plan.json as written. */
export function planText(r: PipelineResult): string {
  if (r.fatal || !r.plan || !r.reconciliation?.ok) throw new Error(`no plan to compare: the run was fatal or did not reconcile (${r.diagnostics.map((d) => d.code).join(', ')})`);
  return planJson(r.plan);
}

/** The positioned lines of a small filing's motion, as laid out for PDF. */
export async function inglewoodMotionLayout(): Promise<string> {
  return dumpLayout((await laidDocument('inglewood-misdemeanor-dismiss-and-seal', 'motion')).doc);
}

/** A small filing's order, word/document.xml with one element per line, from the rendered Los Angeles files. */
export async function inglewoodOrderDocumentXml(files: OutputFile[]): Promise<string> {
  const f = files.find((x) => x.path === 'inglewood-misdemeanor-dismiss-and-seal/order.docx');
  if (!f) throw new Error('no inglewood-misdemeanor-dismiss-and-seal/order.docx among the rendered files');
  return (await docxPart(f.content, 'word/document.xml')).replace(/></g, '>\n<');
}

/** Every golden file and the text it should hold. */
export const GOLDENS: Record<string, () => Promise<string>> = {
  ...Object.fromEntries(GOLDEN_SAMPLES.map((name) => [`${name}.plan.json`, async () => planText(await samplePlanRun(name))])),
  'inglewood-motion.layout.txt': inglewoodMotionLayout,
  'inglewood-order.document.xml': async () => inglewoodOrderDocumentXml((await laDocuments()).files),
};

const isSet = (v: string | undefined) => v !== undefined && v !== '';

/** Goldens are accepted on a developer's machine and committed, never rewritten by CI. */
export function refuseInCi(what: string): void {
  if (isSet(process.env.CI)) {
    throw new Error(`refusing to ${what} with CI set (CI=${process.env.CI}): golden files are only written on a developer's machine, by \`npm run accept\`, then reviewed and committed`);
  }
}

/** A golden's committed text, for a test to compare with. */
export function readGolden(file: string): string {
  if (isSet(process.env.UPDATE_GOLDEN)) {
    refuseInCi('update golden files (UPDATE_GOLDEN is set)');
    throw new Error('UPDATE_GOLDEN no longer rewrites golden files: the tests only compare. Run `npm run accept`, then review the diff');
  }
  const p = path.join(GOLDEN_DIR, file);
  if (!existsSync(p)) throw new Error(`the golden file ${path.relative(root, p)} is missing: run \`npm run accept\` and review it`);
  return readFileSync(p, 'utf8');
}

/** Write one golden (npm run accept only); returns whether its text changed. */
export function writeGolden(file: string, text: string): boolean {
  refuseInCi('write golden files');
  if (!(file in GOLDENS)) throw new Error(`unknown golden ${file}`);
  const p = path.join(GOLDEN_DIR, file);
  const changed = !existsSync(p) || readFileSync(p, 'utf8') !== text;
  if (changed) writeFileSync(p, text);
  return changed;
}
