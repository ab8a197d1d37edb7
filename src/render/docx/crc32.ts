/**
 * yazl checksums every byte it zips with buffer-crc32, a JavaScript loop on
 * the main thread that takes about as long as the compression itself (which
 * runs on the thread pool; figures in bench/README.md). zlib's native crc32
 * (Node 20.15 and later) gives the same number in native code, so it takes
 * buffer-crc32's place when the running Node has it. The result is the same
 * checksum, so the zip bytes do not change (tested).
 */
import crc32 = require('buffer-crc32');
import * as zlib from 'node:zlib';

type Crc = (buf: Buffer | string, previous?: number | Buffer) => number;

const native = (zlib as unknown as { crc32?: (data: Buffer | string, value?: number) => number }).crc32;

export const javascriptCrc32: Crc = crc32.unsigned.bind(crc32);

/** Install zlib's crc32 in buffer-crc32 (once; idempotent). */
export function useNativeCrc32(): void {
  if (!native) return;
  const fast: Crc = (buf, previous) => native(buf, typeof previous === 'number' ? previous : Buffer.isBuffer(previous) ? previous.readUInt32BE(0) : 0);
  (crc32 as unknown as { unsigned: Crc }).unsigned = fast;
}
