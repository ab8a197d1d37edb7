#!/usr/bin/env node
/**
 * bulk-motions command line. The I/O edge: it reads files and the clock,
 * writes outputs and sets the exit code. Everything else is in the core.
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { terminal, type Terminal } from './cli/color';
import { DIFF_EXIT, diffCommand } from './cli/diff';
import { epilog, helpWidth } from './cli/help';
import { initCommand } from './cli/init';
import { failureReport, internalDiagnostic, jsonPrinted, printJson, usageDiagnostic, wantsJson } from './cli/report';
import { serveCommand } from './cli/serve';
import { EXIT, runCommand, type RunArgs } from './cli/run';
import { asOfDate, threadsOf, today, unknownOptionError, unknownOptions, UsageError } from './cli/usage';
import { FORMATS, type Format } from './documents';
import type { Preset } from './ingest';
import { toolVersion } from './io/files';

function runArgs(a: Record<string, unknown>, now: string): RunArgs {
  return {
    cases: a.cases as string[],
    config: String(a.config),
    ...(a.preset !== undefined ? { preset: a.preset as Preset } : {}),
    ...(a.sheet !== undefined ? { sheet: String(a.sheet) } : {}),
    ...(a.out !== undefined ? { out: String(a.out) } : {}),
    json: Boolean(a.json),
    quiet: Boolean(a.quiet),
    asOf: asOfDate(a['as-of'] === undefined ? undefined : String(a['as-of']), now, Boolean(a['allow-future-date'])),
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
    .option('cases', { type: 'string', array: true, demandOption: true, describe: 'a screened case list (CSV or Excel .xlsx); repeat for several' })
    .option('config', { type: 'string', demandOption: true, describe: 'the county config (YAML)' })
    .option('preset', { choices: ['gogen', 'canonical'] as const, describe: 'input shape; defaults to input.preset in the config' })
    .option('sheet', { type: 'string', describe: 'the sheet to read from an Excel (.xlsx) case list (default: the first sheet)' })
    .option('edits', { type: 'string', describe: "a judge's edits (CSV: case_number,action,value,reason); see docs/edits.md" })
    .option('resolved', { type: 'string', describe: 'a review.csv with answers filled in (decision, resolve_case_number, ...), copied out of --out; see docs/review.md' })
    .option('previous', { type: 'string', describe: 'a previous run\'s output folder to report changes against (default: the manifest already in --out)' })
    .option('json', { type: 'boolean', default: false, describe: 'print one JSON report on stdout' })
    .option('as-of', { type: 'string', describe: 'the run date, YYYY-MM-DD (default: today; not after today); conviction dates after it are rejected' })
    .option('allow-future-date', { type: 'boolean', default: false, describe: 'accept an --as-of after today (a run dated ahead on purpose)' })
    .option('quiet', { type: 'boolean', default: false, describe: 'print only diagnostics (no progress bars, plan or summary)' });
}

/** A failure of the tool itself (not of its input): its stack only with --debug. */
function internalError(e: unknown, debug: boolean, term: Terminal): string {
  const err = e instanceof Error ? e : new Error(String(e));
  const head = `bulk-motions: ${term.err.fatal('fatal:')}`;
  if (debug) return `${head} ${err.stack ?? err.message}\n`;
  // The system refused something the engine did not expect to do: its message says what.
  if ((err as NodeJS.ErrnoException).syscall) return `${head} ${err.message}\n`;
  return `${head} ${err.message}\nThis is a bug in bulk-motions, not a problem with your files. Run again with --debug and report what it prints.\n`;
}

const COMMANDS = ['generate', 'validate', 'diff', 'init', 'serve'];

/**
 * An example as two lines, what it does and then the command on a line of its own: yargs puts an example
 * with no description across the whole width, so a command is never split into a narrow column.
 */
const said = (what: string): [string, string] => [`${what.charAt(0).toUpperCase()}${what.slice(1)}:`, ''];
const shown = (command: string): [string, string] => [`$ ${command}`, ''];

/** A command's option names as the parser knows them (with their camelCase forms), read once its builder has run. */
function optionNames(y: Argv<unknown>): Set<string> {
  const o = (y as unknown as { getOptions(): { key: Record<string, unknown>; alias: Record<string, string[]> } }).getOptions();
  const names = new Set(['help', 'version', ...Object.keys(o.key), ...Object.values(o.alias).flat()]);
  for (const n of [...names]) names.add(n.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()));
  return names;
}

