/**
 * Write a synthetic gogen All_Results_Condensed CSV to a file.
 *
 *   npm run samples -- --cases 66000 --seed 1 --out bench/data/la-66000.csv [--clean]
 *   node dist/samples/main.js --cases 1000000 --out /tmp/la-1m.csv
 *
 * Messy by default (untidy court spellings and the odd broken case, as real
 * extracts have); --clean turns that off. The data is invented: no real people.
 */
import { createWriteStream, mkdirSync } from 'fs';
import * as path from 'path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { gogenCondensedLines } from './gogen-generator';

/** Lines are gathered into chunks of about this many characters before writing. */
const CHUNK_CHARS = 256 * 1024;

async function main(): Promise<void> {
  const argv = await yargs(hideBin(process.argv))
    .scriptName('samples')
    .usage('$0 --cases N [--seed S] [--out FILE] [--clean]\n\nWrite a synthetic gogen All_Results_Condensed CSV (Los Angeles County).')
    .option('cases', { type: 'number', default: 300, describe: 'number of cases (court events); each is 1-3 rows' })
    .option('seed', { type: 'number', default: 1, describe: 'same seed, same file' })
    .option('out', { type: 'string', describe: 'output file (default samples/generated/cases-<N>.csv)' })
    .option('clean', { type: 'boolean', default: false, describe: 'no untidy spellings or broken cases' })
    .check((a) => {
      if (!Number.isInteger(a.cases) || a.cases < 0) throw new Error('--cases must be a whole number, 0 or more');
      if (!Number.isInteger(a.seed)) throw new Error('--seed must be a whole number');
      return true;
    })
    .strict()
    .help()
    .parse();

  const cases = argv.cases;
  const out = argv.out ?? path.join('samples', 'generated', `cases-${cases}.csv`);
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });

  const started = process.hrtime.bigint();
  const stream = createWriteStream(out, { encoding: 'utf8' });
  let failed: Error | undefined;
  stream.on('error', (e) => {
    failed = e;
  });

  let lines = 0;
  let chunk = '';
  const write = async (text: string): Promise<void> => {
    if (failed) throw failed;
    if (!stream.write(text)) {
      // Respect backpressure: wait for the buffer to drain (or the stream to fail).
      await new Promise<void>((resolve, reject) => {
        const onDrain = (): void => {
          stream.off('error', onError);
          resolve();
        };
        const onError = (e: Error): void => {
          stream.off('drain', onDrain);
          reject(e);
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      });
    }
  };

  for (const line of gogenCondensedLines({ cases, seed: argv.seed, messy: !argv.clean })) {
    chunk += line;
    lines++;
    if (chunk.length >= CHUNK_CHARS) {
      await write(chunk);
      chunk = '';
    }
  }
  if (chunk) await write(chunk);
  await new Promise<void>((resolve, reject) => {
    stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
  });
  if (failed) throw failed;

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stderr.write(
    `wrote ${out}: ${cases} cases, ${lines - 1} rows (${argv.clean ? 'clean' : 'messy'}, seed ${argv.seed}) ` +
      `in ${seconds.toFixed(1)} s, ${stream.bytesWritten} bytes\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`samples: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
