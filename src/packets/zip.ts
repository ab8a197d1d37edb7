/**
 * A packet as a zip, streamed: the cover first, then each document read from
 * where it was staged, one open file at a time, never all in memory (a
 * statewide filing's volumes are hundreds of megabytes). Entries are stored,
 * not deflated (PDF and DOCX are compressed already), with the as-of date as
 * their time and fixed modes, in a fixed order: the same packet, the same bytes.
 */
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { useNativeCrc32 } from '../render/docx/crc32';

export const COVER_NAME = 'cover.pdf';

export interface PacketEntry {
  /** The path inside the zip. */
  name: string;
  bytes: number;
  open(): Readable;
}

/** Zip entry options for a date: a local-time date whose fields are the as-of day, DOS timestamps only, so the bytes do not depend on the time zone (as the DOCX renderer does). */
export function entryOptions(asOf: string) {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  return { mtime: new Date(y, m - 1, d), forceDosTimestamp: true, compress: false, mode: 0o100644 };
}

export function packetZip(cover: Buffer, entries: readonly PacketEntry[], asOf: string): AsyncIterable<Uint8Array> {
  useNativeCrc32();
  const zip = new ZipFile();
  const options = entryOptions(asOf);
  zip.addBuffer(cover, COVER_NAME, options);
  for (const e of entries) zip.addReadStreamLazy(e.name, { ...options, size: e.bytes }, (cb) => cb(null, e.open()));
  // A file that cannot be read, or is not the size its record says, fails the stream (and so the run).
  const output = zip.outputStream as unknown as Readable;
  zip.on('error', (e: Error) => output.destroy(e));
  zip.end();
  return output;
}
