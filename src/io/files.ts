/**
 * The I/O edge: reading inputs and hashing them as they are read, and the
 * package's own files. Writing is staging.ts's.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface OpenedInput {
  stream: NodeJS.ReadableStream;
  /** The sha256 of every byte read so far; call after the stream ends. */
  digest(): string;
}

export function openInput(file: string): OpenedInput {
  const hash = createHash('sha256');
  const stream = createReadStream(file);
  stream.on('data', (chunk) => hash.update(chunk));
  // A read that fails on an open file (EISDIR, EIO) carries no path: give it this one, so it is reported with
  // the file. The error still reaches the reader, which sees it even when the stream failed before it began.
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.path === undefined) e.path = file;
  });
  let value: string | undefined;
  return { stream, digest: () => (value ??= hash.digest('hex')) };
}

/** The package's own folder (templates/, fonts/, package.json), wherever the code was compiled to. */
export function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'bulk-motions') return dir;
    if (path.dirname(dir) === dir) throw new Error(`bug: no bulk-motions package.json above ${__dirname}`);
  }
}

export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
