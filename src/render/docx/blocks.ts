/**
 * Model blocks to docx paragraphs and tables on the pleading grid: every
 * line is exactly 24 points, so text sits on the header's line numbers.
 */
import {
  AlignmentType,
  BorderStyle,
  Bookmark,
  HeightRule,
  LineRuleType,
  PageReference,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { endsWithColon, isPartyRole } from '../../model/markup';
import type { Align, Block, Line, Run } from '../../model/types';
import { BLOCKS, EXHIBIT, eighths, FIRST_PAGE, GRID, TEXT_WIDTH, twips, type TwoColumnGeometry } from '../pleading';

const TEXT_TWIPS = twips(TEXT_WIDTH);
const LINE = twips(GRID.pitch);
const HALF = twips(GRID.pitch / 2);
const INDENT = twips(BLOCKS.indent);
/**
 * Space above the attorney block's first line, so its baseline sits on line
 * 1's: the difference between a grid line's baseline and a half line's, and
 * the 2.1 points higher an office suite sets 12-point type in an exactly
 * 12-point line than in a 24-point one (measured in LibreOffice: the tool test
 * checks it).
 */
const FIRST_BASELINE = twips(GRID.baseline - GRID.halfBaseline + 2.1);
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

/** Bookmark names Word accepts: a letter first, then letters, digits, underscores. */
export const exhibitBookmark = (letter: string) => `Exhibit_${letter}`;

export function runs(rs: readonly Run[], size?: number): ParagraphChild[] {
  return rs.map((r) => {
    const style = { bold: r.bold, italics: r.italic, underline: r.underline ? {} : undefined, size };
    if ('pageRef' in r) return new PageReference(exhibitBookmark(r.pageRef), { hyperlink: false });
    return new TextRun({ text: r.text, ...style });
  });
}

interface ParaOptions {
  align?: Align;
  firstLine?: number;
  left?: number;
  right?: number;
  hanging?: number;
  line?: number;
  before?: number;
  keepNext?: boolean;
  outline?: number;
  pageBreakBefore?: boolean;
}

export function para(children: ParagraphChild[], o: ParaOptions = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: ALIGN[o.align ?? 'left'],
    spacing: { before: o.before ?? 0, after: 0, line: o.line ?? LINE, lineRule: LineRuleType.EXACT },
    indent: { firstLine: o.firstLine, left: o.left, right: o.right, hanging: o.hanging },
    keepNext: o.keepNext,
    keepLines: o.keepNext,
    outlineLevel: o.outline,
    pageBreakBefore: o.pageBreakBefore,
  });
}

const empty = (line = LINE) => para([], { line });

/** Empty grid lines, the space around a block. */
const emptyLines = (n: number) => Array.from({ length: n }, () => empty());

function cellParas(lines: Line[], role: (l: Line) => number): Paragraph[] {
  if (lines.length === 0) return [empty()];
  return lines.map((l) => para(runs(l), { left: role(l) }));
}

/** A caption or signature: a one-row table, its left column closed by rules when the block is ruled. */
function twoColumns(left: Line[], right: Line[], g: TwoColumnGeometry): Table {
  const leftW = Math.round(TEXT_TWIPS * g.leftColumn);
  const rightW = TEXT_TWIPS - leftW;
  const rule = { style: BorderStyle.SINGLE, size: eighths(g.ruleWidth), color: '000000' } as const;
  const leftBorders = g.ruleWidth ? { top: NONE, left: NONE, bottom: rule, right: rule } : { top: NONE, left: NONE, bottom: NONE, right: NONE };
  const cellMargins = { top: 0, bottom: 0, left: 0, right: twips(BLOCKS.cellPadding) };
  // The right column runs to the margin, as in the PDF: no padding at its right.
  return new Table({
    width: { size: TEXT_TWIPS, type: WidthType.DXA },
    columnWidths: [leftW, rightW],
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: leftW, type: WidthType.DXA }, borders: leftBorders, margins: cellMargins, children: cellParas(left, (l) => (isPartyRole(l) ? twips(g.roleIndent) : 0)) }),
          new TableCell({ width: { size: rightW, type: WidthType.DXA }, borders: { top: NONE, left: NONE, bottom: NONE, right: NONE }, margins: { ...cellMargins, left: twips(g.gap), right: 0 }, children: cellParas(right, () => 0) }),
        ],
      }),
    ],
  });
}

