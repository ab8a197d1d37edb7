/**
 * The parts of a Word package as docx writes them, without its zip, and the
 * parts every document of a style set shares written once.
 */
import { Packer, type Document } from 'docx';
import { unzipSync } from 'fflate';

type Compile = (file: Document, prettify: undefined, overrides: never[]) => Map<string, string | Uint8Array>;
const compiler = (Packer as unknown as { compiler?: { compile?: Compile } }).compiler;

/**
 * Parts every document with the same styles shares, by what docx builds them
 * from: the styles (about 8 KB) and the theme (8 KB, always the same). docx
 * builds and writes both for every document; they are written once and the
 * text reused (the same text, tested).
 */
const SHARED = [
  { path: 'word/styles.xml', field: 'styles' },
  { path: 'word/theme/theme1.xml', field: 'theme' },
] as const;
const sharedParts = new Map<string, Map<string, string>>();
/** What docx writes in a shared part's place before its text is put back. */
const PLACEHOLDER = { prepForXml: () => ({ 'bm:shared': {} }) };

/**
 * The package's parts by their paths, as docx writes them. docx's Packer
 * zips them (deflating in JavaScript) and this file would only take them out
 * again: its compiler gives them unzipped, the same text. Where a docx
 * version lacks it, the zip is read back (the same parts either way, tested).
 * `sharedKey` names what the shared parts depend on (the styles); without it
 * every part is written anew.
 */
export async function packageParts(doc: Document, sharedKey?: string, viaZip = !compiler?.compile): Promise<Map<string, string | Uint8Array>> {
  if (viaZip) {
    const packed = await Packer.toBuffer(doc);
    // Read back with fflate, synchronously: a few parts, a few kilobytes each.
    return new Map(Object.entries(unzipSync(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength))));
  }
  const known = sharedKey === undefined ? undefined : sharedParts.get(sharedKey);
  if (!known) {
    const parts = compiler!.compile!.call(compiler, doc, undefined, []);
    if (sharedKey !== undefined) sharedParts.set(sharedKey, new Map(SHARED.map((s) => [s.path, parts.get(s.path) as string])));
    return parts;
  }
  const file = doc as unknown as Record<string, unknown>;
  // Theme colours are looked up while other parts are written: the placeholder keeps them.
  for (const s of SHARED) file[s.field] = { ...PLACEHOLDER, Colors: (file[s.field] as { Colors?: unknown }).Colors };
  const parts = compiler!.compile!.call(compiler, doc, undefined, []);
  for (const s of SHARED) parts.set(s.path, known.get(s.path)!);
  return parts;
}
