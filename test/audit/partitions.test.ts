import { openSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Audit } from '../../src/engine/fast/audit.js';
import type { RecordOutcome, TrainingRecord } from '../../src/audit/types.js';
import { Deferred, DeferredCounter, PARTS, Partitions, partOf, rosterParts, settle } from '../../src/engine/fast/partitions.js';
import { JpAuditError } from '../../src/errors.js';
import { type BlockStore, fileStore, TempFile } from '../../src/io/tempfile.js';
import { DEFAULT_POLICY } from '../../src/policy/policy.js';

/** Blocks in memory, to test without files. */
function memoryStore(): BlockStore {
  const blocks = new Map<number, Uint8Array>();
  return {
    write: (bytes, at) => void blocks.set(at, bytes.slice()),
    read(into, at) {
      const b = blocks.get(at);
      if (b === undefined || b.length !== into.length) throw new Error(`memory store: no block of ${into.length} bytes at ${at}`);
      into.set(b);
    },
  };
}

const NIPS = ['198503152010011001', '199001012015032002', '199507172024211001', '200001012025011006', '199205102019032004'];
const OFF_ROSTER = '197001012000011001';

const record = fc.record({
  nip: fc.constantFrom(...NIPS, OFF_ROSTER),
  training: fc.constantFrom('Bimtek A', 'bimtek  a', 'Bimtek B', ''),
  start: fc.constantFrom(20250301, 20250302),
  end: fc.constantFrom(20250302, 20250303, 20260101),
  jp: fc.constantFrom(1, 2, 2.5),
});

/** Each outcome as one line, for comparing the two counters. */
function line(file: number, row: number, o: RecordOutcome): string {
  if (o.kind === 'duplicate') return `${file}:${row} duplicate of ${o.first.file}:${o.first.row}`;
  if (o.kind === 'unknown-nip') return `${file}:${row} unknown${o.rejectedAt ? ` rejected ${o.rejectedAt.row}` : ''}`;
  return `${file}:${row} ${o.kind}`;
}