/**
 * The first page (rule 2.111): the attorney block from line 1, left of the
 * centre of the page, single-spaced as pleadings set it; the clerk's space to
 * the right of centre stays blank through line 7; the court title follows on
 * line 8. A table row at least seven grid lines high holds the block, so lines
 * that wrap don't move the court title (up to fourteen single-spaced lines).
 */
function attorney(lines: Line[]): Table {
  const leftW = Math.round(TEXT_TWIPS * BLOCKS.attorney.column);
  const spacing = HALF;
  const noBorders = { top: NONE, left: NONE, bottom: NONE, right: NONE };
  const margins = { top: 0, bottom: 0, left: 0, right: 0 };
  return new Table({
    width: { size: TEXT_TWIPS, type: WidthType.DXA },
    columnWidths: [leftW, TEXT_TWIPS - leftW],
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows: [
      new TableRow({
        cantSplit: true,
        height: { value: FIRST_PAGE.attorneyLines * LINE, rule: HeightRule.ATLEAST },
        children: [
          new TableCell({
            width: { size: leftW, type: WidthType.DXA },
            borders: noBorders,
            margins,
            // The first baseline on line 1's: a 12-point line sets its baseline halfBaseline down, a grid line baseline.
            children: lines.length ? lines.map((l, i) => para(runs(l), { line: spacing, before: i === 0 ? FIRST_BASELINE : 0 })) : [empty()],
          }),
          new TableCell({ width: { size: TEXT_TWIPS - leftW, type: WidthType.DXA }, borders: noBorders, margins, children: [empty()] }),
        ],
      }),
    ],
  });
}

export interface BlockContext {
  pageBreakPending: boolean;
}

export function renderBlock(b: Block, ctx: BlockContext): Array<Paragraph | Table> {
  const pb = ctx.pageBreakPending;
  const brk = (o: ParaOptions): ParaOptions => (pb ? { ...o, pageBreakBefore: true } : o);
  ctx.pageBreakPending = false;
  switch (b.kind) {
    case 'pageBreak':
      ctx.pageBreakPending = true;
      return [];
    case 'heading':
    {
      const heavy = runs(b.runs.map((r) => ({ ...r, bold: true })));
      if (b.level === 1) return [para(heavy, brk({ align: 'center', keepNext: true, outline: 0 }))];
      return [para(heavy, brk({ left: b.level === 3 ? INDENT : 0, keepNext: true, outline: b.level - 1 }))];
    }
    case 'paragraph':
      // A lead-in ("THE COURT FINDS:") stays with what it introduces.
      return [para(runs(b.runs), brk({ align: b.align, firstLine: b.indent ? INDENT : undefined, keepNext: endsWithColon(b.runs) }))];
    case 'numbered':
      return [para([new TextRun({ text: `${b.number}\t` }), ...runs(b.runs)], brk({ left: 2 * INDENT, hanging: INDENT }))];
    case 'quote':
    {
      const after = BLOCKS.quote.halfLinesAfter;
      return [para(runs(b.runs), brk({ left: INDENT, right: INDENT, line: HALF })), ...(after ? [empty(after * HALF)] : [])];
    }
    case 'lines':
      return b.lines.map((l, i) => para(runs(l), i === 0 ? brk({ align: b.align }) : { align: b.align }));
    case 'attorney':
      return [attorney(b.lines)];
    case 'court':
      return b.lines.map((l) => para(runs(l), { align: 'center', keepNext: true }));
    case 'caption':
    case 'signature':
    {
      const g = BLOCKS[b.kind];
      return [...emptyLines(g.linesBefore), twoColumns(b.left, b.right, g), ...emptyLines(g.linesAfter)];
    }
    case 'exhibit':
      return [];
  }
}

export function exhibitCover(letter: string, title: string, description: string, lines: string[] = []): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: twips(250), after: twips(24) },
      outlineLevel: 0,
      children: [new Bookmark({ id: exhibitBookmark(letter), children: [new TextRun({ text: title, bold: true, size: EXHIBIT.cover.titleSize * 2 })] })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: twips(12) }, children: [new TextRun({ text: description, size: EXHIBIT.cover.descriptionSize * 2 })] }),
    ...lines.map((l) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, children: [new TextRun({ text: l, size: EXHIBIT.cover.lineSize * 2 })] })),
  ];
}
