/**
 * Exhibit volumes. A county exhibit can run to a thousand pages and more than
 * a portal accepts in one file, so it is split at page boundaries into
 * volumes: the first stays in the main document; each other volume is a
 * document of its own with a cover ("EXHIBIT A, Volume 2 of 3, rows ...").
 */
import type { DocumentModel, Exhibit } from './types';

export interface VolumeRange {
  /** Index of the first case and one past the last. */
  from: number;
  to: number;
}

/**
 * Group table pages into volumes of at most `maxPages` pages.
 * `pageFirstRows[i]` is the index of the first case on table page i.
 */
export function volumeRanges(pageFirstRows: readonly number[], total: number, maxPages: number): VolumeRange[] {
  const ranges: VolumeRange[] = [];
  for (let p = 0; p < pageFirstRows.length; p += maxPages) {
    const from = pageFirstRows[p]!;
    const to = p + maxPages < pageFirstRows.length ? pageFirstRows[p + maxPages]! : total;
    ranges.push({ from, to });
  }
  return ranges.length ? ranges : [{ from: 0, to: total }];
}

/**
 * The Word files' volumes: the fewest volumes of at most `maxRows` rows, of
 * about equal size, cut where a table page starts (`pageFirstRows`, as in
 * volumeRanges), so each volume's pages can be counted. A page longer than
 * `maxRows` rows (never at the sizes allowed) would be a volume of its own.
 */
export function rowCappedRanges(pageFirstRows: readonly number[], total: number, maxRows: number): VolumeRange[] {
  if (total <= maxRows) return [{ from: 0, to: total }];
  const starts = pageFirstRows.length ? pageFirstRows : [0];
  for (let v = Math.ceil(total / maxRows); v <= starts.length; v++) {
    const cuts = [0];
    for (let k = 1; k < v; k++) {
      // The last page that starts at or before this volume's share.
      const target = (k * total) / v;
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! <= target) lo = mid + 1;
        else hi = mid;
      }
      const cut = starts[lo - 1]!;
      if (cut <= cuts[cuts.length - 1]!) break;
      cuts.push(cut);
    }
    if (cuts.length !== v) continue;
    cuts.push(total);
    const ranges = cuts.slice(1).map((to, i) => ({ from: cuts[i]!, to }));
    if (ranges.every((r) => r.to - r.from <= maxRows)) return ranges;
  }
  return starts.map((from, i) => ({ from, to: starts[i + 1] ?? total }));
}

/** Slice an exhibit's cases once per filing, so the motion and the order share the same arrays. */
export function volumeExhibits(ex: Exhibit, ranges: readonly VolumeRange[]): Exhibit[] {
  if (ranges.length <= 1) return [ex];
  return ranges.map((r, i) => ({ ...ex, cases: ex.cases.slice(r.from, r.to), firstRow: r.from, volume: { n: i + 1, of: ranges.length } }));
}

export interface VolumeDocument {
  model: DocumentModel;
  /** File name stem: "motion", or "motion-exhibit-a-vol-2". */
  stem: string;
  volume?: number;
}

/**
 * The main document carries volume 1 of each exhibit; each further volume is
 * its own document holding only that exhibit volume.
 */
export function splitVolumes(model: DocumentModel, volumesByLetter: ReadonlyMap<string, Exhibit[]>): VolumeDocument[] {
  const main: DocumentModel = {
    ...model,
    parts: model.parts.map((p) => (p.kind === 'exhibit' && volumesByLetter.has(p.exhibit.letter) ? { kind: 'exhibit', exhibit: volumesByLetter.get(p.exhibit.letter)![0]! } : p)),
  };
  const out: VolumeDocument[] = [{ model: main, stem: model.kind }];
  for (const [letter, vols] of volumesByLetter) {
    for (const ex of vols.slice(1)) {
      const n = ex.volume!.n;
      out.push({
        stem: `${model.kind}-exhibit-${letter.toLowerCase()}-vol-${n}`,
        volume: n,
        model: { ...model, title: `${model.title}: Exhibit ${letter}, Volume ${n} of ${ex.volume!.of}`, parts: [{ kind: 'exhibit', exhibit: ex }] },
      });
    }
  }
  return out;
}
