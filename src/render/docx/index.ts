/**
 * DOCX: the document model on California pleading paper. The docx package
 * builds the document; two parts are written as strings and put in place of
 * marker paragraphs after packing (the header's line-number box, and the
 * exhibit tables). Then the zip is rewritten with fixed timestamps, so the
 * same input gives the same bytes.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  LineRuleType,
  PageBorderDisplay,
  PageBorderOffsetFrom,
  PageNumber,
  Paragraph,
  SectionType,
  TextRun,
  type ISectionOptions,
} from 'docx';
import { strFromU8 } from 'fflate';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { exhibitCells, volumeLines } from '../../model/exhibit';
import type { DocumentModel, Exhibit } from '../../model/types';
import { fitColumns } from '../exhibit-columns';
import type { Metrics } from '../pdf/fonts';
import { DRAFT_STAMP, EXHIBIT, eighths, exhibitType, GRID, PAGE, PLEADING, TABLE_WIDTH, twips } from '../pleading';
import { exhibitCover, renderBlock, type BlockContext } from './blocks';
import { useNativeCrc32 } from './crc32';
import { packageParts } from './package-parts';
import { addSmallBuffer } from './small-parts';
import { CELL_STYLE, CELL_STYLE_RIGHT, exhibitTables, HEAD_STYLE, lineNumbersParagraph, ROWS_PER_TABLE, type TableColumn } from './xml';

export interface DocxOptions {
  /** YYYY-MM-DD: the documents' dates and the zip timestamps. */
  asOf: string;
  /** Rows per exhibit table (default ROWS_PER_TABLE). */
  rowsPerTable?: number;
  /**
   * Exhibit tables already turned into cells, by exhibit letter (a worker
   * thread gets these instead of the cases). Otherwise cells come from the cases.
   */
  tables?: ReadonlyMap<string, ExhibitTable>;
  /** The font metrics the exhibit columns are fitted with (the PDF's), for tables made here from the cases. */
  metrics?: Metrics;
  /** Told as exhibit rows are written, a few hundred at a time (for progress). */
  onRows?: (rows: number) => void;
  /** The number of the first page (a volume continues the numbering of the one before); default 1. */
  firstPageNumber?: number;
}

/** An exhibit's table as text: its rows' cells and its volume cover lines. */
export interface ExhibitTable {
  rows: ReadonlyArray<readonly string[]>;
  volumeLines: string[];
  /** The columns' widths in points (fitColumns, as the PDF's). */
  widths: number[];
}

/** The cells, cover lines and column widths of an exhibit, from its cases. */
export function exhibitTable(ex: Exhibit, metrics: Metrics): ExhibitTable {
  const rows = [...rowsOf(ex)];
  return { rows, volumeLines: volumeLines(ex), widths: columnWidths(ex, rows, metrics) };
}

/** The columns fitted to the cells with the bundled fonts' metrics (Liberation Serif: Times New Roman's). */
function columnWidths(ex: Exhibit, rows: Iterable<readonly string[]>, m: Metrics | undefined): number[] {
  if (!m) throw new Error('bug: renderDocx needs the font metrics (or the exhibit tables) to fit the exhibit columns');
  return fitColumns(ex, rows, (t, bold, size) => m.width(t, bold ? 'bold' : 'regular', size));
}

const LINE_NUMBERS_MARK = 'BM_LINE_NUMBERS_MARK';
const tableMark = (letter: string) => `BM_EXHIBIT_TABLE_MARK_${letter}`;
const FONT = 'Times New Roman';

function pleadingFooter(title: string): Footer {
  return new Footer({
    children: [
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.EXACT }, children: [new TextRun({ children: [PageNumber.CURRENT] })] }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 40, after: 0, line: 220, lineRule: LineRuleType.EXACT },
        border: { top: { style: BorderStyle.SINGLE, size: eighths(PLEADING.footerRuleWidth), color: '000000', space: 1 } },
        children: [new TextRun({ text: title, size: PLEADING.footerTitleSize * 2 })],
      }),
    ],
  });
}

/** A draft's stamp, at the head of every page; nothing for a document to file. */
function draftStamp(model: DocumentModel): Paragraph[] {
  if (!model.draft) return [];
  const { text, size } = DRAFT_STAMP;
  return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, children: [new TextRun({ text, bold: true, size: size * 2, font: FONT })] })];
}

function exhibitFooter(): Footer {
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: EXHIBIT.pageNumberSize * 2 })] })] });
}

