#!/usr/bin/env node
/**
 * Builds the web page (web/) into dist/web/: the TypeScript checked with tsc,
 * bundled with esbuild into one app.js, and the HTML, CSS and icon copied.
 * Everything the page loads comes from here: no CDN.
 */
const { execFileSync } = require('node:child_process');
const { copyFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist', 'web');
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'web', 'tsconfig.json')], { stdio: 'inherit' });
mkdirSync(out, { recursive: true });
require('esbuild').buildSync({
  entryPoints: [path.join(root, 'web', 'src', 'main.ts')],
  bundle: true,
  format: 'iife',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  outfile: path.join(out, 'app.js'),
  logLevel: 'warning',
});
for (const f of ['index.html', 'app.css', 'favicon.svg']) copyFileSync(path.join(root, 'web', f), path.join(out, f));
