/**
 * Distinct people among the filed cases, without a set of a million keys: the
 * cases' person keys (53-bit hashes, src/ingest/identity.ts personKey) are
 * sorted once in a typed array and numbered, the cases are grouped by person
 * with a counting sort, and every table then counts its people in one pass
 * over that grouping, a stamp per group saying which person it saw last.
 * A case without a person key (no CII number, name and date of birth, or
 * SUBJECT_ID) counts as a person of its own.
 */
export class PeopleIndex {
  /** Distinct people, the unidentified cases included (one each). */
  readonly count: number;
  /** Cases without a person key. */
  readonly unidentified: number;
  /** Case indices grouped by person; within a person, in case order. */
  private readonly order: Uint32Array;
  /** Person p's cases are order[starts[p]] .. order[starts[p + 1] - 1]. */
  private readonly starts: Uint32Array;

  /** `keys[i]`: case i's person key, NaN when it has none. */
  constructor(keys: Float64Array) {
    const n = keys.length;
    const known = keys.filter((k) => !Number.isNaN(k)).sort();
    let u = 0;
    for (let i = 0; i < known.length; i++) if (i === 0 || known[i] !== known[u - 1]) known[u++] = known[i]!;
    const distinct = known.subarray(0, u);
    const ids = new Uint32Array(n);
    let next = u;
    for (let i = 0; i < n; i++) ids[i] = Number.isNaN(keys[i]!) ? next++ : search(distinct, keys[i]!);
    this.count = next;
    this.unidentified = next - u;
    const starts = new Uint32Array(next + 1);
    for (let i = 0; i < n; i++) starts[ids[i]! + 1]!++;
    for (let p = 0; p < next; p++) starts[p + 1]! += starts[p]!;
    const fill = starts.slice(0, next);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[fill[ids[i]!]!++] = i;
    this.order = order;
    this.starts = starts;
  }

  /** People per group: `group[i]` is case i's group, or -1 for none. */
  perGroup(group: Int32Array, groups: number): number[] {
    const out = new Array<number>(groups).fill(0);
    const seen = new Int32Array(groups).fill(-1);
    for (let p = 0; p < this.count; p++) {
      for (let j = this.starts[p]!; j < this.starts[p + 1]!; j++) {
        const g = group[this.order[j]!]!;
        if (g >= 0 && seen[g] !== p) {
          seen[g] = p;
          out[g]!++;
        }
      }
    }
    return out;
  }

  /** People per bit, for cases carrying several at once (the screening's flags): `masks[i]` is case i's bits. */
  perBit(masks: Uint8Array, bits: number): number[] {
    const out = new Array<number>(bits).fill(0);
    for (let p = 0; p < this.count; p++) {
      let any = 0;
      for (let j = this.starts[p]!; j < this.starts[p + 1]!; j++) any |= masks[this.order[j]!]!;
      for (let b = 0; b < bits; b++) if (any & (1 << b)) out[b]!++;
    }
    return out;
  }

  /**
   * People per group, one group per person: `of(i)` is case i's group (or -1); a person's group is the first
   * of its cases' groups (`first`, in case order) or the smallest (`min`: age bands, youngest first).
   */
  perPerson(groups: number, of: (i: number) => number, mode: 'first' | 'min'): number[] {
    const out = new Array<number>(groups).fill(0);
    for (let p = 0; p < this.count; p++) {
      let g = -1;
      for (let j = this.starts[p]!; j < this.starts[p + 1]!; j++) {
        const v = of(this.order[j]!);
        if (v < 0) continue;
        if (g < 0 || (mode === 'min' && v < g)) g = v;
        if (mode === 'first') break;
      }
      if (g >= 0) out[g]!++;
    }
    return out;
  }
}

function search(sorted: Float64Array, k: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
