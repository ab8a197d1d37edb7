/** Read the bundled fonts (fonts/liberation-serif, SIL OFL) once per run. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from './files';
import { FONT_FILES, FONT_KEYS, metricsFrom, type FontBytes, type Metrics } from '../render/pdf/fonts';

const fontDir = () => path.join(packageRoot(), 'fonts', 'liberation-serif');

let loaded: { bytes: FontBytes; metrics: Metrics } | undefined;

export function loadFonts(): { bytes: FontBytes; metrics: Metrics } {
  if (loaded) return loaded;
  const bytes = {} as FontBytes;
  for (const k of FONT_KEYS) bytes[k] = readFileSync(path.join(fontDir(), FONT_FILES[k]));
  loaded = { bytes, metrics: metricsFrom(bytes) };
  return loaded;
}
