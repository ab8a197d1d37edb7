#!/usr/bin/env node
/**
 * bulk-motions command line. The I/O edge: it reads files and the clock,
 * writes outputs and sets the exit code. Everything else is in the core.
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { diffCommand } from './cli/diff';
import { initCommand } from './cli/init';
import { serveCommand } from './cli/serve';
import { EXIT, runCommand, type RunArgs } from './cli/run';
import { asOfDate, UsageError } from './cli/usage';
import { FORMATS, type Format } from './documents';
import type { Preset } from './ingest';
import { toolVersion } from './io/files';

function runArgs(a: Record<string, unknown>): RunArgs {
  return {
    cases: a.cases as string[],
    config: String(a.config),
    ...(a.preset !== undefined ? { preset: a.preset as Preset } : {}),
    ...(a.out !== undefined ? { out: String(a.out) } : {}),
    json: Boolean(a.json),
    quiet: Boolean(a.quiet),
    asOf: asOfDate(a['as-of'] === undefined ? undefined : String(a['as-of'])),
    ...(a.edits !== undefined ? { edits: String(a.edits) } : {}),
    ...(a.resolved !== undefined ? { resolved: String(a.resolved) } : {}),
    ...(a.previous !== undefined ? { previous: String(a.previous) } : {}),
  };
}

function formatsOf(value: unknown): Format[] {
  const formats = String(value)
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const bad = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length || formats.length === 0) throw new UsageError(`--format "${String(value)}": use ${FORMATS.join(', ')} (comma-separated)`);
  return formats as Format[];
}

/** The options validate and generate share: the inputs, the run date, and how to report. */
function inputOptions<T>(y: Argv<T>) {
  return y
    .option('cases', { type: 'string', array: true, demandOption: true, describe: 'a screened case list (CSV); repeat for several' })
    .option('config', { type: 'string', demandOption: true, describe: 'the county config (YAML)' })
    .option('preset', { choices: ['gogen', 'canonical'] as const, describe: 'input shape; defaults to input.preset in the config' })
    .option('edits', { type: 'string', describe: "a judge's edits (CSV: case_number,action,value,reason); see docs/edits.md" })
    .option('resolved', { type: 'string', describe: 'a review.csv with answers filled in (decision, resolve_case_number, ...), copied out of --out; see docs/review.md' })
    .option('previous', { type: 'string', describe: 'a previous run\'s output folder to report changes against (default: the manifest already in --out)' })
    .option('json', { type: 'boolean', default: false, describe: 'print one JSON report on stdout' })
    .option('as-of', { type: 'string', describe: 'the run date, YYYY-MM-DD (default: today); dates after it are rejected' })
    .option('quiet', { type: 'boolean', default: false, describe: 'print only diagnostics (no progress bars, plan or summary)' });
}

/** A failure of the tool itself (not of its input): its stack only with --debug. */
function internalError(e: unknown, debug: boolean): string {
  const err = e instanceof Error ? e : new Error(String(e));
  if (debug) return `bulk-motions: fatal: ${err.stack ?? err.message}\n`;
  // The system refused something (a folder that cannot be written, a full disk): its message says what.
  if ((err as NodeJS.ErrnoException).syscall) return `bulk-motions: fatal: ${err.message}\n`;
  return `bulk-motions: fatal: ${err.message}\nThis is a bug in bulk-motions, not a problem with your files. Run again with --debug and report what it prints.\n`;
}

