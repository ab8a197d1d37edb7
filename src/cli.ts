#!/usr/bin/env node
/**
 * bulk-motions command line. The I/O edge: it reads files and the clock,
 * writes outputs and sets the exit code. Everything else is in the core.
 */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { promises as fs } from 'node:fs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { printDiagnostics, printPlan, printReconciliation } from './cli/print';
import { initConfig } from './init';
import { openInput, toolVersion, writeOutputs } from './io/files';
import { buildOutputs, report, sha256, type OutputFile } from './output/manifest';
import { FORMATS, renderDocuments, type Format } from './documents';
import { loadTemplates } from './io/templates';
import { loadFonts } from './io/fonts';
import { exitCodeFor, runPipeline, type CaseInput } from './pipeline';
import type { Preset } from './ingest';

dayjs.extend(customParseFormat);

export const EXIT = { ok: 0, fatal: 1, usage: 2, attention: 3 } as const;

class UsageError extends Error {}

function asOfDate(value: string | undefined): string {
  if (value === undefined) return dayjs().format('YYYY-MM-DD'); // the clock, read at the edge
  const d = dayjs(value, 'YYYY-MM-DD', true);
  if (!d.isValid()) throw new UsageError(`--as-of "${value}" is not a date written YYYY-MM-DD`);
  return value;
}

interface CommonArgs {
  cases: string[];
  config: string;
  preset?: Preset;
  out?: string;
  json: boolean;
  'as-of'?: string;
  quiet: boolean;
}

