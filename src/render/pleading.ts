/**
 * California pleading paper, in points (1/72 inch). One geometry for both
 * renderers, so the DOCX and the PDF put every line in the same place: the PDF
 * layout positions lines by these numbers, and the DOCX writes the same
 * numbers as margins, indents, table widths and empty grid lines. To move
 * something on the page in both formats, change it here.
 * Rules of Court 2.103-2.111; see shared/reference/pleading-paper.md.
 */
export const PAGE = { width: 612, height: 792 } as const;

/**
 * 27 numbered lines at a 24-point pitch (double-spaced 12-point), from 1 inch
 * (rule 2.111: line 1 at 1 inch, line 8 at 3 1/3 inches). Not the customary
 * 28: with 28 the bottom margin is 2/3 inch, too little for the page number,
 * the rule and the footer title above half an inch from the edge. A text
 * line's baseline sits `baseline` points below the top of its grid line; a
 * single-spaced (12-point) line's, `halfBaseline` below the top of its half.
 */
export const GRID = { lines: 27, pitch: 24, fontSize: 12, baseline: 17, halfBaseline: 9.5 } as const;

export const PLEADING = {
  /** Top of line 1. 27 x 24 = 648 points of body below it. */
  top: 72,
  /** Bottom margin: 792 - 72 - 648 = 72. The page number and footer title live here. */
  bottom: PAGE.height - 72 - GRID.lines * GRID.pitch,
  /** Text starts 1.5 inch from the left edge (rule 2.107: at least 1 inch). */
  left: 108,
  /** At least 0.5 inch (rule 2.107). */
  right: 54,
  /** The line numbers' right edge, a little left of the double rule. */
  numbersRight: 96,
  numbersWidth: 30,
  /** The double vertical rule between the numbers and the text. */
  ruleX: 101,
  /** A single rule at the right margin. */
  rightRuleX: PAGE.width - 54 + 4,
  /** The vertical rules' weight. */
  ruleWidth: 0.5,
  /**
   * Footer: the page number's baseline, the printed rule, the title (10 pt,
   * rule 2.110), all at least half an inch above the bottom edge
   * (`footerDistance`: the DOCX's footer distance, the bottom of the title line).
   */
  pageNumberBaseline: PAGE.height - 57,
  footerRuleY: PAGE.height - 51,
  footerRuleWidth: 0.75,
  footerTitleBaseline: PAGE.height - 40,
  footerTitleSize: 10,
  footerDistance: 36,
} as const;

/** The width of the body text on a pleading page. */
export const TEXT_WIDTH = PAGE.width - PLEADING.left - PLEADING.right;

/** Exhibit pages: exempt from the pleading format (rule 2.110), numbered at the bottom. */
export const EXHIBIT = {
  top: 54,
  bottom: 54,
  left: 54,
  right: 54,
  /** The default type size (config exhibit.font_size: 9-12); a table line is 4 points more. */
  fontSize: 9,
  lineGap: 4,
  /** Space between a cell's text and its column's left and right edges. */
  cellPadding: 3,
  pageNumberBaseline: PAGE.height - 30,
  pageNumberSize: 10,
  /** The cover: "EXHIBIT A", its description, the volume's lines. */
  cover: { titleSize: 28, descriptionSize: 14, lineSize: 12 },
} as const;

/** The width of an exhibit table, margin to margin. */
export const TABLE_WIDTH = PAGE.width - EXHIBIT.left - EXHIBIT.right;

/** An exhibit table's type size and line height: 9 pt on 13 by default. */
export function exhibitType(fontSize: number | undefined): { size: number; line: number } {
  const size = fontSize ?? EXHIBIT.fontSize;
  return { size, line: size + EXHIBIT.lineGap };
}

/** Attorney block lines 1-7; court title from line 8 (rule 2.111). */
export const FIRST_PAGE = { attorneyLines: 7, courtTitleLine: 8 } as const;

/**
 * A block set as two columns (the caption, the signature): the empty grid
 * lines before and after it, the left column's share of the text width, the
 * gap before the right column, the indent of a party's role ("Plaintiff,")
 * under its name, and the weight of the rules closing the left column
 * (0: none).
 */
export interface TwoColumnGeometry {
  linesBefore: number;
  linesAfter: number;
  leftColumn: number;
  gap: number;
  roleIndent: number;
  ruleWidth: number;
}

/** How each kind of block sits on the grid. Spacing in grid lines (or half lines), widths in points. */
export const BLOCKS = {
  /**
   * One indent step: a paragraph's first line, a level-3 heading, both sides
   * of a quotation, and a numbered paragraph's number (its text hangs at two).
   */
  indent: 36,
  /** A quotation is single-spaced, with this much space after it. */
  quote: { halfLinesAfter: 1 },
  /**
   * Rule 2.111: the attorney block from line 1, single-spaced (its first
   * baseline on line 1's, every other line on the grid), left of the clerk's
   * space: 55% of the text width (to 4.9 inches from the left edge), so a name
   * with its SBN, or an e-mail of some 34 characters after "Email:", holds one line.
   */
  attorney: { column: 0.55 },
  caption: { linesBefore: 1, linesAfter: 1, leftColumn: 0.55, gap: 12, roleIndent: 144, ruleWidth: 0.75 } satisfies TwoColumnGeometry,
  signature: { linesBefore: 1, linesAfter: 0, leftColumn: 0.42, gap: 0, roleIndent: 0, ruleWidth: 0 } satisfies TwoColumnGeometry,
  /**
   * Kept clear at the right of a two-column block's left column, so its text
   * does not touch the rule. The right column runs to the margin in both.
   */
  cellPadding: 6,
} as const;

export const twips = (pt: number) => Math.round(pt * 20);

/** A WordprocessingML border weight (w:sz): eighths of a point. */
export const eighths = (pt: number) => Math.round(pt * 8);

/**
 * The stamp on every page of a draft (generate --draft), in the top margin of
 * pleading and exhibit pages alike, bold and centred: no one can take a draft
 * for a filing. `baseline` is measured from the top of the page.
 */
export const DRAFT_STAMP = { text: 'DRAFT - NOT FOR FILING', size: 14, baseline: 34 } as const;
