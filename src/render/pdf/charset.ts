/**
 * The base character set every run-wide font subset holds (font-set.ts):
 * Latin, Latin Extended-A, Vietnamese and common punctuation. Text outside it
 * gets a subset with its extra characters added.
 */
const BASE_RANGES: Array<[number, number]> = [
  [0x20, 0x7e], // ASCII
  [0xa0, 0x17f], // Latin-1 Supplement, Latin Extended-A
  [0x1ea0, 0x1ef9], // Vietnamese
  [0x2010, 0x2027], // dashes, quotes, bullet, ellipsis
  [0x2030, 0x203a],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
];

export const BASE: ReadonlySet<number> = new Set(BASE_RANGES.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i)));

/** True when the text uses only the base set (the common case). */
function inBase(text: string): boolean {
  // A quick test first: printable ASCII is the overwhelming majority.
  if (!/[^\x20-\x7e]/.test(text)) return true;
  for (const ch of text) if (!BASE.has(ch.codePointAt(0)!)) return false;
  return true;
}

/** Add the code points of `text` outside the base set to `into`. */
export function extraCodePoints(text: string, into: Set<number>): void {
  if (inBase(text)) return;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!BASE.has(cp)) into.add(cp);
  }
}
