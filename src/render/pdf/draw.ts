/**
 * Drawing: positioned lines to PDF bytes, the thin step. Each page's content
 * stream is written directly (one font resource per face per page, not one
 * per string), text is encoded glyph by glyph from the run's font subsets
 * (its render context), and a table page the motion and the order share is drawn
 * once. Dates and the file ID come from the
 * as-of date and the content, so the same input gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { PAGE } from '../pleading';
import { extraCodePoints } from './charset';
import { drawItems, FONT_NAME, type DrawFonts, type Stream } from './content';
import type { RenderContext } from './context';
import { writeFont, type FaceSubset } from './font-set';
import type { FontKey } from './fonts';
import { round } from './points';
import { tableKey } from './table-streams';
import type { LaidDocument, OutlineEntry, Table } from './types';
import { PdfFile, textString } from './writer';

export interface DrawOptions {
  asOf: string;
  producer: string;
  /** Told the exhibit rows of each table page as it is added (for progress). */
  onRows?: (rows: number) => void;
}

/** Per face, the characters outside the base set, over the whole document. */
function extrasByFace(doc: LaidDocument): Map<FontKey, Set<number>> {
  const out = new Map<FontKey, Set<number>>();
  const add = (font: FontKey, chars: (into: Set<number>) => void) => {
    let set = out.get(font);
    if (!set) out.set(font, (set = new Set()));
    chars(set);
  };
  const tables = new Set<Table>();
  for (const p of doc.pages) {
    for (const it of p.items) if (it.kind === 'text') add(it.font, (set) => extraCodePoints(it.text, set));
    if (p.table) tables.add(p.table.table);
  }
  for (const t of tables) {
    add('bold', (set) => t.extra.bold.forEach((c) => set.add(c)));
    add('regular', (set) => t.extra.regular.forEach((c) => set.add(c)));
  }
  return out;
}

export async function drawPdf(doc: LaidDocument, ctx: RenderContext, opts: DrawOptions): Promise<Uint8Array> {
  const file = new PdfFile();
  const catalog = file.alloc();
  const pages = file.alloc();
  const subsets = new Map<FontKey, FaceSubset>();
  const fontNums = new Map<FontKey, number>();
  for (const [face, extra] of extrasByFace(doc)) {
    const subset = await ctx.subsets.face(face, extra);
    subsets.set(face, subset);
    fontNums.set(face, writeFont(subset, file));
  }
  const draw: DrawFonts = {
    codes: (face) => subsets.get(face)!.codes,
    width: (face, text, size) => subsets.get(face)!.width(text, size),
  };
  // A table's streams are reused by the next document only if its faces were encoded the same way.
  const key = tableKey(subsets.get('regular'), subsets.get('bold'));
  // One resource dictionary per set of faces a page uses (most pages share one or two).
  const resources = new Map<string, number>();
  const resourcesFor = (faces: FontKey[]) => {
    const fonts = [...new Set(faces)].sort((a, b) => (FONT_NAME[a] < FONT_NAME[b] ? -1 : 1));
    const id = fonts.join(',');
    let num = resources.get(id);
    if (num === undefined) {
      resources.set(id, (num = file.alloc()));
      file.object(num, `<</Font <<${fonts.map((f) => `/${FONT_NAME[f]} ${fontNums.get(f)!} 0 R`).join('')}>>>>`);
    }
    return num;
  };
  const pageNums = doc.pages.map(() => file.alloc());
  doc.pages.forEach((laid, p) => {
    const streams: Stream[] = [];
    if (laid.table) {
      const { table: t, page: p } = laid.table;
      streams.push(ctx.tables.stream(t, p, draw, key));
      opts.onRows?.((t.firstRows[p + 1] ?? t.ex.cases.length) - t.firstRows[p]!);
    }
    streams.push(drawItems(laid.items, draw, ctx.ops));
    const contents = streams.map((s) => {
      const num = file.alloc();
      file.stream(num, s.deflated ? '/Filter /FlateDecode' : '', s.bytes);
      return `${num} 0 R`;
    });
    const faces = streams.flatMap((s) => s.faces);
    file.object(pageNums[p]!, `<</Type /Page/Parent ${pages} 0 R/MediaBox [0 0 ${PAGE.width} ${PAGE.height}]/Resources ${resourcesFor(faces)} 0 R/Contents [${contents.join(' ')}]>>`);
  });
  file.object(pages, `<</Type /Pages/Kids [${pageNums.map((n) => `${n} 0 R`).join(' ')}]/Count ${pageNums.length}>>`);
  const outlines = writeOutline(file, doc.outline, pageNums);
  file.object(catalog, `<</Type /Catalog/Pages ${pages} 0 R${outlines ? `/Outlines ${outlines} 0 R` : ''}/PageMode /UseOutlines/ViewerPreferences <</DisplayDocTitle true>>>>`);
  const date = `(D:${opts.asOf.replace(/-/g, '')}000000Z)`;
  const info = file.alloc();
  file.object(info, `<</Title ${textString(doc.title)}/Author ${textString(doc.author)}/Subject ${textString(doc.subject)}/Creator ${textString('bulk-motions')}/Producer ${textString(opts.producer)}/CreationDate ${date}/ModDate ${date}>>`);
  const id = createHash('sha256').update(`${doc.title}\u0000${doc.subject}\u0000${opts.asOf}\u0000${doc.pages.length}`).digest('hex').slice(0, 32).toUpperCase();
  return file.finish(catalog, info, id);
}

/** Bookmarks (rule 3.1110(f)): the document parts and every exhibit, with PageMode /UseOutlines. */
function writeOutline(file: PdfFile, entries: OutlineEntry[], pageNums: number[]): number | undefined {
  if (entries.length === 0) return undefined;
  const root = file.alloc();
  const write = (list: OutlineEntry[], parent: number): { first: number; last: number; count: number } => {
    const nums = list.map(() => file.alloc());
    let count = 0;
    list.forEach((e, i) => {
      let dict = `<</Title ${textString(e.title)}/Parent ${parent} 0 R/Dest [${pageNums[e.page]!} 0 R /XYZ null ${round(PAGE.height - e.y)} null]`;
      if (i > 0) dict += `/Prev ${nums[i - 1]!} 0 R`;
      if (i < list.length - 1) dict += `/Next ${nums[i + 1]!} 0 R`;
      if (e.children.length) {
        const sub = write(e.children, nums[i]!);
        dict += `/First ${sub.first} 0 R/Last ${sub.last} 0 R/Count ${sub.count}`;
        count += sub.count;
      }
      file.object(nums[i]!, `${dict}>>`);
      count++;
    });
    return { first: nums[0]!, last: nums[nums.length - 1]!, count };
  };
  const top = write(entries, root);
  file.object(root, `<</Type /Outlines/First ${top.first} 0 R/Last ${top.last} 0 R/Count ${top.count}>>`);
  return root;
}
