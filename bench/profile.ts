/**
 * npm run bench:profile -- 66000 pdf|docx|write|ingest [out.cpuprofile]
 *
 * Profiles one stage of the bench's job (bench/run.ts) alone: everything
 * before it runs unprofiled, then the V8 profiler (node:inspector) records the
 * stage. Prints the functions with the most self time and the files they are
 * in, and writes the .cpuprofile (Chrome DevTools opens it). The same as
 * `node --cpu-prof`, without the stages before it in the picture.
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';
import { composeAll, renderDocuments } from '../src/documents';
import { loadFonts } from '../src/io/fonts';
import { loadTemplates } from '../src/io/templates';
import { Staging } from '../src/io/staging';
import { describe, manifestFile, outputFiles } from '../src/output/manifest';
import { runPipeline } from '../src/pipeline';

const root = path.join(__dirname, '..', '..');
const CONFIG = path.join(root, 'samples', 'los-angeles', 'config.yaml');

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time per function and per file, from the profile's samples. */
function summarise(profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] }, top = 30): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    const where = f.url ? f.url.replace(/^file:\/\//, '').replace(root + '/', '') : '(native)';
    const name = `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    const short = where.replace(/^node_modules\/((@[^/]+\/)?[^/]+).*/, '$1');
    file.set(short, (file.get(short) ?? 0) + us);
  }
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  return `total ${(total / 1000).toFixed(0)} ms\n\nby function (self):\n${list(fn)}\n\nby file or package (self):\n${list(file)}\n`;
}

async function main(): Promise<void> {
  const [n = '66000', stage = 'pdf', out] = process.argv.slice(2);
  const file = path.join(root, 'bench', 'data', `la-${n}.csv`);
  if (!existsSync(file)) throw new Error(`${file} is missing: npm run bench -- ${n} makes it`);
  const configText = readFileSync(CONFIG, 'utf8');
  const asOf = '2026-11-26';
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  const profiled = async <T>(fn: () => Promise<T> | T): Promise<T> => {
    await session.post('Profiler.start');
    const t0 = Date.now();
    const c0 = process.cpuUsage();
    const r = await fn();
    const ms = Date.now() - t0;
    const cpu = process.cpuUsage(c0);
    const { profile } = await session.post('Profiler.stop');
    const to = out ?? path.join(root, 'bench', 'results', `${stage}-${n}.cpuprofile`);
    mkdirSync(path.dirname(to), { recursive: true });
    writeFileSync(to, JSON.stringify(profile));
    process.stdout.write(`${stage} at ${n}: ${ms} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU; profile in ${to}\n${summarise(profile as never)}`);
    return r;
  };
  const run = () => runPipeline({ configText, configFile: CONFIG, cases: [{ name: file, open: () => createReadStream(file) }], asOf });
  if (stage === 'ingest') {
    await profiled(run);
    return;
  }
  const result = await run();
  const plan = result.plan!;
  const config = result.config!;
  const t = await loadTemplates(CONFIG, undefined);
  const fonts = loadFonts();
  const composed = composeAll({ plan, config, templates: t.set!, asOf, formats: [], fonts }).models!;
  if (stage === 'write') {
    // As generate writes them: each listing staged on disk piece by piece, then the manifest.
    const dir = path.join(root, 'bench', 'out', 'profile');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.dirname(dir), { recursive: true });
    const staged = await Staging.open(dir, 'profile');
    await profiled(async () => {
      const all = [];
      for (const f of outputFiles(result, [])) all.push(await staged.put(f));
      await staged.commit([manifestFile(result, { toolVersion: 'bench', asOf, config: { file: CONFIG, sha256: '' }, inputs: [] }, all)], undefined);
    });
    return;
  }
  const formats = stage === 'docx' ? (['docx'] as const) : (['pdf'] as const);
  await profiled(() => renderDocuments({ plan, config, templates: t.set!, asOf, formats, fonts, composed, emit: async (f) => describe(f) }));
}

void main();
