/**
 * The screening's flags as a bit mask over FLAGS (src/domain.ts): a row holds
 * one small number, a case the union of its counts'.
 */
import { FLAGS, POLICY_FLAGS, type Flag, type PolicyFlag } from '../domain';
import type { FlagMask } from './types';

export const flagBit = (f: Flag): FlagMask => 1 << FLAGS.indexOf(f);

export function flagList(mask: FlagMask): Flag[] {
  const out: Flag[] = [];
  for (let i = 0; i < FLAGS.length; i++) if (mask & (1 << i)) out.push(FLAGS[i]!);
  return out;
}

export const hasFlag = (mask: FlagMask, f: Flag): boolean => (mask & flagBit(f)) !== 0;

/** What a gogen cell says when it says nothing: blank, a dash, false, no. */
const NOTHING = /^(|-+|n|no|false|0|null|none)$/i;

/** True when a gogen flag cell marks the row: "Y", "Yes", "Deceased", a code section. */
export const marks = (value: string): boolean => !NOTHING.test(value.trim());

/** The canonical `flags` cell: names separated by semicolons. `bad` counts names that are not flags. */
export function parseFlagNames(cell: string): { mask: FlagMask; bad: number } {
  let mask = 0;
  let bad = 0;
  for (const part of cell.split(';')) {
    const name = part.trim().toLowerCase();
    if (name === '') continue;
    if ((POLICY_FLAGS as readonly string[]).includes(name)) mask |= flagBit(name as PolicyFlag);
    else bad++;
  }
  return { mask, bad };
}

export function emptyFlagCounts(): Record<Flag, { review: number; excluded: number }> {
  return Object.fromEntries(FLAGS.map((f) => [f, { review: 0, excluded: 0 }])) as Record<Flag, { review: number; excluded: number }>;
}
