/**
 * Distinct people among the filed cases, without a set of a million keys: the
 * cases are sorted by their person keys (53-bit integer hashes,
 * src/ingest/identity.ts personKey) with a stable radix sort on typed arrays,
 * so each person's cases lie together, in case order; every table then counts
 * its people in one pass over that order, a stamp per group saying which
 * person it saw last. A case without a person key (no CII number, name and
 * date of birth, or SUBJECT_ID) counts as a person of its own.
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

  /** `keys[i]`: case i's person key (an integer below 2^53), NaN when it has none. */
  constructor(keys: Float64Array) {
    const n = keys.length;
    // The identified cases first, in case order; the others after them.
    let m = 0;
    for (let i = 0; i < n; i++) if (!Number.isNaN(keys[i]!)) m++;
    let order = new Uint32Array(n);
    const lo = new Uint32Array(n);
    const hi = new Uint32Array(n);
    for (let i = 0, a = 0, b = m; i < n; i++) {
      const k = keys[i]!;
      if (Number.isNaN(k)) order[b++] = i;
      else {
        order[a++] = i;
        lo[i] = k % 4294967296;
        hi[i] = Math.floor(k / 4294967296);
      }
    }
    // Least significant digit first, 11 bits at a time: five stable passes over the 53 bits.
    let spare = new Uint32Array(n);
    const digits: Array<[Uint32Array, number]> = [[lo, 0], [lo, 11], [lo, 22], [hi, 0], [hi, 11]];
    const count = new Uint32Array(2048);
    for (const [word, shift] of digits) {
      count.fill(0);
      for (let j = 0; j < m; j++) count[(word[order[j]!]! >>> shift) & 2047]!++;
      for (let d = 0, at = 0; d < 2048; d++) {
        const c = count[d]!;
        count[d] = at;
        at += c;
      }
      for (let j = 0; j < m; j++) {
        const i = order[j]!;
        spare[count[(word[i]! >>> shift) & 2047]!++] = i;
      }
      spare.set(order.subarray(m), m);
      [order, spare] = [spare, order];
    }
    const starts = new Uint32Array(n + 1);
    let p = 0;
    for (let j = 0; j < m; j++) {
      const i = order[j]!;
      const prev = j > 0 ? order[j - 1]! : 0;
      if (j === 0 || lo[i] !== lo[prev] || hi[i] !== hi[prev]) starts[p++] = j;
    }
    for (let j = m; j < n; j++) starts[p++] = j;
    starts[p] = n;
    this.count = p;
    this.unidentified = n - m;
    this.order = order;
    this.starts = starts.subarray(0, p + 1);
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
