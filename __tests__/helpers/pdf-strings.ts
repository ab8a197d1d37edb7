/**
 * Every piece of text a PDF holds, without poppler: each stream inflated, and
 * the text shown in its content streams decoded through every ToUnicode map
 * in the file (a glyph code means different characters in different fonts, so
 * each string is decoded once per map: the true reading is among them), plus
 * the hex and literal strings of the metadata and bookmarks.
 */
import { inflateSync } from 'node:zlib';

function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    try {
      out.push(inflateSync(raw).toString('latin1'));
    } catch {
      out.push(raw.toString('latin1'));
    }
    re.lastIndex = end + 'endstream'.length;
  }
  return out;
}

const hexToString = (hex: string, width: number) => {
  const codes: number[] = [];
  for (let i = 0; i + width <= hex.length; i += width) codes.push(parseInt(hex.slice(i, i + width), 16));
  return codes;
};

function toUnicodeMaps(all: string[]): Array<Map<number, string>> {
  const maps: Array<Map<number, string>> = [];
  for (const s of all) {
    if (!s.includes('begincmap')) continue;
    const map = new Map<number, string>();
    const u = (h: string) => String.fromCodePoint(...hexToString(h, 4));
    for (const block of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) for (const p of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(p[1]!, 16), u(p[2]!));
    for (const block of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const p of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const lo = parseInt(p[1]!, 16);
        const hi = parseInt(p[2]!, 16);
        const base = hexToString(p[3]!, 4);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCodePoint(...base.slice(0, -1), base.at(-1)! + (c - lo)));
      }
    }
    maps.push(map);
  }
  return maps;
}

/** Every readable string: decoded text of the content streams (one reading per font map), metadata and outline strings. */
export function pdfStrings(pdf: Buffer): string[] {
  const all = streams(pdf);
  const maps = toUnicodeMaps(all);
  const out: string[] = [];
  for (const s of [...all, pdf.toString('latin1')]) {
    for (const h of s.matchAll(/<([0-9A-Fa-f]{4,})>/g)) {
      const hex = h[1]!;
      for (const map of maps) out.push(hexToString(hex, 4).map((c) => map.get(c) ?? '').join(''));
      // UTF-16BE text strings (Title, bookmarks): FEFF then code units.
      if (/^FEFF/i.test(hex)) out.push(String.fromCharCode(...hexToString(hex.slice(4), 4)));
    }
    for (const l of s.matchAll(/\(((?:[^()\\]|\\.)*)\)/g)) out.push(l[1]!);
  }
  out.push(...all);
  return out;
}

/** The decoded content text only, one string per shown text, for reading words back. */
export function pdfText(pdf: Buffer): string {
  return pdfStrings(pdf).join('\n');
}