export async function main(argv: string[], term: Terminal = terminal()): Promise<number> {
  let exit: number = EXIT.ok;
  const now = today();
  // The command whose options were set up, and their names: for "Did you mean --out?".
  let command: string | undefined;
  let known = new Set<string>();
  const builds =
    <T>(name: string, build: (y: Argv<unknown>) => Argv<T>) =>
    (y: Argv<unknown>): Argv<T> => {
      const built = build(y);
      command = name;
      known = optionNames(built as Argv<unknown>);
      return built;
    };
  /** yargs' message, said better where we can: an unknown command or option with the nearest one. */
  const usage = (msg: string): UsageError => {
    const word = argv.find((t) => !t.startsWith('-'));
    if (command === undefined && word !== undefined && !COMMANDS.includes(word)) {
      return new UsageError(`Unknown command "${word}"`, msg.startsWith('Did you mean') ? msg : `The commands are ${COMMANDS.join(', ')}.`);
    }
    const unknown = command !== undefined ? unknownOptions(argv, known) : [];
    return unknown.length ? unknownOptionError(unknown, known) : new UsageError(msg);
  };
  let failure: number = EXIT.fatal;
  const parser = yargs(argv)
    .scriptName('bulk-motions')
    .locale('en')
    .usage('$0 <command> [options]\n\nTurn screened case lists into bulk Prop 64 motions and proposed orders.')
    .command(
      'validate',
      'Read the case lists, plan the filings, and report every row not filed.',
      builds('validate', (y) =>
        inputOptions(y)
          .option('out', { type: 'string', describe: 'folder for plan.json, index.csv, review.csv, rejects.csv, excluded.csv, struck.csv, manifest.json' })
          .example(...said('plan from a gogen file')).example(...shown('$0 validate --cases All_Results.csv --config la.yaml --preset gogen --out out'))
          .example(...said('a JSON report for scripts')).example(...shown('$0 validate --cases a.csv --cases b.csv --config county.yaml --json')),
      ),
      async (a) => {
        exit = await runCommand(runArgs(a, now), undefined, term);
      },
    )
    .command(
      'generate',
      'Plan the filings and write each one\'s motion and proposed order, with Exhibit A, on pleading paper.',
      builds('generate', (y) =>
        inputOptions(y)
          .option('out', { type: 'string', demandOption: true, describe: 'output folder: DIR/<filing-id>/motion.docx, order.docx, motion.pdf and order.pdf, plus everything validate writes' })
          .option('format', { type: 'string', default: 'docx,pdf', describe: `comma-separated document formats: ${FORMATS.join(', ')}` })
          .option('draft', { type: 'boolean', default: false, describe: 'render even while the config holds placeholders (TODOs), every page stamped DRAFT - NOT FOR FILING' })
          .option('packets', { type: 'boolean', default: false, describe: 'also write DIR/packets/<agency>.zip per office: its documents and a one-page cover.pdf listing each with its pages, cases and sha256' })
          .option('threads', { type: 'number', default: 1, describe: 'threads for rendering, 1 or 2: 1 (the default) renders everything on one; 2 renders Word files on a second thread while PDFs render, faster only where a second core is free (same bytes)' })
          .example(...said('every filing of a county')).example(...shown('$0 generate --cases All_Results.csv --config la.yaml --out filings'))
          .example(...said('a reproducible run')).example(...shown('$0 generate --cases list.csv --config c.yaml --out out --as-of 2026-11-26 --format docx')),
      ),
      async (a) => {
        const threads = threadsOf(a.threads);
        exit = await runCommand(runArgs(a, now), { formats: formatsOf(a.format), threads, draft: Boolean(a.draft), packets: Boolean(a.packets) }, term);
      },
    )
    .command(
      'diff <old> <new>',
      'Report what changed between two runs: cases added, struck, moved or re-reliefed, and documents by sha256.',
      builds('diff', (y) =>
        y
          .positional('old', { type: 'string', demandOption: true, describe: 'the older manifest.json (or its folder)' })
          .positional('new', { type: 'string', demandOption: true, describe: 'the newer manifest.json (or its folder)' })
          .option('json', { type: 'boolean', default: false, describe: 'print the report as JSON' })
          .option('force', { type: 'boolean', default: false, describe: 'compare two runs even if they are of different counties (BM820)' })
          .example(...said('what the judge\'s edits changed')).example(...shown('$0 diff out-monday/manifest.json out-tuesday/manifest.json'))
          .epilogue('Exit status, as diff(1): 0 nothing changed, 1 something changed, 2 trouble (a run that cannot be read, runs of different counties, a usage error).'),
      ),
      (a) => {
        failure = DIFF_EXIT.trouble; // diff(1): 1 says "changed", so a failure of diff is 2
        exit = diffCommand(String(a.old), String(a.new), Boolean(a.json), Boolean(a.force));
      },
    )
    .command(
      'init',
      'Write a starter config listing every court and county found in a case list.',
      builds('init', (y) =>
        y
          .option('cases', { type: 'string', array: true, demandOption: true, describe: 'a case list (CSV)' })
          .option('preset', { choices: ['gogen', 'canonical'] as const, default: 'gogen' as const, describe: 'input shape' })
          .option('out', { type: 'string', demandOption: true, describe: 'where to write the config (YAML)' })
          .option('force', { type: 'boolean', default: false, describe: 'overwrite --out if it exists' })
          .example(...said('start a config for a new county')).example(...shown('$0 init --cases All_Results.csv --out config.yaml')),
      ),
      async (a) => {
        exit = await initCommand(a as unknown as { cases: string[]; preset: Preset; out: string; force: boolean }, term);
      },
    )
    .command(
      'serve',
      'Start the web page on this computer (127.0.0.1 only): load the lists, answer the review rows, generate and download the filings.',
      builds('serve', (y) =>
        y
          .option('out', { type: 'string', describe: 'output folder for the filings (default: a new folder under ~/bulk-motions/)' })
          .option('work', { type: 'string', describe: 'folder for the uploaded files and answers.csv (default: beside --out)' })
          .option('port', { type: 'number', default: 0, describe: 'the port to listen on (default: a free one)' })
          .option('open', { type: 'boolean', default: false, describe: 'open the page in the browser' })
          .option('as-of', { type: 'string', describe: 'the run date, YYYY-MM-DD (default: today; not after today)' })
          .option('allow-future-date', { type: 'boolean', default: false, describe: 'accept an --as-of after today (a run dated ahead on purpose)' })
          .example(...said('start the page and open it in the browser')).example(...shown('$0 serve --open')),
      ),
      async (a) => {
        if (!Number.isInteger(a.port) || a.port < 0 || a.port > 65535) throw new UsageError(`--port "${a.port}": use a port number from 1 to 65535 (or 0 for a free one)`);
        const asOf = asOfDate(a['as-of'] === undefined ? undefined : String(a['as-of']), now, Boolean(a['allow-future-date']));
        exit = await serveCommand({ port: a.port, open: Boolean(a.open), asOf, ...(a.out !== undefined ? { out: String(a.out) } : {}), ...(a.work !== undefined ? { work: String(a.work) } : {}) });
      },
    )
    .option('debug', { type: 'boolean', default: false, describe: 'on an internal error, print its stack trace (for a bug report)' })
    .example(...said('check a county\'s list: the plan, and every row not filed')).example(...shown('$0 validate --cases All_Results.csv --config la.yaml --out out'))
    .example(...said('write every filing\'s motion and order')).example(...shown('$0 generate --cases All_Results.csv --config la.yaml --out out'))
    .example(...said('start a config for a new county')).example(...shown('$0 init --cases All_Results.csv --out la.yaml'))
    .example(...said('the same work in a web page on this computer')).example(...shown('$0 serve --open'))
    .epilog(epilog())
    .demandCommand(1, 'Name a command: generate, validate, diff, init or serve.')
    .recommendCommands()
    .strict()
    .help()
    .version(toolVersion())
    .exitProcess(false)
    .fail((msg, e) => {
      throw e ?? usage(msg);
    });
  parser.wrap(helpWidth(process.stdout.columns));
  const json = wantsJson(argv);
  try {
    await parser.parseAsync();
  } catch (e) {
    if (e instanceof UsageError || (e as Error).name === 'YError') {
      const u = e instanceof UsageError ? e : new UsageError((e as Error).message);
      const help = `Run "bulk-motions${command ? ` ${command}` : ''} --help" for usage.`;
      process.stderr.write(`bulk-motions: ${term.err.label('error', u.message)}${u.suggestion ? `. ${term.err.bold(u.suggestion)}` : ''}\n${help}\n`);
      if (json && !jsonPrinted()) printJson(failureReport(EXIT.usage, [usageDiagnostic(u.message, u.suggestion, help)]));
      return EXIT.usage;
    }
    process.stderr.write(internalError(e, argv.includes('--debug'), term));
    if (json && !jsonPrinted()) printJson(failureReport(failure, [internalDiagnostic(e instanceof Error ? e.message : String(e))]));
    return failure;
  }
  return exit;
}

if (require.main === module) {
  main(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(internalError(e, process.argv.includes('--debug'), terminal()));
      process.exitCode = EXIT.fatal;
    },
  );
}