// `settle` counts with the WebAssembly settle kernel unless JP_AUDIT_KERNEL=js; both must give
// what counting at once gives.
describe.each(['kernel', 'js'])('deferred counting (%s) gives what counting at once gives (differential)', (kernel) => {
  beforeAll(() => {
    if (kernel === 'js') process.env.JP_AUDIT_KERNEL = 'js';
  });
  afterAll(() => {
    delete process.env.JP_AUDIT_KERNEL;
  });

  it('same JP, records, outcomes and first copies, across files, with blocks spilled or not', () => {
    fc.assert(
      fc.property(fc.array(fc.array(record, { maxLength: 60 }), { minLength: 1, maxLength: 3 }), fc.constantFrom(1, 2, 7, 1024), fc.boolean(), fc.nat(), (files, blockRecords, onDisk, seed) => {
        const audit = new Audit(2025, DEFAULT_POLICY);
        NIPS.forEach((nip, i) => audit.addEmployee({ nip, name: `P${i}`, type: 'PNS', opd: 'Dinas' }, { file: 0, row: i + 2 }));
        audit.noteRejectedEmployee(OFF_ROSTER, { file: 0, row: 9 });
        const temp = onDisk ? new TempFile() : undefined;
        try {
          const store = temp ? fileStore(temp.fd, temp.dir) : memoryStore();
          const deferred = new DeferredCounter(2025, 20251231, store, blockRecords);
          const now: string[] = [];
          const later: string[] = [];
          files.forEach((records: TrainingRecord[], f) => {
            records.forEach((r, k) => {
              const file = f + 1;
              const row = k + 2;
              const o = audit.addRecord(r, { file, row });
              if (o.kind !== 'outside-period') now.push(line(file, row, o));
              if (deferred.addRecord(r, { file, row }, 1000 * file + row) === 'outside-period') expect(o.kind).toBe('outside-period');
              else expect(o.kind).not.toBe('outside-period');
            });
          });
          const jp = new Float64Array(NIPS.length);
          const records = new Uint32Array(NIPS.length);
          const out = new Deferred();
          deferred.parts.endFile();
          // Counted in two shares of the partitions, as two threads do, into the same arrays: any
          // split gives the same.
          const sources = [{ store, index: deferred.parts.blockIndex() }];
          const first = (p: number) => ((Math.imul(p + 1, 0x9e3779b1) ^ seed) >>> 7) % 2 === 0;
          settle(sources, first, audit.rosterIndex(), jp, records, out);
          settle(sources, (p) => !first(p), audit.rosterIndex(), jp, records, out);
          const rejected = new Map(audit.rosterIndex().rejected);
          const counted = new Map<number, number>();
          for (const k of out.ordered()) {
            const file = out.file[k]!;
            const row = out.row[k]!;
            // The byte offset comes back with the record.
            expect(out.at[k]).toBe(1000 * file + row);
            // A duplicate's first copy comes with its offset too (its key is read again there).
            if (out.kind[k] === Deferred.DUPLICATE) expect(out.firstAt[k]).toBe(1000 * out.a[k]! + out.b[k]!);
            if (out.kind[k] === Deferred.DUPLICATE) later.push(line(file, row, { kind: 'duplicate', first: { file: out.a[k]!, row: out.b[k]! } }));
            else {
              const rejectedAt = rejected.get(OFF_ROSTER);
              later.push(line(file, row, rejectedAt ? { kind: 'unknown-nip', rejectedAt } : { kind: 'unknown-nip' }));
            }
          }
          for (const l of now) if (l.endsWith(' counted')) counted.set(Number(l.split(':')[0]), (counted.get(Number(l.split(':')[0])) ?? 0) + 1);
          expect(later).toEqual(now.filter((l) => !l.endsWith(' counted')));
          expect(out.counted).toEqual(counted);
          expect([...jp]).toEqual([...audit.counter.jp.subarray(0, NIPS.length)]);
          expect([...records]).toEqual([...audit.counter.records.subarray(0, NIPS.length)]);
          // Every record went through the store, in blocks of one file each.
          expect(deferred.parts.bytesSpilled).toBe(deferred.parts.size * 40);
          const index = deferred.parts.blockIndex();
          expect([...index.n].every((n) => n >= 1 && n <= blockRecords)).toBe(true);
        } finally {
          temp?.close();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('counts the records of several threads\' blocks in file order: first copies across threads and files', () => {
    const audit = new Audit(2025, DEFAULT_POLICY);
    NIPS.forEach((nip, i) => audit.addEmployee({ nip, name: `P${i}`, type: 'PNS', opd: 'Dinas' }, { file: 0, row: i + 2 }));
    // File 1 rows 2-3 read by thread A, rows 4-5 by thread B; file 2 rows 2-3 by A. All one key.
    const r = { nip: NIPS[0]!, training: 'Bimtek', start: 20250301, end: 20250301, jp: 2 };
    const [storeA, storeB] = [memoryStore(), memoryStore()];
    const a = new DeferredCounter(2025, 20251231, storeA, 1);
    const b = new DeferredCounter(2025, 20251231, storeB, 1);
    a.addRecord(r, { file: 1, row: 2 }, 0);
    a.addRecord({ ...r, training: 'Lain' }, { file: 1, row: 3 }, 0);
    b.addRecord(r, { file: 1, row: 4 }, 0);
    b.addRecord({ ...r, training: 'Lain' }, { file: 1, row: 5 }, 0);
    a.addRecord(r, { file: 2, row: 2 }, 0);
    a.parts.endFile();
    b.parts.endFile();
    const out = new Deferred();
    const jp = new Float64Array(NIPS.length);
    // Thread A's blocks come first (it read the start of file 1), then B's; then file 2.
    settle([{ store: storeB, index: b.parts.blockIndex() }, { store: storeA, index: a.parts.blockIndex() }].reverse(), () => true, audit.rosterIndex(), jp, new Uint32Array(NIPS.length), out);
    const dups = [...out.ordered()].map((k) => `${out.file[k]}:${out.row[k]} of ${out.a[k]}:${out.b[k]}`);
    expect(dups).toEqual(['1:4 of 1:2', '1:5 of 1:3', '2:2 of 1:2']);
    expect(jp[0]).toBe(4);
    expect(out.counted.get(1)).toBe(2);
  });
});

describe('the roster grouped by partition (rosterParts)', () => {
  const grouped = (hi: Uint32Array, lo: Uint32Array, n: number, kernel: boolean) => {
    if (!kernel) process.env.JP_AUDIT_KERNEL = 'js';
    try {
      const { start, triples } = rosterParts(hi, lo, n);
      return { start: [...start], triples: [...triples] };
    } finally {
      delete process.env.JP_AUDIT_KERNEL;
    }
  };

  it('the kernel groups as the JavaScript does: each partition its NIPs, in roster order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff })), { maxLength: 3000 }), fc.nat({ max: 20 }), (nips, spare) => {
        // Columns longer than the roster (they grow ahead of it): the rest is not read.
        const n = nips.length;
        const hi = new Uint32Array(n + spare).fill(7);
        const lo = new Uint32Array(n + spare).fill(9);
        nips.forEach(([h, l], i) => {
          hi[i] = h;
          lo[i] = l;
        });
        const js = grouped(hi, lo, n, false);
        expect(grouped(hi, lo, n, true)).toEqual(js);
        expect(js.start[0]).toBe(0);
        expect(js.start[PARTS]).toBe(n);
        for (let p = 0; p < PARTS; p++) {
          const indexes: number[] = [];
          for (let k = js.start[p]!; k < js.start[p + 1]!; k++) {
            const [h, l, i] = js.triples.slice(3 * k, 3 * k + 3) as [number, number, number];
            expect([h, l, partOf(h, l)]).toEqual([hi[i], lo[i], p]);
            indexes.push(i);
          }
          expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('partitions', () => {
  it('take records sorted by partition (the training kernel\'s) as they take them one at a time', () => {
    // A kept record: NIP halves, key halves, file, row, then JP and byte offset (doubles).
    const kept = fc.record({ nip: fc.nat({ max: 11 }), key: fc.nat(), row: fc.nat({ max: 1e6 }), jp: fc.double({ min: 0, max: 50, noNaN: true }), at: fc.nat() });
    // Runs of records: the kernel's (sorted, `addSorted`) or one the JavaScript reader takes (`add`).
    const run = fc.record({ sorted: fc.boolean(), file: fc.integer({ min: 1, max: 3 }), records: fc.array(kept, { maxLength: 40 }) });
    fc.assert(
      fc.property(fc.array(run, { maxLength: 12 }), fc.constantFrom(1, 2, 3, 7, 1024), (runs, blockRecords) => {
        const halves = (n: number) => [196000000 + n * 7919, 10011001 + n * 104729] as const;
        const [storeA, storeB] = [memoryStore(), memoryStore()];
        const one = new Partitions(storeA, blockRecords);
        const sorted = new Partitions(storeB, blockRecords);
        // Files come in order, as the readers add them.
        for (const r of [...runs].sort((x, y) => x.file - y.file)) {
          for (const x of r.records) {
            const [hi, lo] = halves(x.nip);
            one.add(hi, lo, x.key, x.key ^ 5, x.jp, r.file, x.row, x.at);
          }
          if (!r.sorted) {
            for (const x of r.records) {
              const [hi, lo] = halves(x.nip);
              sorted.add(hi, lo, x.key, x.key ^ 5, x.jp, r.file, x.row, x.at);
            }
            continue;
          }
          const order = r.records.map((x, i) => ({ x, i, p: partOf(...halves(x.nip)) })).sort((a, b) => a.p - b.p || a.i - b.i);
          const src = new Uint32Array(order.length * 10);
          const f64 = new Float64Array(src.buffer);
          const starts = new Uint32Array(PARTS + 1);
          order.forEach(({ x, p }, j) => {
            const [hi, lo] = halves(x.nip);
            src.set([hi, lo, x.key, x.key ^ 5, r.file, x.row], j * 10);
            f64[j * 5 + 3] = x.jp;
            f64[j * 5 + 4] = x.at;
            starts[p + 1]!++;
          });
          for (let p = 0; p < PARTS; p++) starts[p + 1]! += starts[p]!;
          sorted.addSorted(src, starts, r.file);
        }
        one.endFile();
        sorted.endFile();
        expect(sorted.size).toBe(one.size);
        expect(sorted.bytesSpilled).toBe(one.bytesSpilled);
        // Each partition's blocks: the same records, cut the same way, file by file.
        const blocks = (parts: Partitions, store: BlockStore) => {
          const index = parts.blockIndex();
          const by = new Map<number, string[]>();
          for (let k = 0; k < index.part.length; k++) {
            const bytes = new Uint8Array(index.n[k]! * 40);
            store.read(bytes, index.at[k]!);
            const list = by.get(index.part[k]!) ?? [];
            list.push(`${index.file[k]}:${Buffer.from(bytes).toString('hex')}`);
            by.set(index.part[k]!, list);
          }
          return [...by].sort((a, b) => a[0] - b[0]);
        };
        expect(blocks(sorted, storeB)).toEqual(blocks(one, storeA));
      }),
      { numRuns: 300 },
    );
  });

  it('spread NIPs evenly and give each partition back in the order added', () => {
    const seen = new Uint32Array(PARTS);
    for (let i = 0; i < 100_000; i++) seen[partOf(196000000 + i * 37, (i * 7919) % 1_000_000_000)]!++;
    expect(Math.min(...seen)).toBeGreaterThan(300);
    expect(Math.max(...seen)).toBeLessThan(500);

    const store = memoryStore();
    const parts = new Partitions(store, 3);
    for (let k = 0; k < 50; k++) parts.add(1, 2, k, 0, k / 2, k < 40 ? 1 : 2, k + 2, k * 10);
    parts.endFile();
    const index = parts.blockIndex();
    // 40 records of file 1 in blocks of 3 (the last of one), then 10 of file 2.
    expect([...index.n]).toEqual([...Array(13).fill(3), 1, 3, 3, 3, 1]);
    expect([...index.file]).toEqual([...Array(14).fill(1), ...Array(4).fill(2)]);
    expect(new Set(index.part)).toEqual(new Set([partOf(1, 2)]));
    expect(parts.bytesSpilled).toBe(50 * 40);
    const back: number[] = [];
    for (let b = 0; b < index.n.length; b++) {
      const bytes = new Uint8Array(index.n[b]! * 40);
      store.read(bytes, index.at[b]!);
      const u = new Uint32Array(bytes.buffer);
      const f = new Float64Array(bytes.buffer);
      for (let r = 0; r < index.n[b]!; r++) {
        back.push(u[r * 10 + 2]!);
        expect(f[r * 5 + 3]).toBe(u[r * 10 + 2]! / 2);
        expect(f[r * 5 + 4]).toBe(u[r * 10 + 2]! * 10);
      }
    }
    expect(back).toEqual(Array.from({ length: 50 }, (_, k) => k));

    // Blocks of 8: a partition's first block is written after 4 records (so that writing a block
    // runs early, before the reader's loop is compiled), the next ones when full.
    const eight = new Partitions(memoryStore(), 8);
    for (let k = 0; k < 30; k++) eight.add(1, 2, k, 0, 1, 1, k + 2, k);
    eight.endFile();
    expect([...eight.blockIndex().n]).toEqual([4, 8, 8, 8, 2]);
  });

  it('a full disk is one clear error naming the temporary folder', () => {
    const store = fileStore(openSync('/dev/full', 'w'), '/tmp');
    let error: unknown;
    try {
      store.write(new Uint8Array(40), 0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JpAuditError);
    expect(error).toMatchObject({ code: 'temp-failed', params: { dir: '/tmp', detail: 'ENOSPC' } });
  });
});

describe('room in the temporary folder', () => {
  it('is checked before the threads start: too little is one clear error with what is needed and free', async () => {
    const { checkRoom } = await import('../../src/io/tempfile.js');
    await expect(checkRoom(1024)).resolves.toBeUndefined();
    const error = await checkRoom(2 ** 60, '/tmp').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(JpAuditError);
    expect(error).toMatchObject({ code: 'temp-room', params: { dir: '/tmp', need: 2 ** 40 } });
    const { errorMessage } = await import('../../src/i18n/index.js');
    expect(errorMessage(error as JpAuditError, 'en')).toMatch(/\/tmp has \d+ MB free.*needs up to 1099511627776 MB.*TMPDIR/);
  });
});
