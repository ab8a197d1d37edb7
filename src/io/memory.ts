/**
 * Memory for statewide lists. V8 lets its heap grow to about twice what is
 * live before it collects, which on a statewide list is more than the run
 * needs (figures in bench/README.md). For large inputs the heap is made to grow by at most 30 %
 * (`--heap-growing-percent`, read by V8 whenever it sets its next limit), and
 * the garbage of one stage is collected before the next begins, so the next
 * limit is set from what is really live. Smaller lists grow the heap by at
 * most 70 %: with V8's own choice (up to 4x for a young heap) a Los Angeles
 * run peaked at 295 MB or 400-415 MB depending on when the collector ran;
 * at 70 % it peaks at 280-295 MB and is no slower (bench/README.md).
 */
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Inputs above this size (about 150,000 cases) get the bounded heap. */
const LARGE_INPUT_BYTES = 64 * 1024 * 1024;

export interface MemoryPolicy {
  /** Collect garbage now (between stages); a no-op for small inputs. */
  collect(): void;
}

export function memoryPolicy(inputBytes: number): MemoryPolicy {
  if (inputBytes < LARGE_INPUT_BYTES) {
    v8.setFlagsFromString('--heap-growing-percent=70');
    return { collect: () => undefined };
  }
  v8.setFlagsFromString('--heap-growing-percent=30');
  // gc() is exposed only to contexts created after the flag is set.
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return { collect: () => gc?.() };
}
