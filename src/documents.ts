/**
 * The documents stage: every filing's motion and order, composed from the
 * templates and rendered. Every template problem is found before anything is
 * rendered, so a run never stops halfway through a set of documents.
 */
import { composeDocument, DOCUMENT_KINDS } from './compose';
import { compileSet, type TemplateSet } from './compose/handlebars';
import type { Config } from './config/schema';
import type { Diagnostic } from './diagnostics/catalog';
import type { DocumentModel } from './model/types';
import type { OutputFile } from './output/manifest';
import type { Plan } from './plan';
import { renderDocx } from './render/docx';
import { renderPdf } from './render/pdf';
import type { FontBytes, Metrics } from './render/pdf/fonts';

export const FORMATS = ['docx', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

export interface DocumentsInput {
  plan: Plan;
  config: Config;
  templates: TemplateSet;
  asOf: string;
  formats: readonly Format[];
  /** Needed for PDF: the font files and their metrics. */
  fonts?: { bytes: FontBytes; metrics: Metrics };
  /** Recorded as the PDF Producer. */
  producer?: string;
  /** Called as each document is done, for progress. */
  onDocument?: (path: string) => void;
}

export function composeAll(input: DocumentsInput): { models?: Array<{ filingId: string; model: DocumentModel }>; diagnostics: Diagnostic[] } {
  const { compiled, diagnostics } = compileSet(input.templates);
  if (!compiled) return { diagnostics };
  const models: Array<{ filingId: string; model: DocumentModel }> = [];
  const problems: Diagnostic[] = [];
  for (const filing of input.plan.filings) {
    for (const kind of DOCUMENT_KINDS) {
      const r = composeDocument(kind, filing, input.config, input.asOf, { compiled, set: input.templates });
      if (r.model) models.push({ filingId: filing.id, model: r.model });
      problems.push(...r.diagnostics);
    }
  }
  // One report per distinct problem: a template error repeats for every filing.
  const seen = new Set<string>();
  const unique = problems.filter((d) => {
    // A markup error names the filing whose merged text broke; one per template is enough.
    const k = d.code === 'BM704' ? `${d.code}|${d.file}` : `${d.code}|${d.file}|${d.line}|${d.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return unique.length ? { diagnostics: unique } : { models, diagnostics: [] };
}

export async function renderDocuments(input: DocumentsInput): Promise<{ files?: OutputFile[]; diagnostics: Diagnostic[] }> {
  const composed = composeAll(input);
  if (!composed.models) return { diagnostics: composed.diagnostics };
  const files: OutputFile[] = [];
  for (const { filingId, model } of composed.models) {
    if (input.formats.includes('docx')) {
      const path = `${filingId}/${model.kind}.docx`;
      files.push({ path, kind: model.kind, format: 'docx', content: await renderDocx(model, { asOf: input.asOf }) });
      input.onDocument?.(path);
    }
    if (input.formats.includes('pdf')) {
      if (!input.fonts) throw new Error('bug: PDF output needs fonts');
      const path = `${filingId}/${model.kind}.pdf`;
      files.push({ path, kind: model.kind, format: 'pdf', content: await renderPdf(model, input.fonts, { asOf: input.asOf, producer: input.producer ?? 'bulk-motions' }) });
      input.onDocument?.(path);
    }
  }
  return { files, diagnostics: [] };
}
