/**
 * One source for where blocks sit: BLOCKS in src/render/pleading.ts. Both
 * renderers read it, so moving the caption there (one line lower, a narrower
 * left column) moves it in the PDF layout and in the DOCX alike.
 */
import { loadFonts } from '../src/io/fonts';
import type { DocumentModel } from '../src/model/types';
import type { TextItem } from '../src/render/pdf/types';
import type * as Pleading from '../src/render/pleading';
import { docxPart } from './helpers/documents';

type Renderers = {
  pleading: typeof import('../src/render/pleading');
  layout: typeof import('../src/render/pdf/layout');
  context: typeof import('../src/render/pdf/context');
  docx: typeof import('../src/render/docx');
};

/** The renderers, loaded afresh with the shared block geometry changed by `edit`. */
function renderersWith(edit: (blocks: typeof Pleading.BLOCKS) => typeof Pleading.BLOCKS): Renderers {
  let out: Renderers | undefined;
  jest.isolateModules(() => {
    jest.doMock('../src/render/pleading', () => {
      const actual = jest.requireActual<typeof Pleading>('../src/render/pleading');
      return { ...actual, BLOCKS: edit(actual.BLOCKS) };
    });
    out = { pleading: require('../src/render/pleading'), layout: require('../src/render/pdf/layout'), context: require('../src/render/pdf/context'), docx: require('../src/render/docx') };
  });
  jest.dontMock('../src/render/pleading');
  return out!;
}

const text = (t: string) => [{ text: t }];
const model: DocumentModel = {
  kind: 'motion',
  title: 'T',
  footer: 'F',
  author: 'A',
  subject: 'S',
  parts: [
    {
      kind: 'pleading',
      blocks: [
        { kind: 'court', lines: [text('SUPERIOR COURT OF CALIFORNIA')] },
        { kind: 'caption', left: [text('THE PEOPLE,'), text('Plaintiff,')], right: [text('Case No.: Various')] },
        { kind: 'paragraph', runs: text('Body.'), align: 'left', indent: true },
      ],
    },
  ],
};

/** Where each renderer puts the caption: PDF baseline and right-column x; DOCX blank lines before it and its left column. */
async function caption(r: Renderers): Promise<{ pdfY: number; pdfRightX: number; docxBlanksBefore: number; docxLeftColumn: number }> {
  const doc = r.layout.layoutDocument(model, r.context.createRenderContext(loadFonts()));
  const at = (t: string) => doc.pages[0]!.items.find((i): i is TextItem => i.kind === 'text' && i.text.startsWith(t))!;
  const xml = await docxPart(await r.docx.renderDocx(model, { asOf: '2026-11-26', metrics: loadFonts().metrics }), 'word/document.xml');
  const body = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((m) => m[0]);
  const court = body.findIndex((e) => e.includes('SUPERIOR COURT'));
  const table = body.findIndex((e) => e.startsWith('<w:tbl>'));
  return {
    pdfY: at('THE').y,
    pdfRightX: at('Case').x,
    docxBlanksBefore: body.slice(court + 1, table).filter((e) => !e.includes('<w:t')).length,
    docxLeftColumn: Number(/<w:gridCol w:w="(\d+)"/.exec(body[table]!)![1]),
  };
}

test('the caption moves in both renderers when its shared geometry changes', async () => {
  const as = renderersWith((b) => b);
  const moved = renderersWith((b) => ({ ...b, caption: { ...b.caption, linesBefore: 2, leftColumn: 0.5 } }) as typeof b);
  const { BLOCKS, GRID, TEXT_WIDTH, twips } = as.pleading;
  const before = await caption(as);
  const after = await caption(moved);
  expect(before.docxBlanksBefore).toBe(BLOCKS.caption.linesBefore);
  // One line lower: a grid line further down the PDF page, one more empty grid line in the DOCX.
  expect(after.pdfY - before.pdfY).toBe(GRID.pitch);
  expect(after.docxBlanksBefore - before.docxBlanksBefore).toBe(1);
  // A narrower left column: the right column starts further left in the PDF, and the DOCX grid says so.
  expect(before.pdfRightX - after.pdfRightX).toBeCloseTo(TEXT_WIDTH * (BLOCKS.caption.leftColumn - 0.5), 2);
  expect(before.docxLeftColumn).toBe(Math.round(twips(TEXT_WIDTH) * BLOCKS.caption.leftColumn));
  expect(after.docxLeftColumn).toBe(Math.round(twips(TEXT_WIDTH) * 0.5));
});
