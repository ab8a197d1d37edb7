/**
 * The pleading part's flow: blocks placed on the 28-line grid, page after
 * page. The cursor counts half-lines (12 pt) so single-spaced blocks (the
 * attorney block, quotations) fit, and it always returns to a whole grid
 * line before double-spaced text, so baselines stay on the numbers.
 */
import { endsWithColon, isPartyRole } from '../../model/markup';
import type { Block, Line, Run } from '../../model/types';
import { BLOCKS, FIRST_PAGE, GRID, PLEADING, TEXT_WIDTH, type TwoColumnGeometry } from '../pleading';
import type { Metrics } from './fonts';
import { round } from './points';
import { breakLines, resolveRuns, type TextLine } from './text';
import type { Item } from './types';

const SIZE = GRID.fontSize;
const HALF = GRID.pitch / 2;
const HALVES = GRID.lines * 2;
/** Baseline within a 24-point line, and within a 12-point half line. */
export const BASELINE = GRID.baseline;
const BASELINE_HALF = GRID.halfBaseline;
const INDENT = BLOCKS.indent;

export interface PleadingContext {
  metrics: Metrics;
  pageOf: (ref: string) => string;
}

interface Placed {
  lines: TextLine[];
  /** x of each line */
  xs: number[];
  /** Drawn beside the first line, e.g. a paragraph number. */
  marker?: { line: TextLine; x: number };
}

export class PleadingFlow {
  pages: Item[][] = [];
  /** Outline entries for level-1 and level-2 headings, with their pages. */
  headings: Array<{ level: 1 | 2; title: string; page: number; y: number }> = [];
  private h = HALVES; // forces a new page on first use
  private breakPending = false;

  constructor(private readonly ctx: PleadingContext) {}

  private get page(): Item[] {
    return this.pages[this.pages.length - 1]!;
  }

  private newPage(): void {
    this.pages.push([]);
    this.h = 0;
  }

  private ensurePage(): void {
    if (this.pages.length === 0 || this.breakPending) {
      this.newPage();
      this.breakPending = false;
    }
  }

  private toGrid(): void {
    if (this.h % 2) this.h++;
    if (this.h >= HALVES) this.newPage();
  }

  /** Lines of double-spaced grid still free on this page. */
  private free(): number {
    return Math.floor((HALVES - this.h) / 2);
  }

  private yLine(h: number, spacing: 'double' | 'single'): number {
    return PLEADING.top + h * HALF + (spacing === 'double' ? BASELINE : BASELINE_HALF);
  }

  private text(runs: readonly Run[], first: number, rest: number): TextLine[] {
    return breakLines(resolveRuns(runs, this.ctx.pageOf), this.ctx.metrics, SIZE, first, rest);
  }

  private draw(line: TextLine, x: number, y: number): void {
    for (const s of line.segments) {
      if (s.text.trim() === '') continue;
      this.page.push({ kind: 'text', x: round(x + s.dx), y: round(y), size: SIZE, font: s.font, text: s.text, ...(s.underline ? { underline: true } : {}) });
    }
  }

  /** Place double-spaced lines, splitting across pages: at least two lines on each side of a break. */
  private flow(p: Placed, keepWithNext = 0): void {
    let i = 0;
    const n = p.lines.length;
    while (i < n) {
      this.toGrid();
      const free = this.free();
      const left = n - i;
      let take = Math.min(free, left);
      if (take < left) {
        if (left - take < 2) take = left - 2; // no widow
        if (take < 2 && !(this.h === 0)) take = 0; // no orphan
        if (take < 1 && this.h === 0) take = Math.min(free, left); // a page can't help it
      } else if (keepWithNext && free - take < keepWithNext && this.h !== 0) {
        take = 0;
      }
      if (take === 0) {
        this.newPage();
        continue;
      }
      for (let k = 0; k < take; k++, i++) {
        if (i === 0 && p.marker) this.draw(p.marker.line, p.marker.x, this.yLine(this.h, 'double'));
        this.draw(p.lines[i]!, p.xs[i]!, this.yLine(this.h, 'double'));
        this.h += 2;
      }
      if (i < n) this.newPage();
    }
  }

  /** Keep a whole unit (caption, signature) on one page. */
  private reserve(halves: number): void {
    if (this.h + halves > HALVES && this.h !== 0) this.newPage();
  }

