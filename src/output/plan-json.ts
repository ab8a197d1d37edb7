/**
 * plan.json: the filings and their cases, without personal data. Written case
 * by case, field by field, straight into the listing's buffers (chunks.ts),
 * byte for byte what JSON.stringify(plan, null, 2) gives
 * (__tests__/streamed-output.test.ts), so a statewide plan (hundreds of
 * megabytes) is never one string, and its million cases make next to no
 * garbage.
 */
import type { Filing, Plan } from '../plan';
import { writtenText, type Utf8Chunks } from './chunks';
import { prettyJson } from './json';

type PlanCase = Plan['filings'][number]['cases'][number];

export function filingSummary(f: Filing) {
  const s: { id: string; agency: string; caseType: string; relief: string; court?: string; beyondStatute?: boolean; challenge?: boolean; caseCount: number; rowCount: number } = {
    id: f.id,
    agency: f.agency,
    caseType: f.caseType,
    // A notice of challenge asks for no relief.
    relief: f.challenge ? 'none' : f.relief,
    caseCount: f.caseCount,
    rowCount: f.rowCount,
  };
  if (f.court !== undefined) s.court = f.court;
  if (f.beyondStatute) s.beyondStatute = true;
  if (f.challenge) s.challenge = true;
  return s;
}

/** One case of plan.json, as data (writeCase writes it out). */
export const planCase = (c: PlanCase) => ({
  caseNumber: c.caseNumber,
  court: c.court,
  codeSections: c.codeSections,
  convictionDate: c.convictionDate,
  ...(c.convictionDates ? { convictionDates: c.convictionDates } : {}),
  ...(c.flags ? { flags: c.flags } : {}),
  ...(c.challenge ? { challenge: c.challenge } : {}),
  sources: c.sources.map((s) => `${s.file}:${s.line}`),
});

export function planJson(plan: Plan): string {
  return writtenText((out) => writePlanJson(out, plan));
}

/** The text around a filing's cases, indented `indent`: made once per filing. */
function caseParts(indent: string) {
  const i1 = `${indent}  `;
  const i2 = `${i1}  `;
  return {
    i1,
    open: `${indent}{\n${i1}"caseNumber": `,
    court: `,\n${i1}"court": `,
    sections: `,\n${i1}"codeSections": `,
    date: `,\n${i1}"convictionDate": `,
    dates: `,\n${i1}"convictionDates": `,
    flags: `,\n${i1}"flags": `,
    challenge: `,\n${i1}"challenge": `,
    sources: `,\n${i1}"sources": `,
    first: `[\n${i2}`,
    next: `,\n${i2}`,
    last: `\n${i1}]`,
    close: `\n${indent}}`,
  };
}

/** prettyJson(planCase(c), indent), indented, written field by field. */
function writeCase(out: Utf8Chunks, c: PlanCase, p: ReturnType<typeof caseParts>, plainFile: (file: string) => boolean): void {
  const list = (a: readonly string[]) => {
    if (a.length === 0) return out.text('[]');
    for (let k = 0; k < a.length; k++) (out.text(k === 0 ? p.first : p.next), out.json(a[k]!));
    out.text(p.last);
  };
  out.text(p.open);
  out.json(c.caseNumber);
  out.text(p.court);
  out.json(c.court);
  out.text(p.sections);
  list(c.codeSections);
  out.text(p.date);
  out.json(c.convictionDate);
  if (c.convictionDates) (out.text(p.dates), list(c.convictionDates));
  if (c.flags) (out.text(p.flags), list(c.flags));
  if (c.challenge) (out.text(p.challenge), out.text(prettyJson(c.challenge, p.i1)));
  out.text(p.sources);
  if (c.sources.length === 0) out.text('[]');
  for (let k = 0; k < c.sources.length; k++) {
    const s = c.sources[k]!;
    out.text(k === 0 ? p.first : p.next);
    // "file:line": a file name JSON leaves as it is is written as it is.
    if (plainFile(s.file)) (out.text('"'), out.text(s.file), out.text(`:${s.line}"`));
    else out.json(`${s.file}:${s.line}`);
  }
  if (c.sources.length) out.text(p.last);
  out.text(p.close);
}

/** plan.json into `out`, yielding after each case. */
export function* writePlanJson(out: Utf8Chunks, plan: Plan): Generator<void> {
  const mark = (i: number) => `\u0000${i}`;
  const skeleton = JSON.stringify({ grouping: plan.grouping, ...(plan.flags ? { flags: plan.flags } : {}), filings: plan.filings.map((f, i) => ({ ...filingSummary(f), cases: [mark(i)] })) }, null, 2) + '\n';
  const plain = new Map<string, boolean>();
  const plainFile = (file: string) => {
    let p = plain.get(file);
    if (p === undefined) plain.set(file, (p = JSON.stringify(file) === `"${file}"`));
    return p;
  };
  let at = 0;
  for (let i = 0; i < plan.filings.length; i++) {
    const token = JSON.stringify(mark(i));
    const pos = skeleton.indexOf(token, at);
    const lineStart = skeleton.lastIndexOf('\n', pos) + 1;
    const parts = caseParts(skeleton.slice(lineStart, pos));
    out.write(skeleton.slice(at, lineStart));
    const cases = plan.filings[i]!.cases;
    for (let c = 0; c < cases.length; c++) {
      writeCase(out, cases[c]!, parts, plainFile);
      out.text(c < cases.length - 1 ? ',\n' : '\n');
      yield;
    }
    at = skeleton.indexOf('\n', pos) + 1;
  }
  out.write(skeleton.slice(at));
}
