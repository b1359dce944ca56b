#!/usr/bin/env node
// Experiment for issue 6 (not part of the tool): is counting training records faster, and its
// memory bounded, if records are first spilled to a temporary file in partitions by NIP, and each
// partition then counted with its own small tables (which stay in cache)?
//
//   npm run build && node scripts/experiments/partitioned-count.mjs
//
// Synthetic: 1M employees, 8.4M in-roster records (2% duplicates). Compares, per record:
//   global:      one NIP table and one duplicate set for everything (how one thread counts files
//                under 512 MB, and how worker threads counted before)
//   partitioned: append (NIP halves, key, row, JP) to one of 256 partition buffers, spilled in
//                64 KB blocks; then per partition: its own NIP table, duplicate set and sums
//                (what worker threads now do: src/engine/fast/partitions.ts, 40-byte records).
// Prints each way's time per record, the duplicates each found (they must agree), the bytes
// spilled and the partition buffers' memory. The partitioned way was the faster one, which is why
// worker threads count that way; its figures are in the commit that adopted it.
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeySet, NipTable } from '../../dist/engine/fast/dedup.js';

const E = 1_000_000;
const N = 8_400_000;
const P = 256;
let seed = 99;
const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
const eh = new Uint32Array(E);
const el = new Uint32Array(E);
for (let i = 0; i < E; i++) {
  eh[i] = 196000000 + (rnd() % 4000000);
  el[i] = rnd() % 1000000000;
}
// Records: an employee, a key (2% repeat the key and employee of a record 100 rows before), JP.
const ri = new Uint32Array(N);
const kh = new Uint32Array(N);
const kl = new Uint32Array(N);
const jpv = new Float64Array(N);
for (let k = 0; k < N; k++) {
  const dup = k % 50 === 0 && k > 100;
  ri[k] = dup ? ri[k - 100] : rnd() % E;
  kh[k] = dup ? kh[k - 100] : rnd();
  kl[k] = dup ? kl[k - 100] : rnd();
  jpv[k] = (rnd() % 40) / 2;
}
const fmix = (h) => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};
const partOf = (h, l) => fmix(h ^ Math.imul(l, 0x9e3779b1)) & (P - 1);

{
  const t = new NipTable();
  t.reserve(E);
  for (let i = 0; i < E; i++) t.set(eh[i], el[i], i);
  const ks = new KeySet(N);
  const jp = new Float64Array(E);
  const rec = new Uint32Array(E);
  let dups = 0;
  const t0 = performance.now();
  for (let k = 0; k < N; k++) {
    const i = ri[k];
    const ix = t.get(eh[i], el[i]);
    if (ks.insert(kh[k], kl[k], 1, k) >= 0) {
      dups++;
      continue;
    }
    jp[ix] += jpv[k];
    rec[ix]++;
  }
  console.log(`global:      ${(((performance.now() - t0) * 1e6) / N).toFixed(0)} ns/record, ${dups} duplicates`);
}

{
  const BLK = 2048; // entries of 32 bytes: 64 KB blocks
  const bufs = Array.from({ length: P }, () => new ArrayBuffer(BLK * 32));
  const u32 = bufs.map((b) => new Uint32Array(b));
  const f64 = bufs.map((b) => new Float64Array(b));
  const fill = new Int32Array(P);
  const blocks = Array.from({ length: P }, () => []);
  const file = join(tmpdir(), `jp-audit-partitions-${process.pid}`);
  const fd = openSync(file, 'w+');
  let off = 0;
  const t0 = performance.now();
  for (let k = 0; k < N; k++) {
    const i = ri[k];
    const p = partOf(eh[i], el[i]);
    const at = fill[p]++;
    const u = u32[p];
    const w = at * 8;
    u[w] = eh[i];
    u[w + 1] = el[i];
    u[w + 2] = kh[k];
    u[w + 3] = kl[k];
    u[w + 4] = k;
    f64[p][at * 4 + 3] = jpv[k];
    if (fill[p] === BLK) {
      writeSync(fd, u, 0, BLK * 32, off);
      blocks[p].push(off);
      off += BLK * 32;
      fill[p] = 0;
    }
  }
  const t1 = performance.now();
  const members = Array.from({ length: P }, () => []);
  for (let i = 0; i < E; i++) members[partOf(eh[i], el[i])].push(i);
  const jp = new Float64Array(E);
  const rec = new Uint32Array(E);
  const rb = new ArrayBuffer(BLK * 32);
  const ru = new Uint32Array(rb);
  const rf = new Float64Array(rb);
  let dups = 0;
  const t2 = performance.now();
  for (let p = 0; p < P; p++) {
    const t = new NipTable();
    t.reserve(members[p].length);
    for (const i of members[p]) t.set(eh[i], el[i], i);
    const ks = new KeySet(Math.ceil((N / P) * 1.2));
    const count = (u, f, n) => {
      for (let a = 0; a < n; a++) {
        const w = a * 8;
        const ix = t.get(u[w], u[w + 1]);
        if (ks.insert(u[w + 2], u[w + 3], 1, u[w + 4]) >= 0) {
          dups++;
          continue;
        }
        jp[ix] += f[a * 4 + 3];
        rec[ix]++;
      }
    };
    for (const o of blocks[p]) {
      readSync(fd, ru, 0, BLK * 32, o);
      count(ru, rf, BLK);
    }
    count(u32[p], f64[p], fill[p]);
  }
  const t3 = performance.now();
  closeSync(fd);
  unlinkSync(file);
  const ns = (ms) => ((ms * 1e6) / N).toFixed(0);
  console.log(`partitioned: ${ns(t3 - t2 + t1 - t0)} ns/record (append and spill ${ns(t1 - t0)}, count ${ns(t3 - t2)}), ${dups} duplicates, ${(off / 1e6).toFixed(0)} MB spilled`);
}
