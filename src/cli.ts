#!/usr/bin/env node
/**
 * bulk-motions command line. The I/O edge: it reads files and the clock,
 * writes outputs and sets the exit code. Everything else is in the core.
 */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { existsSync, promises as fs } from 'node:fs';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import * as path from 'node:path';
import { changeReport, changesMarkdown } from './changes/report';
import { printDiagnostics } from './cli/print';
import { EXIT, runCommand, type RunArgs } from './cli/run';
import { readSnapshot } from './io/snapshot';
import { initConfig } from './init';
import { openInput, toolVersion } from './io/files';
import { FORMATS, type Format } from './documents';
import type { Preset } from './ingest';

dayjs.extend(customParseFormat);

function runArgs(a: Record<string, unknown>): RunArgs {
  return {
    cases: a.cases as string[],
    config: String(a.config),
    preset: a.preset as Preset | undefined,
    out: a.out === undefined ? undefined : String(a.out),
    json: Boolean(a.json),
    quiet: Boolean(a.quiet),
    asOf: asOfDate(a['as-of'] === undefined ? undefined : String(a['as-of'])),
    ...(a.edits !== undefined ? { edits: String(a.edits) } : {}),
    ...(a.previous !== undefined ? { previous: String(a.previous) } : {}),
  };
}

function diffCommand(oldPath: string, newPath: string, json: boolean): number {
  const manifest = (p: string) => (p.endsWith('.json') ? p : path.join(p, 'manifest.json'));
  for (const p of [oldPath, newPath]) {
    if (!existsSync(manifest(p))) {
      process.stderr.write(`${manifest(p)}: fatal BM101 file-unreadable: no manifest.json there\n`);
      return EXIT.fatal;
    }
  }
  const r = changeReport(readSnapshot(manifest(oldPath)), readSnapshot(manifest(newPath)));
  process.stdout.write(json ? JSON.stringify(r, null, 2) + '\n' : changesMarkdown(r));
  return EXIT.ok;
}

class UsageError extends Error {}

function asOfDate(value: string | undefined): string {
  if (value === undefined) return dayjs().format('YYYY-MM-DD'); // the clock, read at the edge
  const d = dayjs(value, 'YYYY-MM-DD', true);
  if (!d.isValid()) throw new UsageError(`--as-of "${value}" is not a date written YYYY-MM-DD`);
  return value;
}


async function init(args: { cases: string[]; preset: Preset; out: string; force: boolean }): Promise<number> {
  const inputs = args.cases.map((file) => ({ name: file, stream: openInput(file).stream }));
  const { yaml, diagnostics } = await initConfig(inputs, args.preset);
  printDiagnostics(diagnostics, (s) => process.stderr.write(s + '\n'));
  if (diagnostics.some((d) => d.severity === 'fatal')) return EXIT.fatal;
  try {
    await fs.writeFile(args.out, yaml, { flag: args.force ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${args.out} already exists; pass --force to overwrite it`);
    throw e;
  }
  process.stdout.write(`Wrote a starter config to ${args.out}. Fill in every TODO, then run: bulk-motions validate --cases ${args.cases.join(' --cases ')} --config ${args.out}\n`);
  return EXIT.ok;
}

/** The options validate and generate share: the inputs, the run date, and how to report. */
function inputOptions<T>(y: Argv<T>) {
  return y
          .option('cases', { type: 'string', array: true, demandOption: true, describe: 'a screened case list (CSV); repeat for several' })
          .option('config', { type: 'string', demandOption: true, describe: 'the county config (YAML)' })
          .option('preset', { choices: ['gogen', 'canonical'] as const, describe: 'input shape; defaults to input.preset in the config' })
          .option('edits', { type: 'string', describe: "a judge's edits (CSV: case_number,action,value,reason); see docs/edits.md" })
          .option('previous', { type: 'string', describe: 'a previous run\'s output folder to report changes against (default: the manifest already in --out)' })
    .option('json', { type: 'boolean', default: false, describe: 'print one JSON report on stdout' })
    .option('as-of', { type: 'string', describe: 'the run date, YYYY-MM-DD (default: today); dates after it are rejected' })
    .option('quiet', { type: 'boolean', default: false, describe: 'print only diagnostics (no progress bars, plan or summary)' });
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
          .option('threads', { type: 'number', default: 2, describe: 'threads for rendering: 2 renders Word files on a second thread while PDFs render (same bytes); 1 renders everything on one' })
          .example('$0 generate --cases All_Results.csv --config la.yaml --out filings', 'every filing of a county')
          .example('$0 generate --cases list.csv --config c.yaml --out out --as-of 2026-11-26 --format docx', 'a reproducible run'),
      async (a) => {
        const formats = String(a.format)
          .split(',')
          .map((f) => f.trim().toLowerCase())
          .filter(Boolean);
        const bad = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
        if (bad.length || formats.length === 0) throw new UsageError(`--format "${a.format}": use ${FORMATS.join(', ')} (comma-separated)`);
        if (!Number.isInteger(a.threads) || a.threads < 1) throw new UsageError(`--threads "${a.threads}": use 1 or 2`);
        exit = await runCommand(runArgs(a), { formats: formats as Format[], threads: a.threads });
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
        exit = await init(a as unknown as { cases: string[]; preset: Preset; out: string; force: boolean });
      },
    )
    .demandCommand(1, 'Name a command: generate, validate, diff or init.')
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
    process.stderr.write(`bulk-motions: fatal: ${(e as Error).stack ?? String(e)}\n`);
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
      process.stderr.write(`bulk-motions: fatal: ${String(e)}\n`);
      process.exitCode = EXIT.fatal;
    },
  );
}
