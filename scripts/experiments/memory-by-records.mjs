#!/usr/bin/env node
// Issue 6: does memory follow the employees, not the records? Runs the audit (no report) through
// the worker threads on a bench data folder and prints the peak RSS, with every finding listed or
// with findings limited (findings are output, bounded by the limit, and grow with the records).
//
//   npm run bench -- --sizes small,records10x --runs 1 --dir /tmp/bench    # makes the data
//   npm run build && node scripts/experiments/memory-by-records.mjs /tmp/bench/small 1000
//   node scripts/experiments/memory-by-records.mjs /tmp/bench/records10x 1000
//
// One process per run (peak RSS is the process's). With the findings limited, the peak should
// barely move from 1M to 10M records; with every finding listed, it grows with the findings.
import { runCheck } from '../../dist/index.js';

const [dir, limit = '100000'] = process.argv.slice(2);
if (!dir) throw new Error('usage: memory-by-records.mjs DATA_DIR [FINDINGS_LIMIT]');
const r = await runCheck({ staff: `${dir}/staff.csv`, training: [`${dir}/training.csv`], year: 2025, parallelFrom: 0, maxFindings: Number(limit) });
const peak = process.resourceUsage().maxRSS / 1024;
console.log(`${dir}: findings limit ${limit}, ${r.findings.length} findings listed, ${r.threads} threads, peak ${peak.toFixed(0)} MB`);
