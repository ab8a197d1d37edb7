import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { composeDocument } from '../../src/compose';
import { compileSet } from '../../src/compose/handlebars';
import { renderDocuments } from '../../src/documents';
import { loadTemplates } from '../../src/io/templates';
import { loadFonts } from '../../src/io/fonts';
import { createRenderContext } from '../../src/render/pdf';
import { layoutDocument } from '../../src/render/pdf/layout';
import type { LaidDocument } from '../../src/render/pdf/types';
import { runPipeline, type PipelineResult } from '../../src/pipeline';
import type { OutputFile } from '../../src/output/manifest';

export const root = path.join(__dirname, '..', '..');

export async function laRun(configText?: string, configFile = path.join(root, 'samples', 'los-angeles', 'config.yaml')): Promise<PipelineResult> {
  return runPipeline({
    configText: configText ?? readFileSync(configFile, 'utf8'),
    configFile,
    cases: [{ name: 'samples/los-angeles/cases.csv', open: () => readFileSync(path.join(root, 'samples', 'los-angeles', 'cases.csv')) }],
    asOf: '2026-11-26',
  });
}

export async function laDocuments(): Promise<{ result: PipelineResult; files: OutputFile[] }> {
  const result = await laRun();
  const t = await loadTemplates(path.join(root, 'samples', 'los-angeles', 'config.yaml'), undefined);
  const r = await renderDocuments({ plan: result.plan!, config: result.config!, templates: t.set!, asOf: '2026-11-26', formats: ['docx'], fonts: loadFonts() });
  if (!r.files) throw new Error(JSON.stringify(r.diagnostics));
  return { result, files: r.files };
}

/** One document of the Los Angeles sample, laid out for PDF, and its filing's case numbers in order. */
export async function laidDocument(filingId: string, kind: 'motion' | 'order'): Promise<{ doc: LaidDocument; caseNumbers: string[] }> {
  const r = await laRun();
  const t = await loadTemplates(path.join(root, 'samples', 'los-angeles', 'config.yaml'), undefined);
  const { compiled } = compileSet(t.set!);
  const filing = r.plan!.filings.find((f) => f.id === filingId)!;
  const model = composeDocument(kind, filing, r.config!, '2026-11-26', { compiled: compiled!, set: t.set! }).model!;
  return { doc: layoutDocument(model, createRenderContext(loadFonts())), caseNumbers: filing.cases.map((c) => c.caseNumber) };
}

export async function docxPart(buf: Buffer, part: string): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  return zip.file(part)!.async('string');
}

/** The text of every table cell, row by row, for each table in document.xml. */
export function tableRows(xml: string): string[][] {
  const rows: string[][] = [];
  for (const tr of xml.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)) {
    rows.push([...tr[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((tc) => [...tc[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1]!)).join('')));
  }
  return rows;
}

export function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** All visible text of a WordprocessingML part. */
export function allText(xml: string): string {
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1]!)).join(' ');
}
