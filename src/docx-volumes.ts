/**
 * The Word files' volumes. An office suite lays out a long table slowly (a
 * 40,000-row exhibit took LibreOffice minutes to open), so the DOCX splits an
 * exhibit into volumes of at most `exhibit.docx_volume_max_rows` rows, apart
 * from the PDF's volumes (which follow the portal's page and size limits).
 * Each volume is cut where a table page starts, and its page numbers go on
 * from the volume before: the first page number of each is counted from the
 * pages the PDF layout gives the volumes before it. An office suite may break
 * pages a little differently, so in the Word files these numbers are an
 * estimate (docs/config.md).
 */
import type { DocumentModel, Exhibit } from './model/types';
import { rowCappedRanges, splitVolumes, volumeExhibits, type VolumeDocument } from './model/volumes';
import type { RenderContext } from './render/pdf';
import { layoutDocument } from './render/pdf/layout';

export interface DocxVolume extends VolumeDocument {
  /** The number its first page carries (1 for the main document). */
  firstPageNumber: number;
}

/**
 * Each model's Word documents (the main one, then one per further volume),
 * with their first page numbers. `models` share their exhibits (the motion's
 * and the order's), as in renderFiling; the tables are measured through `ctx`.
 */
export function planDocxVolumes(models: readonly DocumentModel[], ctx: RenderContext, maxRows: number): DocxVolume[][] {
  const volumes = new Map<string, Exhibit[]>();
  const registered: Exhibit[] = [];
  for (const p of models[0]?.parts ?? []) {
    if (p.kind !== 'exhibit') continue;
    // An exhibit that fits one Word file is not cut: its table need not be measured here.
    if (p.exhibit.cases.length <= maxRows) {
      volumes.set(p.exhibit.letter, [p.exhibit]);
      continue;
    }
    const t = ctx.tables.table(p.exhibit);
    const ranges = rowCappedRanges(t.firstRows, p.exhibit.cases.length, maxRows);
    const vols = volumeExhibits(p.exhibit, ranges);
    volumes.set(p.exhibit.letter, vols);
    if (vols.length < 2) continue;
    // Each volume's table is the whole table's pages from its first row on: counted, not measured again.
    ranges.forEach((r, i) => {
      const from = t.firstRows.indexOf(r.from);
      const to = i + 1 < ranges.length ? t.firstRows.indexOf(r.to) : t.firstRows.length;
      if (from < 0 || to < 0) throw new Error('bug: a Word volume does not start on a table page');
      ctx.tables.volume(t, vols[i]!, from, to);
      registered.push(vols[i]!);
    });
  }
  try {
    return models.map((m) => {
      const docs = splitVolumes(m, volumes);
      let next = 1;
      return docs.map((d, i) => {
        const firstPageNumber = next;
        if (i + 1 < docs.length) next += layoutDocument(d.model, ctx, { firstPageNumber }).pages.length;
        return { ...d, firstPageNumber };
      });
    });
  } finally {
    for (const ex of registered) ctx.tables.forget(ex.cases);
  }
}
