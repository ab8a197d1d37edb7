/**
 * Values the config still holds for a person to fill in: any TODO (in a value,
 * or in the comment `init` puts beside a value it guessed), and a court whose
 * display name is still a raw Department of Justice string (such as
 * "CASCSACRAMENTO"). Documents must never carry them: `generate` refuses to
 * write while any is left, unless asked for a draft. Pure: the text is given.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { diag, type Diagnostic } from '../diagnostics/catalog';

const TODO = /\bTODO\b/;
/** The DOJ's court descriptions begin with CASC (superior), CAMC (municipal) or CAJC (justice court), run together. */
const RAW_COURT = /^CA(SC|MC|JC)(?=[A-Z ])/;

export function findPlaceholders(text: string, file: string): Diagnostic[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) return [];
  const out: Diagnostic[] = [];
  const line = (n: Node) => (n.range ? lc.linePos(n.range[0]).line : undefined);
  const walk = (node: unknown, path: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) walk(pair.value, path ? `${path}.${String(pair.key.value)}` : String(pair.key.value));
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (isScalar(node)) {
      const value = typeof node.value === 'string' ? node.value : '';
      const comment = node.comment ?? '';
      const guessed = TODO.test(comment);
      const rawCourt = /^courts\[\d+\]\.name$/.test(path) && RAW_COURT.test(value);
      if (TODO.test(value) || guessed || rawCourt) {
        const why = rawCourt ? 'the court\'s name is still the raw Department of Justice string' : guessed ? `the value was guessed (${comment.trim()})` : 'the value is a TODO';
        const hint = rawCourt ? 'give the name the clerk uses, e.g. "Sacramento (Superior Court)"' : guessed ? 'check the value, then delete the TODO comment' : 'fill in the real value';
        out.push(diag('BM511', { file, line: line(node), column: path }, `${why}: it must be settled before anything is filed`, hint));
      }
    }
  };
  walk(doc.contents, '');
  return out;
}
