/**
 * Greedy line breaking of styled runs with real font metrics. A line is a
 * list of segments, each one font, placed at an x offset from the line start.
 */
import type { Run } from '../../model/types';
import { fontKey, type FontKey, type Metrics } from './fonts';

export interface Segment {
  text: string;
  font: FontKey;
  underline: boolean;
  dx: number;
  width: number;
}

export interface TextLine {
  segments: Segment[];
  width: number;
}

interface Token {
  text: string;
  font: FontKey;
  underline: boolean;
  space: boolean;
}

/** Page references are resolved before breaking, so runs here are text. */
export function resolveRuns(runs: readonly Run[], pageOf: (ref: string) => string): Array<{ text: string; font: FontKey; underline: boolean }> {
  return runs.map((r) => ({ text: 'text' in r ? r.text : pageOf(r.pageRef), font: fontKey(r.bold, r.italic), underline: Boolean(r.underline) }));
}

function tokens(runs: Array<{ text: string; font: FontKey; underline: boolean }>): Token[] {
  const out: Token[] = [];
  for (const r of runs) {
    for (const part of r.text.split(/( +)/)) {
      if (part === '') continue;
      out.push({ text: part, font: r.font, underline: r.underline, space: part.startsWith(' ') });
    }
  }
  return out;
}

/**
 * Break into lines no wider than `firstWidth` (first line) and `width` (the
 * rest). A word wider than a whole line is cut between characters.
 */
export function breakLines(runs: Array<{ text: string; font: FontKey; underline: boolean }>, m: Metrics, size: number, firstWidth: number, width: number): TextLine[] {
  const lines: TextLine[] = [];
  let current: Token[] = [];
  let currentWidth = 0;
  const limit = () => (lines.length === 0 ? firstWidth : width);
  const flush = () => {
    while (current.length && current[current.length - 1]!.space) current.pop();
    lines.push(toLine(current, m, size));
    current = [];
    currentWidth = 0;
  };
  // A word may span several tokens of different styles ("*id.*,"): measure it whole.
  const toks = tokens(runs);
  let i = 0;
  while (i < toks.length) {
    if (toks[i]!.space) {
      if (current.length) {
        current.push(toks[i]!);
        currentWidth += m.width(toks[i]!.text, toks[i]!.font, size);
      }
      i++;
      continue;
    }
    let j = i;
    let w = 0;
    while (j < toks.length && !toks[j]!.space) w += m.width(toks[j]!.text, toks[j]!.font, size), j++;
    if (currentWidth + w <= limit() + 0.01) {
      for (let k = i; k < j; k++) current.push(toks[k]!);
      currentWidth += w;
      i = j;
      continue;
    }
    if (current.length) {
      flush();
      continue;
    }
    // A single word wider than the line: cut it.
    const t = toks[i]!;
    let cut = '';
    for (const ch of t.text) {
      if (m.width(cut + ch, t.font, size) > limit() && cut !== '') break;
      cut += ch;
    }
    current.push({ ...t, text: cut });
    toks[i] = { ...t, text: t.text.slice(cut.length) };
    if (toks[i]!.text === '') i++;
    flush();
  }
  if (current.length || lines.length === 0) flush();
  return lines;
}

function toLine(toks: Token[], m: Metrics, size: number): TextLine {
  const segments: Segment[] = [];
  let x = 0;
  for (const t of toks) {
    const w = m.width(t.text, t.font, size);
    const prev = segments[segments.length - 1];
    if (prev && prev.font === t.font && prev.underline === t.underline) {
      prev.text += t.text;
      prev.width += w;
    } else segments.push({ text: t.text, font: t.font, underline: t.underline, dx: x, width: w });
    x += w;
  }
  return { segments, width: x };
}
