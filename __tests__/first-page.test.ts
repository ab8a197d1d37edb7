/**
 * The first page as the PDF layout sets it (issue 12, part 6): the attorney
 * block on the grid from line 1, "(SBN n)" with the name, the footer half an
 * inch or more above the bottom edge, the caption's right column as wide as
 * the DOCX's.
 */
import type { TextItem } from '../src/render/pdf/types';
import { BLOCKS, GRID, PAGE, PLEADING, TEXT_WIDTH } from '../src/render/pleading';
import { laidDocument } from './helpers/documents';
import { loadFonts } from '../src/io/fonts';

const m = loadFonts().metrics;

const texts = (items: readonly unknown[]) => items.filter((i): i is TextItem => (i as TextItem).kind === 'text');

describe.each(['motion', 'order'] as const)('%s', (kind) => {
  let page1: TextItem[];
  let pages: TextItem[][];
  beforeAll(async () => {
    const { doc } = await laidDocument('da-felony-dismiss-and-seal-beyond-statute', kind);
    pages = doc.pages.filter((p) => p.kind === 'pleading').map((p) => texts(p.items));
    page1 = pages[0]!;
  });

  test('the attorney block: first baseline on line 1, every other line on the grid', () => {
    const number = (n: number) => page1.find((i) => i.text === String(n) && i.x < PLEADING.left)!;
    const block = page1.filter((i) => i.x === PLEADING.left && i.y < number(GRID.lines > 7 ? 8 : 1).y - 1);
    expect(block[0]!.text).toMatch(/^JORDAN/);
    expect(block[0]!.y).toBe(number(1).y);
    block.forEach((l, k) => expect(l.y).toBe(number(1).y + k * (GRID.pitch / 2)));
    expect(block[2]!.y).toBe(number(2).y);
  });

  test('"(SBN n)" stays with the name', () => {
    for (const l of page1.filter((i) => i.text.includes('SBN'))) expect(l.text).toMatch(/^[A-Z][A-Z. ]+\u00a0\(SBN\u00a0\d+\)$/);
  });

  test('the attorney column holds a long e-mail on one line', () => {
    const email = page1.find((i) => i.text.startsWith('Email:'))!;
    expect(email.text).toMatch(/^Email: \S+@\S+$/);
    // A 34-character address with its label fits the column (45 characters of 12-point type, about); a longer one breaks after "Email:".
    const room = TEXT_WIDTH * BLOCKS.attorney.column;
    expect(m.width('Email: bulk-relief@da.countyofexample.gov', 'regular', GRID.fontSize)).toBeLessThanOrEqual(room);
    expect(m.width('JORDAN Q. PLACEHOLDER (SBN 300001)', 'regular', GRID.fontSize)).toBeLessThan(room - 10);
  });

  test('the footer: page number, then the title, all half an inch or more above the bottom edge', () => {
    const gridBottom = PLEADING.top + GRID.lines * GRID.pitch;
    for (const p of pages) {
      const footer = p.filter((i) => i.y > gridBottom);
      expect(footer).toHaveLength(2);
      const [pageNo, title] = footer.sort((a, b) => a.y - b.y);
      expect(pageNo!.text).toMatch(/^\d+$/);
      expect(title!.size).toBe(PLEADING.footerTitleSize);
      // Below the baseline a descender takes about a fifth of the size.
      for (const i of footer) expect(i.y + 0.22 * i.size).toBeLessThanOrEqual(PAGE.height - 36);
      // The page number clears the last grid line.
      expect(pageNo!.y - 0.7 * pageNo!.size).toBeGreaterThanOrEqual(gridBottom);
    }
  });
});
