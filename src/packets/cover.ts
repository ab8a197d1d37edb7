/**
 * A packet's cover.pdf: one letter page naming the office, its contact on
 * file, and every document in the packet with its page count, case count
 * and sha256. Liberation Serif is embedded (subset), so the text is
 * searchable; the dates and the file ID come from the as-of date and the
 * content, so the same packet gives the same bytes.
 */
import * as fontkit from '@cantoo/fontkit';
import { PDFDocument, PDFHexString, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { createHash } from 'node:crypto';
import type { FontBytes } from '../render/pdf/fonts';
import { PAGE } from '../render/pleading';
import type { Packet } from './plan';

export interface CoverOptions {
  asOf: string;
  producer: string;
  /** The run's documents are drafts: the cover says so too. */
  draft?: boolean;
}

const MARGIN = 54;
const WIDTH = PAGE.width - 2 * MARGIN;
const GAP = 10;
/** Type sizes the table may shrink to, to stay on one page. */
const TABLE_SIZES = [9, 8.5, 8, 7.5, 7, 6.5, 6, 5.5, 5];

export const COVER_NOTE = [
  'Pages: as the PDF has them. A Word file (.docx) has no page count here: its pages depend on the program that opens it; its PDF twin has the same content.',
  "Cases: the cases the document's exhibit lists (one volume's, when the exhibit is split into volumes).",
  'SHA-256: of the file as it is in this packet; the run\'s manifest.json lists the same.',
];

const group = (n: number) => n.toLocaleString('en-US');

/** The table's rows: document, pages, cases, sha256. */
export function coverRows(packet: Packet): string[][] {
  return packet.documents.map((d) => [d.path, d.format === 'pdf' && d.pages ? group(d.pages) : '', d.cases !== undefined ? group(d.cases) : '', d.sha256]);
}

export async function renderCover(packet: Packet, fonts: FontBytes, opts: CoverOptions): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const regular = await pdf.embedFont(fonts.regular, { subset: true, customName: 'BMCOVA+LiberationSerif' });
  const bold = await pdf.embedFont(fonts.bold, { subset: true, customName: 'BMCOVB+LiberationSerif-Bold' });
  let page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;
  const text = (s: string, x: number, size: number, font: PDFFont = regular, on: PDFPage = page) => on.drawText(s, { x, y, size, font, color: rgb(0, 0, 0) });
  // A line of text, wrapped at spaces to the page's width.
  const line = (s: string, size: number, font: PDFFont = regular, lead = 1.25) => {
    for (const l of wrap(s, (t) => font.widthOfTextAtSize(t, size), WIDTH)) {
      y -= size * lead;
      text(l, MARGIN, size, font);
    }
  };

  const { agency } = packet;
  if (opts.draft) line('DRAFT - NOT FOR FILING', 12, bold);
  line(`Filing packet: ${agency.name}`, 14, bold);
  const cases = packet.filings.reduce((n, f) => n + f.caseCount, 0);
  const filings = packet.filings.length;
  line(`As of ${opts.asOf}. ${filings} filing${filings === 1 ? '' : 's'}, ${group(cases)} case${cases === 1 ? '' : 's'}, ${packet.documents.length} document${packet.documents.length === 1 ? '' : 's'} besides this cover.`, 10);
  y -= 6;
  line('Contact on file', 10, bold);
  for (const l of [agency.name, ...agency.address, `Phone: ${agency.phone}`, `E-mail: ${agency.email}`]) line(l, 10);
  y -= 6;
  line('Filings: ' + packet.filings.map((f) => `${f.id} (${group(f.caseCount)})`).join(', '), 8);
  y -= 8;

  // The table: the largest type that fits the width and, if it can, the rest of the page.
  const header = ['Document', 'Pages', 'Cases', 'SHA-256'];
  const rows = coverRows(packet);
  const noteSize = 7;
  const noteHeight = COVER_NOTE.reduce((n, t) => n + wrap(t, (x) => regular.widthOfTextAtSize(x, noteSize), WIDTH).length, 0) * noteSize * 1.3 + 8;
  const widths = (size: number) => header.map((h, i) => Math.max(bold.widthOfTextAtSize(h, size), ...rows.map((r) => regular.widthOfTextAtSize(r[i]!, size))));
  const fits = (size: number) => widths(size).reduce((a, b) => a + b, 0) + GAP * (header.length - 1) <= WIDTH;
  const room = y - MARGIN - noteHeight;
  const size = TABLE_SIZES.find((s) => fits(s) && (rows.length + 1) * s * 1.3 <= room) ?? TABLE_SIZES.find(fits) ?? TABLE_SIZES.at(-1)!;
  const w = widths(size);
  const xs = w.map((_, i) => MARGIN + w.slice(0, i).reduce((a, b) => a + b, 0) + GAP * i);
  // Numbers right-aligned in their columns.
  const cell = (s: string, i: number, font: PDFFont) => text(s, i === 1 || i === 2 ? xs[i]! + w[i]! - font.widthOfTextAtSize(s, size) : xs[i]!, size, font);
  const lead = size * 1.3;
  const headerRow = () => {
    y -= lead;
    header.forEach((h, i) => cell(h, i, bold));
    page.drawLine({ start: { x: MARGIN, y: y - 2.5 }, end: { x: MARGIN + WIDTH, y: y - 2.5 }, thickness: 0.5, color: rgb(0, 0, 0) });
    y -= 2;
  };
  headerRow();
  for (const r of rows) {
    // Only a packet too long for one page at the smallest type goes on (the header repeated).
    if (y - lead < MARGIN) {
      page = pdf.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - MARGIN;
      headerRow();
    }
    y -= lead;
    r.forEach((s, i) => cell(s, i, regular));
  }
  y -= 8;
  if (y - noteHeight < MARGIN - 8) {
    page = pdf.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - MARGIN;
  }
  for (const n of COVER_NOTE) line(n, noteSize, regular, 1.3);

  const when = new Date(`${opts.asOf}T00:00:00Z`);
  pdf.setTitle(`Filing packet: ${agency.name}`, { showInWindowTitleBar: true });
  pdf.setAuthor(agency.name);
  pdf.setSubject(`The documents of ${agency.name}'s filings, as of ${opts.asOf}`);
  pdf.setCreator('bulk-motions');
  pdf.setProducer(opts.producer);
  pdf.setCreationDate(when);
  pdf.setModificationDate(when);
  const id = createHash('sha256')
    .update(JSON.stringify([agency.id, opts.asOf, rows]))
    .digest('hex')
    .slice(0, 32);
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return Buffer.from(await pdf.save({ useObjectStreams: true }));
}

/** Words to lines no wider than `width` (a word wider than that stands alone). */
export function wrap(s: string, width: (t: string) => number, max: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of s.split(' ')) {
    const next = cur ? `${cur} ${word}` : word;
    if (cur && width(next) > max) {
      lines.push(cur);
      cur = word;
    } else cur = next;
  }
  lines.push(cur);
  return lines;
}
