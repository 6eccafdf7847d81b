// Builds the board (SPEC §8) into dist/board: one minified ES module bundle, its stylesheet and
// index.html. Usage: node apps/board/build.mjs [--outdir <dir>]
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const flag = process.argv.indexOf('--outdir');
const outdir = resolve(flag >= 0 ? process.argv[flag + 1] : join(here, '../../dist/board'));

const started = performance.now();
await mkdir(outdir, { recursive: true });
await Promise.all([
  build({
    entryPoints: [join(here, 'src/main.ts')],
    outfile: join(outdir, 'board.js'),
    bundle: true,
    format: 'esm',
    minify: true,
    sourcemap: 'linked',
    // Current Chromium and Firefox (SPEC §8); nothing older needs serving.
    target: ['chrome120', 'firefox120'],
    legalComments: 'linked',
    logLevel: 'warning',
  }),
  build({
    entryPoints: [join(here, 'src/board.css')],
    outfile: join(outdir, 'board.css'),
    bundle: true,
    minify: true,
    logLevel: 'warning',
  }),
  copyFile(join(here, 'src/index.html'), join(outdir, 'index.html')),
]);
console.log(`board built into ${outdir} in ${Math.round(performance.now() - started)} ms`);
