/**
 * yazl deflates each part given to it whole with zlib's asynchronous
 * deflateRaw: a stream and a thread-pool job per part, about 0.25 ms of CPU
 * for a part of a few kilobytes, ten times what deflating it takes (a Word
 * file has nine such parts: styles, theme, numbering, settings...; figures in
 * bench/README.md). Here yazl is handed a deflateRaw that deflates at once
 * with deflateRawSync, while it takes the part: the same zlib and the same
 * level, so the same bytes (tested), without the stream.
 */
import type { ZipFile } from 'yazl';

// The module object itself (yazl calls `zlib.deflateRaw` on it), not a namespace copy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zlib = require('node:zlib') as typeof import('node:zlib');

type Callback = (error: Error | null, result?: Buffer) => void;

function deflateRawNow(buf: Buffer, options: import('node:zlib').ZlibOptions, callback: Callback): void {
  let out: Buffer;
  try {
    out = zlib.deflateRawSync(buf, options);
  } catch (e) {
    process.nextTick(callback, e as Error);
    return;
  }
  // Answered later, as the asynchronous one would be.
  process.nextTick(callback, null, out);
}

/** zip.addBuffer, the part deflated synchronously (when options compress it). */
export function addSmallBuffer(zip: ZipFile, bytes: Buffer, name: string, options: Parameters<ZipFile['addBuffer']>[2]): void {
  const z = zlib as unknown as { deflateRaw: unknown };
  const async = z.deflateRaw;
  z.deflateRaw = deflateRawNow;
  try {
    zip.addBuffer(bytes, name, options);
  } finally {
    z.deflateRaw = async;
  }
}
