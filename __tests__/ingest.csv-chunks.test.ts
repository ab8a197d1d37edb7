/**
 * A CSV file reads the same however its bytes arrive: whole, or cut into
 * chunks anywhere (inside a quoted field, between the bytes of a UTF-8
 * character, between CR and LF). The tokenizer keeps its state across chunks,
 * and a chunk that is valid UTF-8 as a whole vouches for the rows inside it,
 * so the located errors (BM107 not UTF-8, BM108 NUL, BM202 quotes) must not
 * move either.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { parseCsv } from '../src/ingest/csv';

async function read(chunks: Buffer[]): Promise<unknown> {
  const rows: Array<[number, string[]]> = [];
  let header: [number, string[]] | undefined;
  const outcome = await parseCsv(Readable.from(chunks), 'x.csv', {
    header(fields, line) {
      header = [line, fields];
      return undefined;
    },
    row(fields, line) {
      rows.push([line, fields]);
    },
  });
  // The digest is of the bytes read, which is the whole file only when nothing stopped it.
  return { header, rows, fatal: outcome.fatal && { code: outcome.fatal.code, line: outcome.fatal.line }, count: outcome.rows, ...(outcome.fatal ? {} : { sha256: outcome.sha256 }) };
}

/** Pieces of a CSV: text, separators, quotes, line breaks, multi-byte characters, a Latin-1 byte, rarely a NUL. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'bc', ',', '"', '""', '\n', '\r\n', '\r', ' ') },
  { weight: 2, arbitrary: fc.constantFrom('é', '€', '😀') },
  { weight: 1, arbitrary: fc.constantFrom('\xe9', '\x00') },
);

const bytesOf = (pieces: string[]) => Buffer.concat(pieces.map((p) => (p === '\xe9' ? Buffer.from([0xe9]) : Buffer.from(p, 'utf8'))));

test('the rows, their lines and any error are the same whatever the chunks', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 60 }), fc.array(fc.nat(), { maxLength: 8 }), async (pieces, cuts) => {
      const bytes = Buffer.concat([Buffer.from('h1,h2\n'), bytesOf(pieces)]);
      const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      const chunks = [0, ...at].map((from, i) => bytes.subarray(from, [...at, bytes.length][i])).filter((c) => c.length > 0);
      expect(await read(chunks)).toEqual(await read([bytes]));
    }),
    { numRuns: 3000 },
  );
});

test('a byte that is not UTF-8 in a later chunk is found on its line', async () => {
  const good = Buffer.from('h1,h2\n' + 'a,b\n'.repeat(100));
  const bad = Buffer.concat([Buffer.from('c,"d\n'), Buffer.from([0xe9]), Buffer.from('"\ne,f\n')]);
  for (const cut of [good.length, good.length + 3, good.length + 5]) {
    const all = Buffer.concat([good, bad]);
    const r = (await read([all.subarray(0, cut), all.subarray(cut)])) as { fatal: unknown; rows: unknown[] };
    expect(r.fatal).toEqual({ code: 'BM107', line: 103 });
    expect(r.rows).toHaveLength(100);
  }
});
