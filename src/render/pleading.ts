/**
 * California pleading paper, in points (1/72 inch). One geometry for both
 * renderers, so the DOCX and the PDF put every line in the same place.
 * Rules of Court 2.103-2.111; see shared/reference/pleading-paper.md.
 */
export const PAGE = { width: 612, height: 792 } as const;

/** 28 numbered lines at a 24-point pitch (double-spaced 12-point). */
export const GRID = { lines: 28, pitch: 24, fontSize: 12 } as const;

export const PLEADING = {
  /** Top of line 1. 28 x 24 = 672 points of body below it. */
  top: 72,
  /** Bottom margin: 792 - 72 - 672. The page number and footer title live here. */
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
  /** Footer: the page number's baseline, the printed rule, the title (10 pt, rule 2.110). */
  pageNumberBaseline: PAGE.height - 34,
  footerRuleY: PAGE.height - 28,
  footerTitleBaseline: PAGE.height - 17,
  footerTitleSize: 10,
} as const;

/** Exhibit pages: exempt from the pleading format (rule 2.110), numbered at the bottom. */
export const EXHIBIT = {
  top: 54,
  bottom: 54,
  left: 54,
  right: 54,
  fontSize: 9,
  rowHeight: 13,
  pageNumberBaseline: PAGE.height - 30,
} as const;

/** Attorney block lines 1-7; court title from line 8 (rule 2.111). */
export const FIRST_PAGE = { attorneyLines: 7, courtTitleLine: 8 } as const;

export const twips = (pt: number) => Math.round(pt * 20);