const pleadingPage = {
  size: { width: twips(PAGE.width), height: twips(PAGE.height) },
  margin: { top: twips(PLEADING.top), bottom: twips(PLEADING.bottom), left: twips(PLEADING.left), right: twips(PLEADING.right), header: twips(36), footer: twips(PLEADING.footerDistance) },
  borders: {
    pageBorders: { display: PageBorderDisplay.ALL_PAGES, offsetFrom: PageBorderOffsetFrom.TEXT },
    pageBorderLeft: { style: BorderStyle.DOUBLE, size: eighths(PLEADING.ruleWidth), color: '000000', space: 4 },
    pageBorderRight: { style: BorderStyle.SINGLE, size: eighths(PLEADING.ruleWidth), color: '000000', space: 4 },
  },
};

const exhibitPage = {
  size: { width: twips(PAGE.width), height: twips(PAGE.height) },
  margin: { top: twips(EXHIBIT.top), bottom: twips(EXHIBIT.bottom), left: twips(EXHIBIT.left), right: twips(EXHIBIT.right), header: twips(24), footer: twips(20) },
};

export function tableColumns(ex: Exhibit, widths: readonly number[]): TableColumn[] {
  const width = twips(TABLE_WIDTH);
  let used = 0;
  return ex.columns.map((c, i) => {
    const w = i === ex.columns.length - 1 ? width - used : Math.floor((width * widths[i]!) / TABLE_WIDTH + 1e-9);
    used += w;
    return { header: c.header, width: w, align: c.align };
  });
}

function sections(model: DocumentModel, tables: DocxOptions['tables'], firstPageNumber = 1): ISectionOptions[] {
  const out: ISectionOptions[] = [];
  // The first section starts the numbering where the volume before left off; the others go on from it.
  const numbering = (i: number) => (i === 0 && firstPageNumber !== 1 ? { pageNumbers: { start: firstPageNumber } } : {});
  for (const part of model.parts) {
    const i = out.length;
    if (part.kind === 'pleading') {
      const ctx: BlockContext = { pageBreakPending: false };
      out.push({
        properties: { type: SectionType.NEXT_PAGE, page: { ...pleadingPage, ...numbering(i) } },
        headers: { default: new Header({ children: [...draftStamp(model), new Paragraph({ children: [new TextRun(LINE_NUMBERS_MARK)] })] }) },
        footers: { default: pleadingFooter(model.footer) },
        children: part.blocks.flatMap((b) => renderBlock(b, ctx)),
      });
    } else {
      const ex = part.exhibit;
      out.push({
        properties: { type: SectionType.NEXT_PAGE, page: { ...exhibitPage, ...numbering(i) } },
        headers: { default: new Header({ children: model.draft ? draftStamp(model) : [new Paragraph({ children: [] })] }) },
        footers: { default: exhibitFooter() },
        children: [
          ...exhibitCover(ex.letter, ex.title, ex.description, tables?.get(ex.letter)?.volumeLines ?? volumeLines(ex)),
          new Paragraph({ children: [new TextRun(tableMark(ex.letter))] }),
        ],
      });
    }
  }
  return out;
}

/** Where the paragraph holding `mark` starts and ends, or undefined when the mark is absent. */
function paragraphAround(xml: string, mark: string): { start: number; end: number } | undefined {
  const at = xml.indexOf(mark);
  if (at < 0) return undefined;
  return { start: Math.max(xml.lastIndexOf('<w:p>', at), xml.lastIndexOf('<w:p ', at)), end: xml.indexOf('</w:p>', at) + '</w:p>'.length };
}

/** Replace the whole paragraph that contains `mark`. */
function replaceParagraph(xml: string, mark: string, replacement: () => string): string {
  const p = paragraphAround(xml, mark);
  return p ? xml.slice(0, p.start) + replacement() + xml.slice(p.end) : xml;
}

const HEADER_NAMESPACES: Record<string, string> = {
  'xmlns:wp': 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  'xmlns:wps': 'http://schemas.microsoft.com/office/word/2010/wordprocessingShape',
  'xmlns:mc': 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  'xmlns:v': 'urn:schemas-microsoft-com:vml',
  'xmlns:o': 'urn:schemas-microsoft-com:office:office',
};

function ensureNamespaces(xml: string): string {
  const rootEnd = xml.indexOf('>', xml.indexOf('<w:hdr'));
  let root = xml.slice(0, rootEnd);
  for (const [k, v] of Object.entries(HEADER_NAMESPACES)) if (!root.includes(`${k}=`)) root += ` ${k}="${v}"`;
  return root + xml.slice(rootEnd);
}

