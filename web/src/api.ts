/**
 * Talking to the local server. The page lives at /<token>/, so every URL here
 * is relative and carries the token without the page handling it.
 */
export interface Diagnostic {
  code: string;
  name: string;
  severity: string;
  outcome: string;
  file?: string;
  line?: number;
  column?: string;
  message: string;
  hint?: string;
}

export interface Filing {
  id: string;
  agency: string;
  agencyName: string;
  caseType: string;
  relief: string;
  court?: string;
  courtName?: string;
  caseCount: number;
  rowCount: number;
  beyondStatute?: boolean;
  challenge?: boolean;
}

export interface Plan {
  ok: boolean;
  exitCode: number;
  stoppedAt?: string;
  counts: Record<string, number> | null;
  reconciliation: string[];
  files: Array<{ file: string; rows: number }>;
  filings: Filing[];
  groups: Array<{ code: string; name: string; severity: string; outcome: string; diagnostics: number; rows: number }>;
  ready: { placeholders: number; config: Diagnostic[] };
  fatal: Diagnostic[];
}

export interface Answer {
  decision: '' | 'file' | 'exclude';
  caseNumber: string;
  caseType: string;
  relief: string;
  court: string;
  note: string;
}

export interface Generated {
  ok: boolean;
  exitCode: number;
  diagnostics: Diagnostic[];
  documents: Array<{ path: string; kind: string; format: string; bytes: number; pages?: number; cases?: number }>;
  packets: Array<{ path: string; bytes: number }>;
  others: Array<{ path: string; bytes: number }>;
  files: number;
  draft: boolean;
  summary: { html: boolean; pdf: boolean };
}

export interface InputFile {
  id: string;
  name: string;
  bytes: number;
  format: string;
}

export interface State {
  version: string;
  asOf: string;
  out: string;
  work: string;
  answersFile: string;
  config: InputFile | null;
  cases: InputFile[];
  job: { kind: 'plan' | 'generate' } | null;
  failure: string | null;
  plan: Plan | null;
  good: Plan | null;
  answers: number;
  answerProblems: Diagnostic[];
  choices: { decisions: string[]; caseTypes: string[]; reliefs: string[]; courts: Array<{ id: string; name: string }>; formats: string[] };
  generated: Generated | null;
}

export interface ReviewRow {
  index: number;
  key: string;
  file: string;
  line: number;
  code: string;
  reason: string;
  fix: string;
  flags: string[];
  case: string;
  summary: string[];
  cells: Array<[string, string]>;
  status: 'open' | 'answered' | 'problem' | 'filed' | 'excluded';
  outcome?: { filed: { court: string; caseNumber: string } } | { excluded: true };
  answer: Answer | null;
  problems: Diagnostic[];
}

export interface ReviewPage {
  total: number;
  all: number;
  offset: number;
  codes: Array<{ code: string; count: number }>;
  summary: string[];
  rows: ReviewRow[];
}

export interface CodeRows {
  code: string;
  total: number;
  offset: number;
  items: Array<{ file?: string; line?: number; column?: string; message: string; hint: string }>;
}

export class ApiError extends Error {}

async function call<T>(method: string, url: string, body?: BodyInit | null, json = true): Promise<T> {
  const res = await fetch(url, { method, ...(body !== undefined ? { body } : {}), headers: json && body !== undefined ? { 'Content-Type': 'application/json' } : {} });
  if (!res.ok) throw new ApiError((await res.text()).trim() || `${res.status} ${res.statusText}`);
  return (await res.json()) as T;
}

export const api = {
  state: () => call<State>('GET', 'api/state'),
  plan: () => call<{ ok: boolean }>('POST', 'api/plan'),
  sample: (name: string) => call<{ ok: boolean }>('POST', `api/sample/${encodeURIComponent(name)}`),
  removeCases: (id: string) => call<{ ok: boolean }>('DELETE', `api/files/cases/${encodeURIComponent(id)}`),
  review: (q: Record<string, string | number>) => call<ReviewPage>('GET', `api/review?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`),
  code: (code: string, offset: number) => call<CodeRows>('GET', `api/codes/${encodeURIComponent(code)}?offset=${offset}&limit=50`),
  answer: (key: string, a: Answer) => call<{ ok: boolean; problems: Diagnostic[] }>('PUT', `api/answers/${encodeURIComponent(key)}`, JSON.stringify(a)),
  generate: (o: { formats: string[]; packets: boolean; draft: boolean }) => call<{ ok: boolean }>('POST', 'api/generate', JSON.stringify(o)),
  cancel: () => call<{ cancelled: boolean }>('POST', 'api/cancel'),
};

/** Uploads one file, reporting the bytes sent (XMLHttpRequest: fetch has no upload progress). */
export function upload(role: 'config' | 'cases', file: File, progress: (sent: number, total: number) => void): Promise<InputFile> {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('PUT', `api/files/${role}?name=${encodeURIComponent(file.name)}`);
    x.upload.onprogress = (e) => progress(e.loaded, e.total || file.size);
    x.onload = () => (x.status < 300 ? resolve(JSON.parse(x.responseText) as InputFile) : reject(new ApiError(x.responseText.trim() || `${x.status}`)));
    x.onerror = () => reject(new ApiError('the upload failed: is bulk-motions serve still running?'));
    x.send(file);
  });
}

export type PageEvent =
  | { type: 'state' }
  | { type: 'job'; kind: 'plan' | 'generate'; status: 'started' | 'done' | 'failed' | 'cancelled' }
  | { type: 'progress'; kind: 'plan' | 'generate'; stage: string; done: number; total: number; rows?: number; step?: string; pages?: number; documents?: number; filings?: number; filingsTotal?: number };

export type Progress = Extract<PageEvent, { type: 'progress' }>;

export function listen(on: (e: PageEvent) => void): EventSource {
  const es = new EventSource('api/events');
  es.onmessage = (m) => on(JSON.parse(m.data as string) as PageEvent);
  return es;
}
