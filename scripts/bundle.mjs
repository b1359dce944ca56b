#!/usr/bin/env node
// npm run build:bundle: the command-line tool and its worker threads as a few files (esbuild).
//
// Unbundled, the CLI loads its modules one by one, a start-up that outweighs the whole audit of a
// small file; bundled, it loads a handful. Input is tsc's output in dist/ (the code the tests check); output goes to dist/bundle/,
// which bin/jp-audit.js runs. The library (`import 'jp-audit'`) stays dist/index.js, unbundled.
// Code that is loaded only when needed (renderers, exceljs, yaml, iconv-lite) stays apart: the
// renderers as chunks of their own, the packages from node_modules (SheetJS for .xls too).
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(dist, 'bundle');
rmSync(out, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { early: 'dist/cli/early.js', cli: 'dist/cli/main.js', 'engine/fast/parallel/worker': 'dist/engine/fast/parallel/worker.js', 'report/worker': 'dist/report/worker.js', 'io/xls-worker': 'dist/io/xls-worker.js' },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['exceljs', 'yaml', 'iconv-lite', '@e965/xlsx'],
  // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
  banner: { js: "import { createRequire as __jpAuditRequire } from 'node:module'; const require = __jpAuditRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
});
// The WebAssembly kernels sit beside the bundled code, as they sit beside dist/'s (see src/workers.ts).
for (const f of readdirSync(dist)) if (f.endsWith('.wasm')) copyFileSync(join(dist, f), join(out, f));
