/**
 * Distinct people, counted in the one pass over the cases that counts them,
 * without sorting the cases or a set of a million keys (docs/summary.md, Cost).
 * Each person key (a 53-bit integer hash, src/ingest/identity.ts personKey)
 * gets a dense number from an open-addressing table of numbers. Each person has
 * a row: their key, then one bit per group a table counts (an agency, a court,
 * a decade, a screening flag, a reason code), set by any of their cases. A case
 * costs a slot of the table and its person's row. People per group are then
 * the rows with that bit, read in one sequential pass at the end. A case
 * without a person key (no CII number, name and date of birth, or SUBJECT_ID)
 * counts as a person of its own.
 */
export class PeopleTally {
  /** Distinct people so far, the cases without a person key included (one each). */
  count = 0;
  /** Cases without a person key. */
  unidentified = 0;
  /** 32-bit words per person: their key's two words, then their bits. */
  private readonly stride: number;
  /** Person p's row: rows[p * stride + 0, 1] its key (low and high 32 bits), then its bits. */
  private readonly rows: Int32Array;
  /** The table: person + 1 in each used slot, 0 in an empty one; the key is read from the person's row. */
  private readonly slots: Int32Array;
  private readonly shift: number;
  private readonly slotMask: number;

  /**
   * Room for `capacity` cases (so at most that many people), each person with `bits` bits. The table is at
   * most 70 % full (about 2.5 probes a new key). At 1,000,000 cases of 70 bits: 8 MB of table and 20 MB of rows.
   */
  constructor(
    readonly capacity: number,
    readonly bits: number,
  ) {
    let log = 4;
    while ((1 << log) * 0.7 < capacity) log++;
    this.slots = new Int32Array(1 << log);
    this.shift = 32 - log;
    this.slotMask = (1 << log) - 1;
    this.stride = 2 + ((bits + 31) >>> 5);
    this.rows = new Int32Array(capacity * this.stride);
  }

  /** The slot a key's search starts at: multiplicative hashing of its two words, the product's top bits. */
  private slotOf(lo: number, hi: number): number {
    return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  /**
   * Reads the table where `key` will be looked for, and answers what it read (0 or a person). A pass reads
   * ahead with it: a run of such reads, each independent of the others, waits for memory once, not once each.
   */
  touch(key: number | undefined): number {
    return key === undefined || Number.isNaN(key) ? 0 : this.slots[this.slotOf(key | 0, (key / 4294967296) | 0)]!;
  }

  /** The number of the person a case is about: its key's (an integer below 2^53), or a new person when it has none. */
  person(key: number | undefined): number {
    if (this.count >= this.capacity) throw new Error(`more cases than the ${this.capacity} the summary's tally has room for`);
    if (key === undefined || Number.isNaN(key)) {
      this.unidentified++;
      return this.count++;
    }
    const lo = key | 0;
    const hi = (key / 4294967296) | 0;
    let s = this.slotOf(lo, hi);
    for (;;) {
      const id = this.slots[s]!;
      if (id === 0) {
        const p = this.count++;
        this.slots[s] = p + 1;
        this.rows[p * this.stride] = lo;
        this.rows[p * this.stride + 1] = hi;
        return p;
      }
      const at = (id - 1) * this.stride;
      if (this.rows[at] === lo && this.rows[at + 1] === hi) return id - 1;
      s = (s + 1) & this.slotMask;
    }
  }

  /** Person p is counted in group `bit`. */
  mark(p: number, bit: number): void {
    this.rows[p * this.stride + 2 + (bit >>> 5)]! |= 1 << (bit & 31);
  }

  /** People per bit: how many people have it set. */
  perBit(): number[] {
    const out = new Array<number>(this.bits).fill(0);
    for (let p = 0; p < this.count; p++) {
      for (let w = 2; w < this.stride; w++) {
        let m = this.rows[p * this.stride + w]!;
        while (m !== 0) {
          const low = m & -m;
          out[((w - 2) << 5) + 31 - Math.clz32(low)]!++;
          m ^= low;
        }
      }
    }
    return out;
  }
}
