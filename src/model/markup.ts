/**
 * The template markup (a Markdown subset, docs/templates.md) to blocks.
 * Parsed with markdown-it; structured blocks are fenced (```caption ...).
 */
import MarkdownIt from 'markdown-it';
import container from 'markdown-it-container';
import ins from 'markdown-it-ins';
import { parse as parseYaml } from 'yaml';
import type { Align, Block, Line, Run } from './types';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });
md.use(ins);
for (const name of ['center', 'left', 'right']) md.use(container, name);

export interface ParsedMarkup {
  meta: Record<string, string>;
  blocks: Block[];
}

export class MarkupError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const FENCES = new Set(['attorney', 'court', 'caption', 'signature', 'exhibit']);
const PAGE_REF = /\[\[page:([A-Za-z0-9-]+)\]\]/g;

/** Split front matter (--- yaml ---) from the body. */
function frontMatter(text: string): { meta: Record<string, string>; body: string; offset: number } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!m) return { meta: {}, body: text, offset: 0 };
  let raw: unknown;
  try {
    raw = parseYaml(m[1]!);
  } catch (e) {
    throw new MarkupError(`the front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`, 2);
  }
  // No prototype: a key like `constructor` is looked up as the template wrote it, or not at all.
  const meta: Record<string, string> = Object.create(null) as Record<string, string>;
  if (raw && typeof raw === 'object') for (const [k, v] of Object.entries(raw)) meta[k] = String(v ?? '').trim();
  return { meta, body: text.slice(m[0].length), offset: m[0].split('\n').length - 1 };
}

/** Inline tokens to runs; softbreaks become spaces unless `lines` asks for line splits. */
function inlineRuns(children: Token[] | null): Run[][] {
  const lines: Run[][] = [[]];
  let bold = false;
  let italic = false;
  let underline = false;
  const push = (text: string) => {
    let last = 0;
    for (const m of text.matchAll(PAGE_REF)) {
      if (m.index! > last) lines[lines.length - 1]!.push(style({ text: text.slice(last, m.index) }));
      lines[lines.length - 1]!.push(style({ pageRef: m[1]! }));
      last = m.index! + m[0].length;
    }
    if (last < text.length) lines[lines.length - 1]!.push(style({ text: text.slice(last) }));
  };
  const style = <R extends Run>(r: R): R => {
    if (bold) r.bold = true;
    if (italic) r.italic = true;
    if (underline) r.underline = true;
    return r;
  };
  for (const t of children ?? []) {
    switch (t.type) {
      case 'text':
      case 'code_inline':
        push(t.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        lines.push([]);
        break;
      case 'strong_open':
        bold = true;
        break;
      case 'strong_close':
        bold = false;
        break;
      case 'em_open':
        italic = true;
        break;
      case 'em_close':
        italic = false;
        break;
      case 'ins_open':
        underline = true;
        break;
      case 'ins_close':
        underline = false;
        break;
      default:
        if (t.content) push(t.content);
    }
  }
  return lines.map(merge);
}

/** Join adjacent text runs of the same style. */
function merge(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    if (prev && 'text' in prev && 'text' in r && !!prev.bold === !!r.bold && !!prev.italic === !!r.italic && !!prev.underline === !!r.underline) prev.text += r.text;
    else out.push({ ...r });
  }
  return out;
}

/** Lines of a paragraph joined with spaces. */
function joined(lines: Run[][]): Run[] {
  const out: Run[] = [];
  lines.forEach((l, i) => {
    if (i > 0) out.push({ text: ' ' });
    out.push(...l);
  });
  return merge(out);
}

function fenceLines(content: string): Line[] {
  return content
    .replace(/\r?\n$/, '')
    .split(/\r?\n/)
    .map((l) => (l.trim() === '' ? [] : joined(inlineRuns(md.parseInline(l.trim(), {})[0]?.children ?? null))));
}

function split(lines: Line[], what: string, line: number): { left: Line[]; right: Line[] } {
  const i = lines.findIndex((l) => l.length === 1 && 'text' in l[0]! && /^-{3,}$/.test(l[0].text.trim()));
  if (i < 0) throw new MarkupError(`the ${what} block needs a line "---" between its left and right sides`, line);
  return { left: trimBlank(lines.slice(0, i)), right: trimBlank(lines.slice(i + 1)) };
}

