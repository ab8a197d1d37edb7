/**
 * A PDF file written directly (PDF 32000-1:2008, 7.5): the few objects a
 * document needs, no object model. Streams are written as they come, each
 * content stream's bytes handed in already compressed (and shared by the
 * documents that print the same table page); every other object is text,
 * gathered into compressed object streams (7.5.7), and a cross-reference
 * stream (7.5.8) ends the file. pdf-lib built and then serialised an object
 * per page, per stream and per font object of every document: a third of the
 * PDF stage (bench/README.md). Fonts are still made by pdf-lib, once per run
 * (font-set.ts), and written here from their serialised text.
 */
import { deflateSync } from 'node:zlib';

/** Non-stream objects per object stream. */
const PER_OBJECT_STREAM = 200;

/** Where each object is: in the file at an offset (type 1), or the `index`th object of object stream `stream` (type 2). */
type Entry = { offset: number } | { stream: number; index: number };

export class PdfFile {
  private readonly pieces: Uint8Array[] = [];
  private at = 0;
  private count = 0;
  private readonly entries: Entry[] = [];
  private pending: Array<{ num: number; text: string }> = [];

  constructor() {
    // The header, then a comment of bytes above 127 so that transfer programs treat the file as binary (7.5.2).
    this.raw(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  }

  /** A new object number, for references written before the object is. */
  alloc(): number {
    return ++this.count;
  }

  /** A dictionary, array or other non-stream object (PDF syntax): into an object stream. */
  object(num: number, text: string): void {
    this.pending.push({ num, text });
    if (this.pending.length === PER_OBJECT_STREAM) this.flushObjects();
  }

  /** A stream object, its bytes as they are to be stored (`dict` has every entry but /Length). */
  stream(num: number, dict: string, bytes: Uint8Array): void {
    this.entries[num] = { offset: this.at };
    this.raw(Buffer.from(`${num} 0 obj\n<<${dict}/Length ${bytes.length}>>\nstream\n`, 'latin1'));
    this.raw(bytes);
    this.raw(ENDSTREAM);
  }

  /** The whole file, with the cross-reference stream naming `root` and `info`, and the file ID. */
  finish(root: number, info: number, id: string): Buffer {
    this.flushObjects();
    const xref = this.alloc();
    this.entries[xref] = { offset: this.at };
    const size = this.count + 1;
    // Type, then a 4-byte field 2 and a 2-byte field 3 (/W [1 4 2]).
    const table = Buffer.alloc(size * 7);
    table.writeUInt8(0, 0);
    table.writeUInt32BE(0, 1);
    table.writeUInt16BE(0xffff, 5);
    for (let n = 1; n < size; n++) {
      const e = this.entries[n];
      if (!e) throw new Error(`bug: PDF object ${n} was allocated but never written`);
      const at = n * 7;
      if ('offset' in e) {
        table.writeUInt8(1, at);
        table.writeUInt32BE(e.offset, at + 1);
        table.writeUInt16BE(0, at + 5);
      } else {
        table.writeUInt8(2, at);
        table.writeUInt32BE(e.stream, at + 1);
        table.writeUInt16BE(e.index, at + 5);
      }
    }
    const body = deflateSync(table);
    const start = this.at;
    this.raw(Buffer.from(`${xref} 0 obj\n<</Type /XRef/Size ${size}/W [1 4 2]/Root ${root} 0 R/Info ${info} 0 R/ID [<${id}> <${id}>]/Filter /FlateDecode/Length ${body.length}>>\nstream\n`, 'latin1'));
    this.raw(body);
    this.raw(ENDSTREAM);
    this.raw(Buffer.from(`startxref\n${start}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(this.pieces, this.at);
  }

  private raw(b: Uint8Array): void {
    this.pieces.push(b);
    this.at += b.length;
  }

  /** The objects waiting, as one compressed object stream. */
  private flushObjects(): void {
    const objects = this.pending;
    if (objects.length === 0) return;
    this.pending = [];
    const stream = this.alloc();
    let head = '';
    let body = '';
    objects.forEach(({ num, text }, index) => {
      this.entries[num] = { stream, index };
      head += `${num} ${body.length} `;
      body += `${text}\n`;
    });
    // Offsets count bytes: object text is Latin-1 (names, numbers, hex strings), one byte a character.
    this.stream(stream, `/Type /ObjStm/N ${objects.length}/First ${head.length}/Filter /FlateDecode`, deflateSync(Buffer.from(head + body, 'latin1')));
  }
}

const ENDSTREAM = Buffer.from('\nendstream\nendobj\n', 'latin1');

/** A text string (7.9.2.2) as UTF-16BE with its byte order mark, in hex: any character, no escapes. */
export function textString(s: string): string {
  let hex = '<FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `${hex}>`;
}
