/**
 * One zip of a whole run: every file its manifest.json lists, in the
 * manifest's order, then manifest.json itself, streamed from the output
 * folder one file at a time. Entries are dated the run's as-of day with
 * fixed modes, so the same run gives the same zip. Text files are deflated;
 * PDF, DOCX and zip entries are stored (already compressed).
 */
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { entryOptions } from '../packets/zip';
import { useNativeCrc32 } from '../render/docx/crc32';

export interface RunManifest {
  asOf: string;
  outputs: Array<{ path: string; kind: string; format: string; sha256: string; bytes?: number; pages?: number; cases?: number }>;
}

/** The run's manifest.json, read from its folder. */
export async function readRunManifest(out: string): Promise<RunManifest> {
  return JSON.parse(await fs.readFile(path.join(out, 'manifest.json'), 'utf8')) as RunManifest;
}

const STORED = new Set(['pdf', 'docx', 'zip']);

/** The zip's entry names, in order: what `runZip` writes. */
export const runZipEntries = (m: RunManifest) => [...m.outputs.map((o) => o.path), 'manifest.json'];

/** The run in `out` as one zip stream. A file missing or changed in size since the run fails the stream. */
export async function runZip(out: string): Promise<Readable> {
  useNativeCrc32();
  const manifest = await readRunManifest(out);
  const zip = new ZipFile();
  const base = entryOptions(manifest.asOf);
  for (const name of runZipEntries(manifest)) {
    const file = path.join(out, ...name.split('/'));
    const { size } = await fs.stat(file);
    const format = path.extname(name).slice(1).toLowerCase();
    zip.addReadStreamLazy(name, { ...base, compress: !STORED.has(format), size }, (cb) => cb(null, createReadStream(file)));
  }
  const output = zip.outputStream as unknown as Readable;
  zip.on('error', (e: Error) => output.destroy(e));
  zip.end();
  return output;
}
