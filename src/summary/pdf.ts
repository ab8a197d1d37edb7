/**
 * summary.pdf: the summary's model laid out on Letter pages. Liberation Serif
 * is embedded (subset), so the text is searchable; each section is a bookmark
 * (/PageMode /UseOutlines); the charts are the same SVG as the HTML's, drawn
 * as vector paths and text by pdf-lib's SVG reader. Dates and the file ID come
 * from the as-of date and the content: the same run gives the same bytes.
 */
import { PDFDocument, PDFHexString, PDFName, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { createHash } from 'node:crypto';
import { wrap } from '../packets/cover';
import { addOutline } from './outline';
import type { FontBytes } from '../render/pdf/fonts';
import type { OutlineEntry } from '../render/pdf/types';
import { PAGE } from '../render/pleading';
import type { Chart } from './charts';
import type { SummaryModel, Table } from './model';
import { embedFont } from './pdf-fonts';

export interface SummaryPdfOptions {
  fonts: FontBytes;
  asOf: string;
  producer: string;
  author: string;
}

const MARGIN = 44;
const WIDTH = PAGE.width - 2 * MARGIN;
const BOTTOM = PAGE.height - MARGIN - 14;
const TEXT = 9;
const LEAD = 11;
const CELL = 8;
const ROW = 10;
/** A table beside its chart: the table's width; the chart takes the rest. */
export const TABLE_WIDTH = 250;
export const CHART_WIDTH = WIDTH - TABLE_WIDTH - 12;
const BLACK = rgb(0, 0, 0);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Lays out and draws; y is measured down from the top of the page, as in the rest of the PDF code. */
class Writer {
  page: PDFPage;
  y = MARGIN;
  readonly pages: PDFPage[] = [];
  constructor(
    readonly pdf: PDFDocument,
    readonly f: Fonts,
  ) {
    this.page = this.newPage();
  }
  newPage(): PDFPage {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = MARGIN;
    return this.page;
  }
  /** Room for `h` more points on this page, or a new page. */
  need(h: number): void {
    if (this.y + h > BOTTOM && this.y > MARGIN) this.newPage();
  }
  text(s: string, x: number, baseline: number, size: number, font: PDFFont = this.f.regular): void {
    this.page.drawText(s, { x, y: PAGE.height - baseline, size, font, color: BLACK });
  }
  lines(s: string, size: number, font: PDFFont, width: number): string[] {
    return wrap(s, (t) => font.widthOfTextAtSize(t, size), width);
  }
  paragraph(s: string, size = TEXT, font: PDFFont = this.f.regular, lead = LEAD): void {
    for (const l of this.lines(s, size, font, WIDTH)) {
      this.need(lead);
      this.y += lead;
      this.text(l, MARGIN, this.y - 2.5, size, font);
    }
  }
  rule(x1: number, x2: number, y: number, thickness: number): void {
    this.page.drawLine({ start: { x: x1, y: PAGE.height - y }, end: { x: x2, y: PAGE.height - y }, thickness, color: BLACK });
  }
}

/** A table's columns and each row's label lines, for a given width. */
function measure(w: Writer, t: Table, width: number) {
  const { regular, bold } = w.f;
  const nums = t.head.slice(1).map((h, c) => Math.max(bold.widthOfTextAtSize(h, CELL), ...[...t.rows, ...(t.total ? [t.total] : [])].map((r) => regular.widthOfTextAtSize(r.cells[c]!.text, CELL))) + 8);
  const labelWidth = width - nums.reduce((a, b) => a + b, 0);
  const rows = [...t.rows.map((r) => ({ r, font: regular })), ...(t.total ? [{ r: t.total, font: bold }] : [])].map(({ r, font }) => ({ r, font, lines: w.lines(r.label, CELL, font, labelWidth - 4) }));
  const height = ROW + 6 + rows.reduce((h, x) => h + x.lines.length * ROW, 0) + (t.total ? 2 : 0) + ROW;
  return { nums, labelWidth, rows, height };
}

/** Draws a table at (x, this.y) in `width`; returns its height. */
function drawTable(w: Writer, t: Table, x: number, width: number, rows = measure(w, t, width)): number {
  const top = w.y;
  let y = top + ROW;
  w.text(t.caption, x, y - 2, CELL + 0.5, w.f.bold);
  y += ROW;
  const right = (s: string, colRight: number, baseline: number, font: PDFFont) => w.text(s, colRight - 4 - font.widthOfTextAtSize(s, CELL), baseline, CELL, font);
  const ends = rows.nums.map((_, c) => x + rows.labelWidth + rows.nums.slice(0, c + 1).reduce((a, b) => a + b, 0));
  w.text(t.head[0]!, x, y - 2.5, CELL, w.f.bold);
  t.head.slice(1).forEach((h, c) => right(h, ends[c]!, y - 2.5, w.f.bold));
  w.rule(x, x + width, y, 0.75);
  y += 1;
  for (const { r, font, lines } of rows.rows) {
    if (r === t.total) {
      w.rule(x, x + width, y + 0.5, 0.75);
      y += 2;
    }
    lines.forEach((l, i) => w.text(l, x, y + (i + 1) * ROW - 2.5, CELL, font));
    r.cells.forEach((c, i) => right(c.text, ends[i]!, y + ROW - 2.5, font));
    y += lines.length * ROW;
    w.rule(x, x + width, y + 0.5, 0.25);
  }
  return y - top + 4;
}

/**
 * A long table without a chart (the courts) in two columns, filling what is left of the page and going on
 * to the next with its caption marked "(continued)".
 */
function longTable(w: Writer, t: Table): void {
  const colWidth = (WIDTH - 16) / 2;
  const halves = (rows: Table['rows'], first: boolean): Table[] => {
    const half = Math.ceil(rows.length / 2);
    return [{ ...t, ...(first ? {} : { caption: `${t.caption} (continued)` }), rows: rows.slice(0, half) }, { ...t, caption: `${t.caption} (continued)`, rows: rows.slice(half) }];
  };
  const height = (rows: Table['rows'], first: boolean) => Math.max(...halves(rows, first).map((p) => measure(w, p, colWidth).height));
  let rest = t.rows;
  let first = true;
  while (rest.length) {
    let n = rest.length;
    while (n > 0 && w.y + height(rest.slice(0, n), first) > BOTTOM) n--;
    if (n < Math.min(rest.length, 6) && w.y > MARGIN) {
      w.newPage();
      continue;
    }
    n = Math.max(n, 1);
    const top = w.y;
    const hs = halves(rest.slice(0, n), first).map((p, i) => ((w.y = top), drawTable(w, p, MARGIN + i * (colWidth + 16), colWidth)));
    w.y = top + Math.max(...hs);
    rest = rest.slice(n);
    first = false;
    if (rest.length) w.newPage();
  }
}

const SVG_FONTS = (f: Fonts) => ({ 'Liberation Serif': f.regular, 'Liberation Serif_bold': f.bold });

export async function summaryPdf(m: SummaryModel, charts: ReadonlyMap<string, Chart>, opts: SummaryPdfOptions): Promise<{ bytes: Buffer; pages: number }> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const regular = await embedFont(pdf, opts.fonts.regular, 'BMSUMA+LiberationSerif');
  const bold = await embedFont(pdf, opts.fonts.bold, 'BMSUMB+LiberationSerif-Bold');
  const w = new Writer(pdf, { regular, bold });
  const outline: OutlineEntry[] = [];

  w.paragraph(m.title, 16, bold, 20);
  w.paragraph(m.subtitle, 10, regular, 13);
  w.y += 4;
  for (const s of m.sections) {
    // A heading stays with its first lines and its first table.
    const first = s.tables[0];
    const long = first !== undefined && !charts.has(first.id) && first.rows.length > 12;
    const firstHeight = !first ? 0 : long ? 8 * ROW : Math.max(measure(w, first, charts.has(first.id) ? TABLE_WIDTH : WIDTH).height, charts.get(first.id)?.height ?? 0);
    w.need(22 + Math.min(3, s.paragraphs.length) * LEAD + firstHeight);
    w.y += 6;
    outline.push({ title: s.title, page: w.pages.length - 1, y: w.y, children: [] });
    w.y += 13;
    w.text(s.title, MARGIN, w.y - 3, 11.5, bold);
    w.rule(MARGIN, MARGIN + WIDTH, w.y + 1, 0.5);
    w.y += 3;
    const small = s.id === 'sources';
    for (const p of s.paragraphs) w.paragraph(p, small ? 7.5 : TEXT, regular, small ? 9.5 : LEAD);
    for (const t of s.tables) {
      const chart = charts.get(t.id);
      if (chart) {
        const rows = measure(w, t, TABLE_WIDTH);
        w.need(Math.max(rows.height, chart.height));
        const top = w.y;
        const th = drawTable(w, t, MARGIN, TABLE_WIDTH, rows);
        w.page.drawSvg(chart.svg, { x: MARGIN + TABLE_WIDTH + 12, y: PAGE.height - top - 4, width: chart.width, height: chart.height, fonts: SVG_FONTS(w.f) });
        w.y = top + Math.max(th, chart.height + 4);
      } else if (t.rows.length > 12) {
        longTable(w, t);
      } else {
        w.need(measure(w, t, WIDTH).height);
        w.y += drawTable(w, t, MARGIN, Math.min(WIDTH, 330));
      }
    }
  }

  // Footers, now that the pages are counted.
  w.pages.forEach((p, i) => {
    const s = `${m.title}, as of ${opts.asOf}: page ${i + 1} of ${w.pages.length}`;
    p.drawText(s, { x: MARGIN, y: MARGIN - 14, size: 7.5, font: regular, color: rgb(0.25, 0.25, 0.25) });
  });
  addOutline(pdf, outline, w.pages.map((p) => p.ref));
  const when = new Date(`${opts.asOf}T00:00:00Z`);
  pdf.setTitle(m.title, { showInWindowTitleBar: true });
  pdf.setAuthor(opts.author);
  pdf.setSubject(m.subtitle);
  pdf.setCreator('bulk-motions');
  pdf.setProducer(opts.producer);
  pdf.setCreationDate(when);
  pdf.setModificationDate(when);
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  const id = createHash('sha256').update(JSON.stringify([m.title, m.subtitle, opts.asOf, m.data])).digest('hex').slice(0, 32);
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return { bytes: Buffer.from(await pdf.save({ useObjectStreams: true })), pages: w.pages.length };
}
