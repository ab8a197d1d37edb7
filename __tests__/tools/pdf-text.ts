/** Read `pdftotext -bbox` output: pages of positioned words. */
import { execFileSync } from 'node:child_process';

export interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

export function bboxPages(pdf: string): Word[][] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return html
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        y1: Number(m[4]),
        text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'),
      })),
    );
}

/** The line numbers in the left margin (right edge left of `textLeft`), by number. */
export function lineNumbers(words: Word[], textLeft: number): Map<number, Word> {
  const m = new Map<number, Word>();
  for (const w of words) if (w.x1 < textLeft - 2 && /^\d+$/.test(w.text) && !m.has(Number(w.text))) m.set(Number(w.text), w);
  return m;
}

export function plainText(pdf: string): string {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 30 });
}
