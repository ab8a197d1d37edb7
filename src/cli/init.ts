/** init: a starter config from a case list. */
import { promises as fs } from 'node:fs';
import type { Preset } from '../ingest';
import { initConfig } from '../init';
import { openInput } from '../io/files';
import { fsDiagnostic } from '../io/fs-errors';
import { checkInputs, inputDiagnostic, ROLES } from '../io/inputs';
import { terminal, type Terminal } from './color';
import { printDiagnostics } from './print';
import { EXIT } from './run';
import { UsageError } from './usage';

export async function initCommand(args: { cases: string[]; preset: Preset; out: string; force: boolean }, term: Terminal = terminal()): Promise<number> {
  const print = (ds: Parameters<typeof printDiagnostics>[0]) => printDiagnostics(ds, (s) => process.stderr.write(s + '\n'), term.err);
  const problems = checkInputs(args.cases.map((p) => ({ path: p, role: ROLES.cases, kind: 'file' })));
  if (problems.length) {
    print(problems);
    return EXIT.fatal;
  }
  const inputs = args.cases.map((file) => ({ name: file, stream: openInput(file).stream }));
  let made: Awaited<ReturnType<typeof initConfig>>;
  try {
    made = await initConfig(inputs, args.preset);
  } catch (e) {
    // A list that fails while it is read (a disk error, a file that went away): said as its diagnostic.
    const d = inputDiagnostic(e, { path: (e as NodeJS.ErrnoException).path ?? '', role: ROLES.cases, kind: 'file' });
    if (!d) throw e;
    print([d]);
    return EXIT.fatal;
  }
  const { yaml, diagnostics } = made;
  print(diagnostics);
  if (diagnostics.some((d) => d.severity === 'fatal')) return EXIT.fatal;
  try {
    await fs.writeFile(args.out, yaml, { flag: args.force ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${args.out} already exists; pass --force to overwrite it`);
    const d = fsDiagnostic(e, 'write');
    if (!d) throw e;
    print([d]);
    return EXIT.fatal;
  }
  process.stdout.write(`Wrote a starter config to ${args.out}. Fill in every TODO, then run: bulk-motions validate --cases ${args.cases.join(' --cases ')} --config ${args.out}\n`);
  return EXIT.ok;
}