async function validate(args: CommonArgs, generate?: { formats: Format[] }): Promise<number> {
  const asOf = asOfDate(args['as-of']);
  const log = (s: string) => (args.json || args.quiet ? undefined : process.stdout.write(s + '\n'));
  const err = (s: string) => process.stderr.write(s + '\n');
  let configText: string;
  try {
    configText = await fs.readFile(args.config, 'utf8');
  } catch (e) {
    err(`${args.config}: fatal BM601 config-unreadable: ${(e as Error).message}`);
    return EXIT.fatal;
  }
  const opened = new Map<string, ReturnType<typeof openInput>>();
  for (const file of args.cases) {
    try {
      await fs.access(file);
    } catch {
      err(`${file}: fatal BM101 file-unreadable: the case list cannot be opened (check the path)`);
      return EXIT.fatal;
    }
  }
  const cases: CaseInput[] = args.cases.map((file) => ({
    name: file,
    open() {
      const o = openInput(file);
      opened.set(file, o);
      return o.stream;
    },
  }));
  const result = await runPipeline({ configText, configFile: args.config, cases, preset: args.preset, asOf });
  const code = exitCodeFor(result);

  if (args.json && !generate) process.stdout.write(JSON.stringify(report(result), null, 2) + '\n');
  else if (!args.json) {
    printDiagnostics(result.diagnostics, err);
    printPlan(result, log);
    printReconciliation(result, log);
  }
  if (result.fatal) {
    if (!args.json) err('Stopped: nothing was written. Fix the errors above and run again.');
    return EXIT.fatal;
  }
  let documents: OutputFile[] = [];
  if (generate) {
    const t = await loadTemplates(args.config, result.config!.templates);
    const fonts = loadFonts();
    const r = t.set ? await renderDocuments({ plan: result.plan!, config: result.config!, templates: t.set, asOf, formats: generate.formats, fonts, producer: `bulk-motions ${toolVersion()}` }) : { diagnostics: t.diagnostics };
    if (!r.files) {
      if (args.json) process.stdout.write(JSON.stringify(report(result, [...result.diagnostics, ...r.diagnostics]), null, 2) + '\n');
      printDiagnostics(r.diagnostics, err);
      err('Stopped: no documents were written. Fix the template errors above and run again.');
      return EXIT.fatal;
    }
    documents = r.files;
  }
  if (args.out) {
    const files = buildOutputs(result, {
      toolVersion: toolVersion(),
      asOf,
      config: { file: args.config, sha256: sha256(configText) },
      inputs: args.cases.map((f) => ({ file: f, sha256: opened.get(f)?.digest() ?? '' })),
    }, documents);
    await writeOutputs(args.out, files);
    log(`Wrote ${files.length} files to ${args.out}`);
  }
  if (generate && args.json) process.stdout.write(JSON.stringify({ ...report(result), documents: documents.map((d) => ({ path: d.path, kind: d.kind, format: d.format, bytes: d.content.length })) }, null, 2) + '\n');
  if (code === EXIT.attention && !args.json) {
    const c = result.reconciliation!.counts;
    err(`Attention: ${c.reviewRows} row(s) need review and ${c.rejectedRows} row(s) were rejected; see review.csv and rejects.csv${args.out ? ` in ${args.out}` : ' (use --out to write them)'}.`);
  }
  return code;
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

export async function main(argv: string[]): Promise<number> {
  let exit: number = EXIT.ok;
  const parser = yargs(argv)
    .scriptName('bulk-motions')
    .usage('$0 <command> [options]\n\nTurn screened case lists into bulk Prop 64 motions and proposed orders.')
    .command(
      'validate',
      'Read the case lists, plan the filings, and report every row not filed.',
      (y) =>
        y
          .option('cases', { type: 'string', array: true, demandOption: true, describe: 'a screened case list (CSV); repeat for several' })
          .option('config', { type: 'string', demandOption: true, describe: 'the county config (YAML)' })
          .option('preset', { choices: ['gogen', 'canonical'] as const, describe: 'input shape; defaults to input.preset in the config' })
          .option('out', { type: 'string', describe: 'folder for plan.json, index.csv, review.csv, rejects.csv, excluded.csv, manifest.json' })
          .option('json', { type: 'boolean', default: false, describe: 'print one JSON report on stdout' })
          .option('as-of', { type: 'string', describe: 'the run date, YYYY-MM-DD (default: today); dates after it are rejected' })
          .option('quiet', { type: 'boolean', default: false, describe: 'print only diagnostics' })
          .example('$0 validate --cases All_Results.csv --config la.yaml --preset gogen --out out', 'plan from a gogen file')
          .example('$0 validate --cases a.csv --cases b.csv --config county.yaml --json', 'a JSON report for scripts'),
      async (a) => {
        exit = await validate(a as unknown as CommonArgs);
      },
    )
    .command(
      'generate',
      'Plan the filings and write each one\'s motion and proposed order, with Exhibit A, on pleading paper.',
      (y) =>
        y
          .option('cases', { type: 'string', array: true, demandOption: true, describe: 'a screened case list (CSV); repeat for several' })
          .option('config', { type: 'string', demandOption: true, describe: 'the county config (YAML)' })
          .option('preset', { choices: ['gogen', 'canonical'] as const, describe: 'input shape; defaults to input.preset in the config' })
          .option('out', { type: 'string', demandOption: true, describe: 'output folder: DIR/<filing-id>/motion.docx, order.docx, motion.pdf and order.pdf, plus everything validate writes' })
          .option('format', { type: 'string', default: 'docx,pdf', describe: `comma-separated document formats: ${FORMATS.join(', ')}` })
          .option('json', { type: 'boolean', default: false, describe: 'print one JSON report on stdout' })
          .option('as-of', { type: 'string', describe: 'the run date, YYYY-MM-DD (default: today); dates after it are rejected' })
          .option('quiet', { type: 'boolean', default: false, describe: 'print only diagnostics' })
          .example('$0 generate --cases All_Results.csv --config la.yaml --out filings', 'every filing of a county')
          .example('$0 generate --cases list.csv --config c.yaml --out out --as-of 2026-11-26 --format docx', 'a reproducible run'),
      async (a) => {
        const formats = String(a.format)
          .split(',')
          .map((f) => f.trim().toLowerCase())
          .filter(Boolean);
        const bad = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
        if (bad.length || formats.length === 0) throw new UsageError(`--format "${a.format}": use ${FORMATS.join(', ')} (comma-separated)`);
        exit = await validate(a as unknown as CommonArgs, { formats: formats as Format[] });
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
    .demandCommand(1, 'Name a command: generate, validate or init.')
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