function trimBlank(lines: Line[]): Line[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]!.length === 0) a++;
  while (b > a && lines[b - 1]!.length === 0) b--;
  return lines.slice(a, b);
}

export function parseMarkup(text: string): ParsedMarkup {
  const { meta, body, offset } = frontMatter(text);
  const tokens = md.parse(body, {});
  const blocks: Block[] = [];
  let align: Align | undefined;
  let quote = 0;
  let list: { n: number } | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const line = (t.map?.[0] ?? 0) + 1 + offset;
    switch (t.type) {
      case 'container_center_open':
        align = 'center';
        break;
      case 'container_left_open':
        align = 'left';
        break;
      case 'container_right_open':
        align = 'right';
        break;
      case 'container_center_close':
      case 'container_left_close':
      case 'container_right_close':
        align = undefined;
        break;
      case 'blockquote_open':
        quote++;
        break;
      case 'blockquote_close':
        quote--;
        break;
      case 'ordered_list_open':
        list = { n: Number(t.attrGet('start') ?? 1) };
        break;
      case 'ordered_list_close':
        list = undefined;
        break;
      case 'heading_open': {
        const inline = tokens[++i]!;
        const level = Math.min(3, Number(t.tag.slice(1))) as 1 | 2 | 3;
        blocks.push({ kind: 'heading', level, runs: joined(inlineRuns(inline.children)) });
        break;
      }
      case 'paragraph_open': {
        const inline = tokens[++i]!;
        const lines = inlineRuns(inline.children);
        if (list && tokens[i - 2]?.type === 'list_item_open') {
          blocks.push({ kind: 'numbered', number: `${list.n++}.`, runs: joined(lines) });
        } else if (quote > 0) blocks.push({ kind: 'quote', runs: joined(lines) });
        else if (align === 'center' || align === 'right') blocks.push({ kind: 'lines', lines, align });
        else blocks.push({ kind: 'paragraph', runs: joined(lines), align: 'left', indent: align !== 'left' });
        break;
      }
      case 'hr':
        blocks.push({ kind: 'pageBreak' });
        break;
      case 'fence': {
        const info = t.info.trim().toLowerCase();
        if (!FENCES.has(info)) throw new MarkupError(`unknown block "${t.info.trim()}"; use one of: ${[...FENCES].join(', ')}`, line);
        const lines = fenceLines(t.content);
        if (info === 'attorney') blocks.push({ kind: 'attorney', lines: trimBlank(lines) });
        else if (info === 'court') blocks.push({ kind: 'court', lines: trimBlank(lines) });
        else if (info === 'caption') blocks.push({ kind: 'caption', ...split(lines, 'caption', line) });
        else if (info === 'signature') blocks.push({ kind: 'signature', ...split(lines, 'signature', line) });
        else {
          const letter = t.content.trim();
          if (!/^[A-Z]{1,2}$/.test(letter)) throw new MarkupError(`an exhibit block holds one capital letter, not "${letter}"`, line);
          blocks.push({ kind: 'exhibit', letter });
        }
        break;
      }
      case 'code_block':
        throw new MarkupError('an indented block (4 spaces) is not part of the markup; remove the indentation', line);
      case 'html_block':
        throw new MarkupError('HTML is not part of the markup', line);
      default:
        break;
    }
  }
  return { meta, blocks };
}

/** Caption lines such as "Plaintiff," sit indented under the party's name. */
export function isPartyRole(line: Line): boolean {
  const text = line.map((r) => ('text' in r ? r.text : '')).join('').trim();
  return /^(Plaintiffs?|Defendants?|Respondents?|Petitioners?)[,.]?$/i.test(text);
}

/** A lead-in ("THE COURT FINDS:") stays on the page with what it introduces, in both renderers. */
export function endsWithColon(runs: readonly Run[]): boolean {
  const last = runs[runs.length - 1];
  return last !== undefined && 'text' in last && last.text.trimEnd().endsWith(':');
}
