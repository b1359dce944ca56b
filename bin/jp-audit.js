#!/usr/bin/env node
// The bundled CLI (npm run build): a handful of files to load instead of about 170 modules.
import { main } from '../dist/bundle/cli.js';

process.exitCode = await main(process.argv.slice(2));