export async function main(argv: string[]): Promise<number> {
  let exit: number = EXIT.ok;
  const parser = yargs(argv)
    .scriptName('bulk-motions')
    .usage('$0 <command> [options]\n\nTurn screened case lists into bulk Prop 64 motions and proposed orders.')
    .command(
      'validate',
      'Read the case lists, plan the filings, and report every row not filed.',
      (y) =>
        inputOptions(y)
          .option('out', { type: 'string', describe: 'folder for plan.json, index.csv, review.csv, rejects.csv, excluded.csv, struck.csv, manifest.json' })
          .example('$0 validate --cases All_Results.csv --config la.yaml --preset gogen --out out', 'plan from a gogen file')
          .example('$0 validate --cases a.csv --cases b.csv --config county.yaml --json', 'a JSON report for scripts'),
      async (a) => {
        exit = await runCommand(runArgs(a));
      },
    )
    .command(
      'generate',
      'Plan the filings and write each one\'s motion and proposed order, with Exhibit A, on pleading paper.',
      (y) =>
        inputOptions(y)
          .option('out', { type: 'string', demandOption: true, describe: 'output folder: DIR/<filing-id>/motion.docx, order.docx, motion.pdf and order.pdf, plus everything validate writes' })
          .option('format', { type: 'string', default: 'docx,pdf', describe: `comma-separated document formats: ${FORMATS.join(', ')}` })
          .option('draft', { type: 'boolean', default: false, describe: 'render even while the config holds placeholders (TODOs), every page stamped DRAFT - NOT FOR FILING' })
          .option('packets', { type: 'boolean', default: false, describe: 'also write DIR/packets/<agency>.zip per office: its documents and a one-page cover.pdf listing each with its pages, cases and sha256' })
          .option('threads', { type: 'number', default: 2, describe: 'threads for rendering: 2 renders Word files on a second thread while PDFs render (same bytes); 1 renders everything on one' })
          .example('$0 generate --cases All_Results.csv --config la.yaml --out filings', 'every filing of a county')
          .example('$0 generate --cases list.csv --config c.yaml --out out --as-of 2026-11-26 --format docx', 'a reproducible run'),
      async (a) => {
        if (!Number.isInteger(a.threads) || a.threads < 1) throw new UsageError(`--threads "${a.threads}": use 1 or 2`);
        exit = await runCommand(runArgs(a), { formats: formatsOf(a.format), threads: a.threads, draft: Boolean(a.draft), packets: Boolean(a.packets) });
      },
    )
    .command(
      'diff <old> <new>',
      'Report what changed between two runs: cases added, struck, moved or re-reliefed, and documents by sha256.',
      (y) =>
        y
          .positional('old', { type: 'string', demandOption: true, describe: 'the older manifest.json (or its folder)' })
          .positional('new', { type: 'string', demandOption: true, describe: 'the newer manifest.json (or its folder)' })
          .option('json', { type: 'boolean', default: false, describe: 'print the report as JSON' })
          .example('$0 diff out-monday/manifest.json out-tuesday/manifest.json', 'what the judge\'s edits changed'),
      (a) => {
        exit = diffCommand(String(a.old), String(a.new), Boolean(a.json));
      },
    )
    .command(
      'init',
      'Write a starter config listing every court and county found in a case list.',
      (y) =>
        y
    .option('cases', { type: 'string', array: true, demandOption: true, describe: 'a case list (CSV)' })
    .option('preset', { choices: ['gogen', 'canonical'] as const, default: 'gogen' as const, describe: 'input shape' })
          .option('out', { type: 'string', demandOption: true, describe: 'where to write the config (YAML)' })
          .option('force', { type: 'boolean', default: false, describe: 'overwrite --out if it exists' })
          .example('$0 init --cases All_Results.csv --out config.yaml', 'start a config for a new county'),
      async (a) => {
        exit = await initCommand(a as unknown as { cases: string[]; preset: Preset; out: string; force: boolean });
      },
    )
    .command(
      'serve',
      'Start the web page on this computer (127.0.0.1 only): load the lists, answer the review rows, generate and download the filings.',
      (y) =>
        y
          .option('out', { type: 'string', describe: 'output folder for the filings (default: a new folder under ~/bulk-motions/)' })
          .option('work', { type: 'string', describe: 'folder for the uploaded files and answers.csv (default: beside --out)' })
          .option('port', { type: 'number', default: 0, describe: 'the port to listen on (default: a free one)' })
          .option('open', { type: 'boolean', default: false, describe: 'open the page in the browser' })
          .option('as-of', { type: 'string', describe: 'the run date, YYYY-MM-DD (default: today)' })
          .example('$0 serve --open', 'start the page and open it in the browser'),
      async (a) => {
        if (!Number.isInteger(a.port) || a.port < 0 || a.port > 65535) throw new UsageError(`--port "${a.port}": use a port number from 1 to 65535 (or 0 for a free one)`);
        exit = await serveCommand({ port: a.port, open: Boolean(a.open), asOf: asOfDate(a['as-of'] === undefined ? undefined : String(a['as-of'])), ...(a.out !== undefined ? { out: String(a.out) } : {}), ...(a.work !== undefined ? { work: String(a.work) } : {}) });
      },
    )
    .option('debug', { type: 'boolean', default: false, describe: 'on an internal error, print its stack trace (for a bug report)' })
    .demandCommand(1, 'Name a command: generate, validate, diff, init or serve.')
    .strict()
    .help()
    .version(toolVersion())
    .exitProcess(false)
    .fail((msg, e) => {
      throw e ?? new UsageError(msg);
    });
  try {
    await parser.parseAsync();
  } catch (e) {
    if (e instanceof UsageError || (e as Error).name === 'YError') {
      process.stderr.write(`bulk-motions: ${(e as Error).message}\nRun "bulk-motions --help" for usage.\n`);
      return EXIT.usage;
    }
    process.stderr.write(internalError(e, argv.includes('--debug')));
    return EXIT.fatal;
  }
  return exit;
}

if (require.main === module) {
  main(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(internalError(e, process.argv.includes('--debug')));
      process.exitCode = EXIT.fatal;
    },
  );
}
