/**
 * Read the template set: the defaults shipped in templates/, with any file of
 * the user's folder (config `templates:`) taking the place of its default.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { diag, type Diagnostic } from '../diagnostics/catalog';
import type { TemplateSet, TemplateSource } from '../compose/handlebars';
import { packageRoot } from './files';
import { checkInput, inputDiagnostic } from './inputs';

export const defaultTemplates = () => path.join(packageRoot(), 'templates');

/** Every citation and statement of law (docs/templates.md). */
export const LAW_FILE = 'law.yaml';

/** A file's text; an error reading it names the file (EISDIR on a folder named x.hbs does not by itself). */
async function readText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (typeof e === 'object' && e !== null && err.path === undefined) err.path = file;
    throw e;
  }
}

async function readDir(dir: string, rel: string): Promise<Map<string, TemplateSource>> {
  const out = new Map<string, TemplateSource>();
  const full = path.join(dir, rel);
  if (!existsSync(full)) return out;
  for (const f of (await fs.readdir(full)).sort()) {
    if (!f.endsWith('.hbs')) continue;
    const file = path.join(full, f);
    const rel = path.relative(process.cwd(), file);
    out.set(f.slice(0, -4), { name: f.slice(0, -4), origin: rel && !rel.startsWith('..') ? rel : file, text: await readText(file) });
  }
  return out;
}

/** `userDir` is resolved against the config file's folder. A file system error reading a template is its diagnostic. */
export async function loadTemplates(configFile: string, userDir: string | undefined): Promise<{ set?: TemplateSet; diagnostics: Diagnostic[] }> {
  try {
    return await readTemplates(configFile, userDir);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const folder = err.syscall === 'scandir' || err.syscall === 'opendir';
    const d = inputDiagnostic(e, { path: err.path ?? '', role: folder ? 'a templates folder' : 'a template', kind: folder ? 'folder' : 'file' });
    if (!d) throw e;
    return { diagnostics: [d] };
  }
}

async function readTemplates(configFile: string, userDir: string | undefined): Promise<{ set?: TemplateSet; diagnostics: Diagnostic[] }> {
  const documents = await readDir(defaultTemplates(), '.');
  const partials = await readDir(defaultTemplates(), 'partials');
  if (userDir !== undefined) {
    const dir = path.resolve(path.dirname(configFile), userDir);
    if (!existsSync(dir)) {
      return { diagnostics: [diag('BM705', { file: configFile, column: 'templates' }, `the templates folder "${userDir}" does not exist (looked in ${dir})`, 'fix templates: in the config, relative to the config file, or remove it to use the defaults')] };
    }
    const problem = checkInput({ path: dir, role: `the templates folder (templates: in ${configFile})`, kind: 'folder' });
    if (problem) return { diagnostics: [problem] };
    for (const [k, v] of await readDir(dir, '.')) documents.set(k, v);
    for (const [k, v] of await readDir(dir, 'partials')) partials.set(k, v);
  }
  // The law table: the user's folder's law.yaml, if it has one, replaces the default whole.
  const userLaw = userDir !== undefined ? path.join(path.resolve(path.dirname(configFile), userDir), LAW_FILE) : undefined;
  const lawFile = userLaw && existsSync(userLaw) ? userLaw : path.join(defaultTemplates(), LAW_FILE);
  const rel = path.relative(process.cwd(), lawFile);
  const law: TemplateSource = { name: 'law', origin: rel && !rel.startsWith('..') ? rel : lawFile, text: await readText(lawFile) };
  return { set: { documents, partials, law }, diagnostics: [] };
}