  place(b: Block, next: Block | undefined): void {
    if (b.kind === 'pageBreak') {
      if (this.pages.length) this.breakPending = true;
      return;
    }
    if (b.kind === 'exhibit') return;
    this.ensurePage();
    const after = next ? minLines(next) : 0;
    switch (b.kind) {
      case 'heading': {
        const centred = b.level === 1;
        const x0 = PLEADING.left + (b.level === 3 ? INDENT : 0);
        const lines = this.text(b.runs.map((r) => ({ ...r, bold: true })), TEXT_WIDTH - (x0 - PLEADING.left), TEXT_WIDTH - (x0 - PLEADING.left));
        this.toGrid();
        if (this.h !== 0 && this.free() < lines.length + after) this.newPage();
        const title = lines.map((l) => l.segments.map((s) => s.text).join('')).join(' ');
        if (b.level <= 2) this.headings.push({ level: b.level as 1 | 2, title, page: this.pages.length - 1, y: PLEADING.top + this.h * HALF });
        this.flow({ lines, xs: lines.map((l) => (centred ? PLEADING.left + (TEXT_WIDTH - l.width) / 2 : x0)) });
        return;
      }
      case 'paragraph': {
        const first = b.indent ? INDENT : 0;
        const lines = this.text(b.runs, TEXT_WIDTH - first, TEXT_WIDTH);
        const lead = endsWithColon(b.runs);
        this.flow({ lines, xs: lines.map((_, i) => PLEADING.left + (i === 0 ? first : 0)) }, lead ? lines.length + after : 0);
        return;
      }
      case 'numbered': {
        const lines = this.text(b.runs, TEXT_WIDTH - 2 * INDENT, TEXT_WIDTH - 2 * INDENT);
        const marker = { line: this.text([{ text: b.number }], INDENT, INDENT)[0]!, x: PLEADING.left + INDENT };
        this.flow({ lines, xs: lines.map(() => PLEADING.left + 2 * INDENT), marker });
        return;
      }
      case 'quote': {
        const lines = this.text(b.runs, TEXT_WIDTH - 2 * INDENT, TEXT_WIDTH - 2 * INDENT);
        this.toGrid();
        for (const l of lines) {
          if (this.h >= HALVES) this.newPage();
          this.draw(l, PLEADING.left + INDENT, this.yLine(this.h, 'single'));
          this.h += 1;
        }
        this.h += BLOCKS.quote.halfLinesAfter;
        return;
      }
      case 'lines': {
        const lines = b.lines.map((l) => this.text(l, TEXT_WIDTH, TEXT_WIDTH)).flat();
        this.flow({ lines, xs: lines.map((l) => xAligned(l, b.align)) });
        return;
      }
      case 'court': {
        const lines = b.lines.map((l) => this.text(l, TEXT_WIDTH, TEXT_WIDTH)).flat();
        this.flow({ lines, xs: lines.map((l) => xAligned(l, 'center')) }, lines.length + after);
        return;
      }
      case 'attorney': {
        // Rule 2.111: from line 1, left of centre, single-spaced; the clerk's space stays clear through line 7.
        // The first baseline on line 1's, then every 12 points: every other line on the grid.
        const width = TEXT_WIDTH * BLOCKS.attorney.column;
        const lines = b.lines.flatMap((l) => this.text(l, width, width));
        for (const l of lines) {
          if (this.h >= HALVES) this.newPage();
          this.draw(l, PLEADING.left, this.yLine(this.h, 'double'));
          this.h += 1;
        }
        this.h = Math.max(this.h, FIRST_PAGE.attorneyLines * 2);
        return;
      }
      case 'caption':
      case 'signature':
        this.twoColumns(BLOCKS[b.kind], b.left, b.right);
        return;
    }
  }

  /** A caption or signature: two columns, on one page, with empty grid lines around it (BLOCKS). */
  private twoColumns(g: TwoColumnGeometry, left: Line[], right: Line[]): void {
    const leftW = TEXT_WIDTH * g.leftColumn;
    const rightW = TEXT_WIDTH - leftW - g.gap;
    const leftText = leftW - BLOCKS.cellPadding;
    const l = left.flatMap((line) => (line.length === 0 ? [{ segments: [], width: 0, x: 0 }] : this.text(line, leftText, leftText).map((t) => ({ ...t, x: isPartyRole(line) ? g.roleIndent : 0 }))));
    const r = right.flatMap((line) => (line.length === 0 ? [{ segments: [], width: 0 }] : this.text(line, rightW, rightW)));
    const rows = Math.max(l.length, r.length, 1);
    this.toGrid();
    this.h += 2 * g.linesBefore;
    this.toGrid();
    this.reserve((rows + g.linesAfter) * 2);
    const top = PLEADING.top + this.h * HALF;
    for (let i = 0; i < rows; i++) {
      const y = this.yLine(this.h, 'double');
      if (l[i]) this.draw(l[i]!, PLEADING.left + l[i]!.x, y);
      if (r[i]) this.draw(r[i]!, PLEADING.left + leftW + g.gap, y);
      this.h += 2;
    }
    if (g.ruleWidth) {
      // The left column closed on its right and below, as a caption is ruled.
      const bottom = PLEADING.top + this.h * HALF;
      const x = PLEADING.left + leftW;
      this.page.push({ kind: 'rule', x1: round(x), y1: round(top), x2: round(x), y2: round(bottom), width: g.ruleWidth });
      this.page.push({ kind: 'rule', x1: PLEADING.left, y1: round(bottom), x2: round(x), y2: round(bottom), width: g.ruleWidth });
    }
    this.h += 2 * g.linesAfter;
    if (this.h >= HALVES) this.newPage();
  }
}

function xAligned(l: TextLine, align: string): number {
  if (align === 'center') return PLEADING.left + (TEXT_WIDTH - l.width) / 2;
  if (align === 'right') return PLEADING.left + TEXT_WIDTH - l.width;
  return PLEADING.left;
}

/** The lines a block needs right after a heading or lead-in so they aren't stranded. */
function minLines(b: Block): number {
  switch (b.kind) {
    case 'paragraph':
    case 'numbered':
    case 'heading':
      return 2;
    case 'lines':
    case 'court':
      return Math.min(2, b.lines.length);
    case 'caption':
    case 'signature':
      return Math.max(b.left.length, b.right.length) + BLOCKS[b.kind].linesBefore;
    default:
      return 1;
  }
}
