/**
 * A tiny seeded pseudo-random number generator (mulberry32).
 *
 * The sample generator must give the same file for the same seed on every
 * machine, so it never touches Math.random or the clock. mulberry32 is a
 * 32-bit generator: fast, small, and good enough for synthetic test data
 * (it is not for anything that needs real randomness).
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    // Mix the seed once so that nearby seeds (1, 2, 3...) do not start
    // from nearby states. Any finite number is accepted; it is folded to 32 bits.
    const s = Number.isFinite(seed) ? Math.trunc(seed) : 0;
    let h = (s ^ 0x9e3779b9) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    this.state = (h ^ (h >>> 16)) >>> 0;
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, n). n must be a positive integer. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max], both ends included. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Prng.pick: empty array');
    return items[this.int(items.length)] as T;
  }

  /** Index into a table of cumulative weights (see cumulative()). */
  weightedIndex(cumulativeWeights: readonly number[]): number {
    const total = cumulativeWeights[cumulativeWeights.length - 1] ?? 0;
    const r = this.next() * total;
    // Tables are short (tens of entries): a linear scan is fastest.
    for (let i = 0; i < cumulativeWeights.length; i++) {
      if (r < (cumulativeWeights[i] as number)) return i;
    }
    return cumulativeWeights.length - 1;
  }
}

/** Turn weights [2, 1, 1] into the cumulative table [2, 3, 4] used by weightedIndex. */
export function cumulative(weights: readonly number[]): number[] {
  const out: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w;
    out.push(sum);
  }
  return out;
}
