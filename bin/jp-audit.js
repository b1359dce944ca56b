#!/usr/bin/env node
// The bundled CLI (npm run build): a handful of files to load instead of about 170 modules.
import { prestart } from '../dist/bundle/early.js';

// Worker threads for large training files start loading first, alongside the rest (src/cli/early.ts).
prestart(process.argv.slice(2));
const { main } = await import('../dist/bundle/cli.js');

process.exitCode = await main(process.argv.slice(2));
