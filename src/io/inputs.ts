/**
 * The inputs a run names (case lists, the config, the edits, the answered
 * review file, the previous run, the templates), checked before any is read,
 * and any file system error while reading one: each a located diagnostic
 * saying what is wrong with the path and what to do, never a raw ENOENT.
 */
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import { diag, type Diagnostic } from '../diagnostics/catalog';

export interface NamedInput {
  path: string;
  /** What it is, as people know it: "the case list (--cases)". */
  role: string;
  kind: 'file' | 'folder';
}

export const ROLES = {
  cases: 'the case list (--cases)',
  config: 'the config (--config)',
  edits: 'the edits file (--edits)',
  resolved: 'the answered review file (--resolved)',
  previous: 'the previous run (--previous)',
} as const;

/** Where a relative path is read from: said in the hint, since it is the usual surprise. */
const relativeTo = (p: string) => (path.isAbsolute(p) ? '' : `; a relative path is read from ${process.cwd()}`);

/** The problem with an input's path, or undefined when it is there, of the right kind, and readable. */
export function checkInput(input: NamedInput): Diagnostic | undefined {
  try {
    const st = statSync(input.path);
    if (input.kind === 'file' && st.isDirectory()) return isFolder(input);
    if (input.kind === 'folder' && !st.isDirectory()) return notFolder(input);
    accessSync(input.path, input.kind === 'folder' ? constants.R_OK | constants.X_OK : constants.R_OK);
    return undefined;
  } catch (e) {
    const d = inputDiagnostic(e, input);
    if (!d) throw e;
    return d;
  }
}

/** Every problem of every input, in the order given, each path once (as a file or as a folder). */
export function checkInputs(inputs: readonly NamedInput[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const i of inputs) {
    const key = `${i.kind}\u0000${i.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const d = checkInput(i);
    if (d) out.push(d);
  }
  return out;
}

/** A file system error met while reading an input, as its diagnostic; undefined when `e` is not one (a bug). */
export function inputDiagnostic(e: unknown, input: NamedInput): Diagnostic | undefined {
  const err = e as NodeJS.ErrnoException;
  // Not `instanceof Error`: errors of Node's own fs come from another realm under some runners (jest).
  if (typeof e !== 'object' || e === null || typeof err.code !== 'string' || typeof err.syscall !== 'string') return undefined;
  const what = input.kind === 'folder' ? 'folder' : 'file';
  // Listing a file as a folder (ENOTDIR), rather than a file part-way along the path.
  if (err.code === 'ENOTDIR' && input.kind === 'folder' && isFile(input.path)) return notFolder(input);
  switch (err.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return diag('BM120', { file: input.path }, `no such ${what}: ${input.role}`, `check the path and its spelling${relativeTo(input.path)}`);
    case 'EISDIR':
      return isFolder(input);
    case 'EACCES':
    case 'EPERM':
      return diag('BM123', { file: input.path }, `you may not read ${input.role} (${err.code})`, `ask for read permission on the ${what}, or copy it somewhere you can read`);
    default:
      return diag('BM101', { file: input.path }, `${input.role} cannot be read (${err.code} in ${err.syscall})`, 'check the disk and the path, and run again');
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

const isFolder = (input: NamedInput) =>
  diag('BM121', { file: input.path }, `this is a folder, but ${input.role} must be a file`, `name the file inside it${relativeTo(input.path)}`);

const notFolder = (input: NamedInput) =>
  diag('BM122', { file: input.path }, `this is a file, but ${input.role} must be a folder`, input.role === ROLES.previous ? "name the run's output folder (the one holding its manifest.json)" : 'name the folder that holds it');
