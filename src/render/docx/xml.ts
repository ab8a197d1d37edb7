/**
 * WordprocessingML written as strings, for the two parts the docx package
 * can't do well: the pleading line-number column (a text box anchored in the
 * header) and exhibit tables of tens of thousands of rows (the package's
 * object model for a row is many times the row's XML; bench/README.md).
 */
import { EXHIBIT, GRID, PAGE, PLEADING, twips } from '../pleading';

/** Escape for XML text and attributes, dropping characters XML 1.0 forbids. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
export function xmlEscape(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

const EMU_PER_PT = 12700;

/**
 * The paragraph holding the 1-28 text box. Anchored to the page, behind the
 * text, with no inner margins and the body's exact 24-point spacing, so each
 * number sits on its text line.
 */
export function lineNumbersParagraph(): string {
  const x = (PLEADING.numbersRight - PLEADING.numbersWidth) * EMU_PER_PT;
  const y = PLEADING.top * EMU_PER_PT;
  const cx = PLEADING.numbersWidth * EMU_PER_PT;
  const cy = GRID.lines * GRID.pitch * EMU_PER_PT;
  const numbers = Array.from({ length: GRID.lines }, (_, i) =>
    `<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="${twips(GRID.pitch)}" w:lineRule="exact"/><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="${GRID.fontSize * 2}"/></w:rPr><w:t>${i + 1}</w:t></w:r></w:p>`,
  ).join('');
  return (
    `<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr><w:r><w:rPr><w:noProof/></w:rPr>` +
    `<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>` +
    `<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="1" locked="1" layoutInCell="1" allowOverlap="1">` +
    `<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>${x}</wp:posOffset></wp:positionH>` +
    `<wp:positionV relativeFrom="page"><wp:posOffset>${y}</wp:posOffset></wp:positionV>` +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>` +
    `<wp:docPr id="1001" name="Pleading line numbers"/><wp:cNvGraphicFramePr/>` +
    `<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">` +
    `<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>` +
    `<wps:txbx><w:txbxContent>${numbers}</w:txbxContent></wps:txbx>` +
    `<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>` +
    `</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
    `<mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
    `<v:shape id="PleadingLineNumbers" o:spid="_x0000_s1025" type="#_x0000_t202" style="position:absolute;margin-left:${PLEADING.numbersRight - PLEADING.numbersWidth}pt;margin-top:${PLEADING.top}pt;width:${PLEADING.numbersWidth}pt;height:${GRID.lines * GRID.pitch}pt;z-index:-251658240;mso-position-horizontal-relative:page;mso-position-vertical-relative:page" filled="f" stroked="f">` +
    `<v:textbox inset="0,0,0,0"><w:txbxContent>${numbers}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>` +
    `</w:r></w:p>`
  );
}

export interface TableColumn {
  header: string;
  /** twips */
  width: number;
  align: 'left' | 'right';
}

const PAD = twips(EXHIBIT.cellPadding);
/**
 * Above and below each cell's text, in twips. The PDF gives a row 2 points
 * beyond its lines (exhibit-layout.ts); these margins give the Word file's
 * rows the same height, less the quarter point an office suite adds for the
 * rule between rows. Its pages then hold as many rows as the PDF's (within
 * 1 % in LibreOffice: bench/README.md), so the page numbers a later volume
 * starts at, counted from the PDF layout's pages, come out close.
 */
const ROW_TOP = 20;
const ROW_BOTTOM = 15;
const CELL_MARGIN = `<w:tblCellMar><w:top w:w="${ROW_TOP}" w:type="dxa"/><w:left w:w="${PAD}" w:type="dxa"/><w:bottom w:w="${ROW_BOTTOM}" w:type="dxa"/><w:right w:w="${PAD}" w:type="dxa"/></w:tblCellMar>`;
const BORDERS = `<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="2" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="2" w:space="0" w:color="808080"/></w:tblBorders>`;

/**
 * Paragraph styles the exhibit cells use (defined with the document's styles,
 * where their names are spelt out). The ids are short: they repeat in every cell.
 */
export const CELL_STYLE = 'BMc';
export const CELL_STYLE_RIGHT = 'BMr';
export const HEAD_STYLE = 'BMh';