export async function renderDocx(model: DocumentModel, opts: DocxOptions): Promise<Buffer> {
  // The exhibits' type (config exhibit.font_size): one size for the document's tables.
  const first = model.parts.find((p) => p.kind === 'exhibit');
  const cell = exhibitType(first?.kind === 'exhibit' ? first.exhibit.fontSize : undefined);
  const styles = {
    default: { document: { run: { font: FONT, size: GRID.fontSize * 2 } } },
    paragraphStyles: [
      { id: CELL_STYLE, name: 'Exhibit cell', run: { size: cell.size * 2 }, paragraph: { spacing: { before: 0, after: 0, line: twips(cell.line), lineRule: LineRuleType.AT_LEAST } } },
      { id: CELL_STYLE_RIGHT, name: 'Exhibit cell (right)', basedOn: CELL_STYLE, paragraph: { alignment: AlignmentType.RIGHT } },
      { id: HEAD_STYLE, name: 'Exhibit header', basedOn: CELL_STYLE, run: { bold: true } },
    ],
  };
  const doc = new Document({
    title: model.title,
    subject: model.subject,
    creator: model.author,
    lastModifiedBy: model.author,
    description: model.footer,
    features: { updateFields: true },
    styles,
    sections: sections(model, opts.tables, opts.firstPageNumber),
  });
  const parts = await packageParts(doc, JSON.stringify(styles));
  const when = `${opts.asOf}T00:00:00Z`;
  // A local-time date whose fields are the as-of day, and DOS timestamps only:
  // the zip's bytes then don't depend on the machine's time zone.
  const [y, m, d] = opts.asOf.split('-').map(Number) as [number, number, number];
  const entry = { mtime: new Date(y, m - 1, d), forceDosTimestamp: true, compress: true, compressionLevel: 2, mode: 0o100644 };
  useNativeCrc32();
  const out = new ZipFile();
  const names = [...parts.keys()]
    .filter((n) => !n.endsWith('/'))
    .sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const data = parts.get(name)!;
    let text = typeof data === 'string' ? data : strFromU8(data);
    if (/^word\/header\d+\.xml$/.test(name) && text.includes(LINE_NUMBERS_MARK)) {
      text = ensureNamespaces(replaceParagraph(text, LINE_NUMBERS_MARK, lineNumbersParagraph));
    } else if (name === 'word/document.xml') {
      out.addReadStream(Readable.from(documentXml(renumberBookmarks(text), model, opts), { objectMode: false }), name, entry);
      continue;
    } else if (name === 'docProps/core.xml') {
      text = text.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${when}$2`);
    }
    const bytes = Buffer.from(text, 'utf8');
    // Setting up a deflate costs more than it saves on a part of a few hundred bytes.
    addSmallBuffer(out, bytes, name, bytes.length < 1024 ? { ...entry, compress: false, compressionLevel: 0 } : entry);
  }
  out.end();
  const chunks: Buffer[] = [];
  for await (const c of out.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** document.xml as a stream of pieces: each exhibit's marker paragraph gives way to its tables. */
function* documentXml(xml: string, model: DocumentModel, opts: DocxOptions): Generator<Buffer> {
  let rest = xml;
  for (const part of model.parts) {
    if (part.kind !== 'exhibit') continue;
    const ex = part.exhibit;
    const p = paragraphAround(rest, tableMark(ex.letter));
    if (!p) continue;
    const { start, end } = p;
    // The marker paragraph stands on the cover page; in its place, a 1-point paragraph carries the page break to the tables.
    yield Buffer.from(rest.slice(0, start) + '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr><w:r><w:br w:type="page"/></w:r></w:p>', 'utf8');
    const t = opts.tables?.get(ex.letter);
    const rows = t?.rows ?? rowsOf(ex);
    yield* exhibitTables(tableColumns(ex, t?.widths ?? columnWidths(ex, rowsOf(ex), opts.metrics)), opts.onRows ? counted(rows, opts.onRows) : rows, opts.rowsPerTable ?? ROWS_PER_TABLE);
    rest = rest.slice(end);
  }
  yield Buffer.from(rest, 'utf8');
}

/**
 * docx numbers bookmarks from a process-wide counter, so a document's bytes
 * would depend on what was rendered before it. Number them per document.
 */
function renumberBookmarks(xml: string): string {
  const ids = new Map<string, number>();
  return xml.replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)(")/g, (_m, a: string, id: string, b: string) => {
    if (!ids.has(id)) ids.set(id, ids.size + 1);
    return `${a}${ids.get(id)}${b}`;
  });
}

/** The rows, telling `onRows` every 500 (and the rest at the end). */
function* counted(rows: Iterable<readonly string[]>, onRows: (n: number) => void): Generator<readonly string[]> {
  let n = 0;
  for (const r of rows) {
    yield r;
    if (++n === 500) onRows(n), (n = 0);
  }
  if (n) onRows(n);
}

function* rowsOf(ex: Exhibit): Generator<string[]> {
  for (let i = 0; i < ex.cases.length; i++) yield exhibitCells(ex, ex.cases[i]!, i);
}
