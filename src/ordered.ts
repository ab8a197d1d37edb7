/**
 * Steps that finish in the order they were queued, with at most `depth`
 * waiting, so what is held stays bounded. Work started alongside them is
 * tracked, so a failure can wait for everything in flight to settle: nothing
 * may still be writing when the caller throws its output away.
 */
export class InOrder {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;
  private readonly inFlight: Array<Promise<unknown>> = [];

  constructor(private readonly depth: number) {}

  /** Whether another step may be queued now, without waiting. */
  hasRoom(): boolean {
    return this.waiting < this.depth;
  }

  /** Resolves once another step may be queued. */
  async room(): Promise<void> {
    if (this.waiting >= this.depth) await this.tail;
  }

  /** Queue a step to run after every earlier one. A failure surfaces from done(). */
  then(step: () => Promise<void> | void): void {
    this.waiting++;
    this.tail = this.tail.then(step).finally(() => this.waiting--);
    this.tail.catch(() => undefined);
  }

  /** Track work whose result is awaited later: not an unhandled rejection meanwhile, and settle() waits for it. */
  track<T>(p: Promise<T>): Promise<T> {
    p.catch(() => undefined);
    this.inFlight.push(p);
    return p;
  }

  /** Every queued step done (or the first failure). */
  done(): Promise<void> {
    return this.tail;
  }

  /** Every step and every tracked piece of work settled, whether or not it failed. */
  async settle(): Promise<void> {
    await Promise.allSettled([this.tail, ...this.inFlight]);
  }
}