/**
 * The fixed XML around each cell's text, built once per column. Spacing,
 * size and weight come from paragraph styles, and widths from the table grid,
 * so a row carries little more than its text.
 */
function cellParts(columns: TableColumn[], head: boolean): Array<{ open: string }> {
  return columns.map((c) => ({ open: `<w:tc><w:p><w:pPr><w:pStyle w:val="${head ? HEAD_STYLE : c.align === 'right' ? CELL_STYLE_RIGHT : CELL_STYLE}"/></w:pPr>` }));
}

/** Spaces at either end, or two together, are kept only with xml:space="preserve". */
const needsPreserve = (t: string) => t.charCodeAt(0) === 32 || t.charCodeAt(t.length - 1) === 32 || t.includes('  ') || /[\t\n]/.test(t);

/**
 * UTF-8 written straight into 1 MB buffers, handed out as each fills: a piece
 * built by string concatenation would have to be flattened by V8 before it
 * could be encoded, which costs more than the encoding.
 */
const CHUNK = 1 << 20;

class Utf8Chunks {
  private buf = Buffer.allocUnsafe(CHUNK);
  private at = 0;
  private readonly full: Buffer[] = [];
  write(s: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.at + s.length * 3 > this.buf.length) {
      this.flush();
      if (s.length * 3 > this.buf.length) this.buf = Buffer.allocUnsafe(s.length * 3);
    }
    this.at += this.buf.write(s, this.at, 'utf8');
  }
  flush(): void {
    if (this.at > 0) this.full.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.at = 0;
  }
  take(): Buffer[] {
    return this.full.splice(0);
  }
}

/**
 * A row as one string, written at once: a few hundred characters flatten
 * cheaply, and one write costs less than a write per piece.
 */
function writeRow(out: Utf8Chunks, parts: Array<{ open: string }>, cells: readonly string[], trPr: string): void {
  let s = '<w:tr>' + trPr;
  for (let i = 0; i < parts.length; i++) {
    const t = cells[i] ?? '';
    s += parts[i]!.open;
    if (t) s += (needsPreserve(t) ? '<w:r><w:t xml:space="preserve">' : '<w:r><w:t>') + xmlEscape(t) + '</w:t></w:r>';
    s += '</w:p></w:tc>';
  }
  out.write(s + '</w:tr>');
}

/**
 * Rows per exhibit table. An office suite's layout of one table slows sharply
 * as it grows: LibreOffice took 2.4x the CPU time for 10,000 rows as 2,000-row
 * tables as for 500-row ones, which look the same but for a header row where
 * a table ends mid-page (bench/README.md, "LibreOffice").
 */
export const ROWS_PER_TABLE = 500;

/**
 * Exhibit tables as UTF-8, yielded a megabyte at a time so a 62,000-row
 * exhibit never exists whole. A header row repeats on every page; rows don't
 * split across pages. Long exhibits are several tables of ROWS_PER_TABLE rows
 * (LibreOffice's layout of one table slows sharply as it grows), separated
 * by an empty 1-point paragraph so Word keeps them apart.
 */
export function* exhibitTables(columns: TableColumn[], rows: Iterable<readonly string[]>, rowsPerTable: number): Generator<Buffer> {
  const grid = `<w:tblGrid>${columns.map((c) => `<w:gridCol w:w="${c.width}"/>`).join('')}</w:tblGrid>`;
  const total = columns.reduce((n, c) => n + c.width, 0);
  const out = new Utf8Chunks();
  const head = () => {
    out.write(`<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:tblLayout w:type="fixed"/>${BORDERS}${CELL_MARGIN}</w:tblPr>${grid}`);
    writeRow(out, cellParts(columns, true), columns.map((c) => c.header), '<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>');
  };
  const spacer = `<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>`;
  const body = cellParts(columns, false);
  let n = 0;
  for (const r of rows) {
    if (n % rowsPerTable === 0) {
      if (n > 0) out.write(`</w:tbl>${spacer}`);
      head();
    }
    writeRow(out, body, r, '<w:trPr><w:cantSplit/></w:trPr>');
    n++;
    yield* out.take();
  }
  if (n === 0) head();
  out.write('</w:tbl>');
  out.flush();
  yield* out.take();
}

export const PAGE_TWIPS = { width: twips(PAGE.width), height: twips(PAGE.height) };
