/** A file system's refusal, as a diagnostic with the path and what to do: never a stack trace. */
import { diag, type Diagnostic } from '../diagnostics/catalog';

const HINTS: Record<string, string> = {
  EEXIST: 'something is already there: --out must name a folder, or a path where one can be made',
  ENOTDIR: 'part of the path is a file, not a folder: choose another --out',
  EISDIR: 'a folder is where a file was expected: check the path',
  EACCES: 'you may not write there: choose another --out, or ask for permission on the folder',
  EPERM: 'the system does not allow this (permissions, or a folder that cannot be changed): choose another --out',
  EROFS: 'the disk is read-only: choose a folder on a disk that can be written',
  ENOSPC: 'the disk is full: free some space or choose a folder on another disk, and run again',
  EDQUOT: 'your disk quota is used up: free some space or choose a folder on another disk, and run again',
  ENOENT: 'a folder on the way is missing, or went away during the run: check the path and run again',
  EBUSY: 'the file or folder is in use (open in another program?): close it and run again',
  EMFILE: 'too many files are open: run again, or with --threads 1',
};

/** The diagnostic for a file system error, or undefined when `e` is not one (a bug, to be thrown). */
export function fsDiagnostic(e: unknown, what: 'read' | 'write'): Diagnostic | undefined {
  const err = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || typeof err.code !== 'string' || !err.syscall) return undefined;
  const hint = (Object.hasOwn(HINTS, err.code) ? HINTS[err.code] : undefined) ?? 'check the path and the disk, and run again';
  const where = err.path !== undefined ? { file: err.path } : {};
  return what === 'read'
    ? diag('BM101', where, `the file cannot be read (${err.code} in ${err.syscall})`, hint)
    : diag('BM111', where, `the output cannot be written (${err.code} in ${err.syscall}); nothing of this run was kept`, hint);
}
