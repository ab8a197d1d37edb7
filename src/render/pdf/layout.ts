/**
 * Layout: the document model to pages of positioned text and rules. Pure:
 * metrics in, positions out (the run's context lends its metrics, and its
 * measured tables, so the motion and the order share them). Runs twice when the text refers to page
 * numbers (the index of exhibits), so the numbers printed are the pages the
 * exhibits land on.
 */
import type { DocumentModel, Exhibit } from '../../model/types';
import { DRAFT_STAMP, EXHIBIT, GRID, PAGE, PLEADING, TEXT_WIDTH } from '../pleading';
import type { Metrics } from './fonts';
import type { RenderContext } from './context';
import { coverPage, tablePageItems } from './exhibit-layout';
import { BASELINE, PleadingFlow } from './pleading-layout';
import { round } from './points';
import type { Item, LaidDocument, LaidPage, OutlineEntry } from './types';

export interface LayoutOptions {
  /** The number of the first page (an exhibit volume continues the numbering). */
  firstPageNumber?: number;
}

function pleadingDecorations(footer: string, pageNumber: number, m: Metrics): Item[] {
  const items: Item[] = [];
  for (let i = 1; i <= GRID.lines; i++) {
    const t = String(i);
    items.push({ kind: 'text', x: round(PLEADING.numbersRight - m.width(t, 'regular', GRID.fontSize)), y: PLEADING.top + (i - 1) * GRID.pitch + BASELINE, size: GRID.fontSize, font: 'regular', text: t });
  }
  items.push({ kind: 'rule', x1: PLEADING.ruleX, y1: 0, x2: PLEADING.ruleX, y2: PAGE.height, width: PLEADING.ruleWidth });
  items.push({ kind: 'rule', x1: PLEADING.ruleX + 2, y1: 0, x2: PLEADING.ruleX + 2, y2: PAGE.height, width: PLEADING.ruleWidth });
  items.push({ kind: 'rule', x1: PLEADING.rightRuleX, y1: 0, x2: PLEADING.rightRuleX, y2: PAGE.height, width: PLEADING.ruleWidth });
  const n = String(pageNumber);
  const centre = PLEADING.left + TEXT_WIDTH / 2;
  items.push({ kind: 'text', x: round(centre - m.width(n, 'regular', GRID.fontSize) / 2), y: PLEADING.pageNumberBaseline, size: GRID.fontSize, font: 'regular', text: n });
  items.push({ kind: 'rule', x1: PLEADING.left, y1: PLEADING.footerRuleY, x2: PAGE.width - PLEADING.right, y2: PLEADING.footerRuleY, width: PLEADING.footerRuleWidth });
  items.push({ kind: 'text', x: round(centre - m.width(footer, 'regular', PLEADING.footerTitleSize) / 2), y: PLEADING.footerTitleBaseline, size: PLEADING.footerTitleSize, font: 'regular', text: footer });
  return items;
}

function draftStamp(m: Metrics): Item {
  const { text, size, baseline } = DRAFT_STAMP;
  return { kind: 'text', x: round(PAGE.width / 2 - m.width(text, 'bold', size) / 2), y: baseline, size, font: 'bold', text };
}

function exhibitPageNumber(pageNumber: number, m: Metrics): Item {
  const n = String(pageNumber);
  return { kind: 'text', x: round(PAGE.width / 2 - m.width(n, 'regular', EXHIBIT.pageNumberSize) / 2), y: EXHIBIT.pageNumberBaseline, size: EXHIBIT.pageNumberSize, font: 'regular', text: n };
}

function layoutOnce(model: DocumentModel, ctx: RenderContext, opts: LayoutOptions, pageRefs: Map<string, number>): { doc: LaidDocument; exhibitPages: Map<string, number> } {
  const m = ctx.fonts.metrics;
  const first = opts.firstPageNumber ?? 1;
  const pages: LaidPage[] = [];
  const outline: OutlineEntry[] = [];
  const exhibitPages = new Map<string, number>();
  for (const part of model.parts) {
    if (part.kind === 'pleading') {
      const flow = new PleadingFlow({ metrics: m, pageOf: (ref) => String(pageRefs.get(ref) ?? '000') });
      part.blocks.forEach((b, i) => flow.place(b, part.blocks[i + 1]));
      const base = pages.length;
      // The first bookmark is the document itself (the notice); then its level-1 headings.
      if (base === 0) outline.push({ title: model.title, page: 0, y: 0, children: [] });
      for (const h of flow.headings) {
        const entry = { title: h.title, page: base + h.page, y: h.y, children: [] };
        if (h.level === 1 || outline.length === 0) outline.push(entry);
        else outline[outline.length - 1]!.children.push(entry);
      }
      for (const items of flow.pages) pages.push({ kind: 'pleading', items });
    } else {
      const ex: Exhibit = part.exhibit;
      const coverIndex = pages.length;
      exhibitPages.set(ex.letter, first + coverIndex);
      pages.push({ kind: 'exhibit', items: coverPage(ex, m) });
      const t = ctx.tables.table(ex);
      for (let page = 0; page < t.firstRows.length; page++) pages.push({ kind: 'exhibit', items: [], table: { table: t, page } });
      const title = ex.volume ? `${ex.title}, Volume ${ex.volume.n} of ${ex.volume.of}` : `${ex.title}: ${ex.description}`;
      outline.push({ title, page: coverIndex, y: 0, children: [] });
    }
  }
  pages.forEach((p, i) => {
    p.items.push(...(p.kind === 'pleading' ? pleadingDecorations(model.footer, first + i, m) : [exhibitPageNumber(first + i, m)]));
    if (model.draft) p.items.push(draftStamp(m));
  });
  return { doc: { pages, outline, title: model.title, author: model.author, subject: model.subject }, exhibitPages };
}

export function layoutDocument(model: DocumentModel, ctx: RenderContext, opts: LayoutOptions = {}): LaidDocument {
  let refs = new Map<string, number>();
  for (let pass = 0; pass < 3; pass++) {
    const { doc, exhibitPages } = layoutOnce(model, ctx, opts, refs);
    const stable = [...exhibitPages].every(([k, v]) => refs.get(k) === v);
    if (stable && (pass > 0 || !hasPageRefs(model))) return doc;
    refs = exhibitPages;
  }
  return layoutOnce(model, ctx, opts, refs).doc;
}

function hasPageRefs(model: DocumentModel): boolean {
  return model.parts.some((p) => p.kind === 'pleading' && JSON.stringify(p.blocks).includes('"pageRef"'));
}

/** Every positioned line of a page: its table's, laid out now, then its own. */
export function pageItems(p: LaidPage): Item[] {
  return p.table ? [...tablePageItems(p.table.table, p.table.page), ...p.items] : p.items;
}

/** The golden dump: one line per text item, page by page. */
export function dumpLayout(doc: LaidDocument): string {
  const out: string[] = [];
  doc.pages.forEach((p, i) => {
    out.push(`--- page ${i + 1} (${p.kind})`);
    for (const it of pageItems(p)) {
      if (it.kind === 'text') out.push(`${it.x.toFixed(2)} ${it.y.toFixed(2)} ${it.font} ${it.size} ${it.text}`);
      else out.push(`rule ${it.x1} ${it.y1} ${it.x2} ${it.y2} ${it.width}`);
    }
  });
  out.push('--- outline');
  const walk = (es: OutlineEntry[], depth: number) => es.forEach((e) => (out.push(`${'  '.repeat(depth)}${e.title} -> page ${e.page + 1}`), walk(e.children, depth + 1)));
  walk(doc.outline, 0);
  return out.join('\n') + '\n';
}
