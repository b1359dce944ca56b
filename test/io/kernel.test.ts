import { describe, expect, it } from 'vitest';
import { PARTS, partOf } from '../../src/engine/fast/partitions.js';
import { kernelEnabled, REPORT_OTHER, ReportKernel, SettleKernel, STOP, TrainingKernel } from '../../src/engine/fast/kernel.js';

// The differential tests compare every kernel's results with the JavaScript they replace; these
// check that each kernel does the work itself (a kernel that left every record to JavaScript
// would pass those), and where it stops. The kernels are the built dist/*.wasm: tests build first.

describe('the WebAssembly kernels', () => {
  it('are on unless JP_AUDIT_KERNEL=js', () => {
    expect(kernelEnabled()).toBe(true);
    process.env.JP_AUDIT_KERNEL = 'js';
    try {
      expect(kernelEnabled()).toBe(false);
    } finally {
      delete process.env.JP_AUDIT_KERNEL;
    }
  });

  it('training: takes plain records itself, stops at one it leaves, and keeps an incomplete one for the next chunk', () => {
    const k = new TrainingKernel({ delimiter: 0x2c, nip: 0, jp: 4, start: 2, end: 3, training: 1, need: 4, order: 'dmy', year: 2025, asOf: 20251231, headerFirst: 'nip' });
    const lines = [
      '198503152010011001,Bimtek A,01/03/2025,02/03/2025,2,5', // 2,5 is two fields: JP 2
      '198503152010011001,"Bimtek, ""B""",01/03/2025,02/03/2025,2.5',
      '199001012015032002,Lama,01/03/2024,02/03/2024,4', // outside the year
      '199001012015032002,Café,01/03/2025,02/03/2025,1', // not ASCII: for JavaScript
      '198503152010011001,C,01/03/2025,02/03/2025,1',
    ];
    const text = `${lines.join('\r\n')}\r\n198503152010011001,Incomplete`;
    const chunk = Buffer.from(text, 'utf8');
    k.load(chunk);
    let at = k.run(0, chunk.length, 1);
    // Three rows taken (one outside the year), two written, then the non-ASCII row.
    expect([k.stopped, k.taken, k.outside, k.written, k.row]).toEqual([STOP.other, 3, 1, 2, 4]);
    expect(at).toBe(chunk.indexOf('199001012015032002,Caf'));
    expect([k.u32[0], k.u32[1], k.u32[4], k.f64[4]]).toEqual([198503152, 10011001, 2, 2]);
    // The quoted name's offsets (its end's top bit: quoted), and JP with a decimal point.
    const name = chunk.subarray(k.u32[10 + 6], k.u32[10 + 7]! & 0x7fffffff).toString();
    expect([name, k.u32[10 + 7]! >>> 31, k.f64[5 + 4]]).toEqual(['Bimtek, ""B""', 1, 2.5]);
    // After the row JavaScript reads: the last complete row, and the incomplete one left.
    at = k.run(chunk.indexOf('198503152010011001,C,'), chunk.length, 5);
    expect([k.stopped, k.taken, k.written, k.row]).toEqual([STOP.done, 1, 1, 6]);
    expect(at).toBe(chunk.indexOf('198503152010011001,Incomplete'));
  });

  it('training: sorts the records it wrote by partition, in the kept records\' layout', () => {
    const k = new TrainingKernel({ delimiter: 0x2c, nip: 0, jp: 4, start: 2, end: 3, training: 1, need: 4, order: 'dmy', year: 2025, asOf: 20251231, headerFirst: 'nip' });
    // 300 records of 40 NIPs: several in most partitions they fall in, in row order.
    const nips = Array.from({ length: 40 }, (_, i) => `${1960 + i}0101200001${1 + (i % 2)}${String(i + 1).padStart(3, '0')}`);
    const rows = Array.from({ length: 300 }, (_, r) => `${nips[(r * 7) % 40]},T${r},01/03/2025,02/03/2025,${1 + (r % 5)}`);
    const chunk = Buffer.from(`${rows.join('\n')}\n`);
    k.load(chunk);
    k.run(0, chunk.length, 1);
    expect(k.written).toBe(300);
    const out = Array.from({ length: 300 }, (_, r) => ({ hi: k.u32[r * 10]!, lo: k.u32[r * 10 + 1]!, keyHi: k.u32[r * 10 + 2]!, keyLo: k.u32[r * 10 + 3]!, row: k.u32[r * 10 + 4]!, at: k.u32[r * 10 + 5]!, jp: k.f64[r * 5 + 4]! }));
    const base = 2 ** 33 + 5; // past 4 GB: an offset is a double
    k.partition(7, base);
    expect([k.starts[0], k.starts[PARTS]]).toEqual([0, 300]);
    const f64 = new Float64Array(k.sorted.buffer, k.sorted.byteOffset, 300 * 5);
    const got: string[] = [];
    for (let p = 0; p < PARTS; p++) {
      for (let j = k.starts[p]!; j < k.starts[p + 1]!; j++) {
        const w = j * 10;
        expect(partOf(k.sorted[w]!, k.sorted[w + 1]!)).toBe(p);
        got.push([k.sorted[w], k.sorted[w + 1], k.sorted[w + 2], k.sorted[w + 3], k.sorted[w + 4], k.sorted[w + 5], f64[(w >> 1) + 3], f64[(w >> 1) + 4]].join(' '));
      }
    }
    // Stable: by partition, then as written; file, row, JP and the byte offset from `base`.
    const want = out
      .map((r, i) => ({ r, i, p: partOf(r.hi, r.lo) }))
      .sort((x, y) => x.p - y.p || x.i - y.i)
      .map(({ r }) => [r.hi, r.lo, r.keyHi, r.keyLo, 7, r.row, r.jp, base + r.at].join(' '));
    expect(got).toEqual(want);
  });

  it('training: a header repeated is left to JavaScript', () => {
    const k = new TrainingKernel({ delimiter: 0x3b, nip: 0, jp: 4, start: 2, end: 3, training: 1, need: 4, order: 'dmy', year: 2025, asOf: 20251231, headerFirst: 'nip' });
    const chunk = Buffer.from('NIP;Nama;Mulai;Selesai;JP\n198503152010011001;A;01/03/2025;01/03/2025;2\n');
    k.load(chunk);
    expect(k.run(0, chunk.length, 0)).toBe(0);
    expect([k.stopped, k.taken]).toEqual([STOP.other, 0]);
  });

  it('settle: counts a block, and gives back unknown NIPs and duplicates with their first copy and its offset', () => {
    const k = new SettleKernel({ employees: 2, files: 2, roster: 2, records: 4, block: 4 });
    k.roster.set([198503152, 10011001, 0, 199001012, 15032002, 1]);
    k.beginPart(2, 4);
    const block = new DataView(k.block(4).buffer, k.block(4).byteOffset, 160);
    const record = (r: number, hi: number, lo: number, key: number, row: number, jp: number) => {
      [hi, lo, key, 7, 1, row].forEach((v, w) => block.setUint32(r * 40 + w * 4, v, true));
      block.setFloat64(r * 40 + 24, jp, true);
      block.setFloat64(r * 40 + 32, 1000 + row, true);
    };
    record(0, 198503152, 10011001, 1, 2, 2.5);
    record(1, 199001012, 15032002, 2, 3, 4);
    record(2, 197001012, 11001, 3, 4, 1); // not on the roster
    record(3, 198503152, 10011001, 1, 5, 9); // a duplicate of row 2
    const out: number[][] = [];
    k.countBlock(4, (...o) => out.push(o));
    // The duplicate comes with where its first copy starts (to read its key again).
    expect(out).toEqual([
      [0, 1, 4, 197001012, 11001, 1004, 0],
      [1, 1, 5, 1, 2, 1005, 1002],
    ]);
    expect([...k.jp]).toEqual([2.5, 4]);
    expect([...k.records]).toEqual([1, 1]);
    expect([...k.counted]).toEqual([0, 2]);
  });

  it('report: writes items itself, and leaves to JavaScript the employees it is told to', () => {
    const names = ['Budi "B"', 'Siti\\Aminah', 'Andi'];
    const ends = new Uint32Array(3);
    names.reduce((at, n, i) => (ends[i] = at + n.length), 0);
    const columns = {
      order: new Uint32Array([2, 0, 1]),
      nipHi: new Uint32Array([198503152, 199001012, 200001012]),
      nipLo: new Uint32Array([10011001, 15032002, 25011006]),
      types: new Uint8Array([0, 1, 0]),
      opdOf: new Uint32Array([0, 1, 0]),
      records: new Uint32Array([3, 0, 1]),
      names: { bytes: Buffer.from(names.join(''), 'latin1'), ends },
    };
    const k = new ReportKernel(columns, ['"Dinas A"', '"Dinas \\"B\\""'], ['PNS', 'PPPK', 'CPNS'], 16);
    const judged = { requiredJp: 20, expectedJp: 20, shortfallJp: 0.5, status: 'non-compliant', months: 12 };
    const others: number[] = [];
    const bytes = k.items(
      0,
      3,
      (pos, aid, milli, slot) => {
        aid[slot] = pos === 1 ? REPORT_OTHER : k.judgementId(judged, judged);
        milli[slot] = [19500, 0, 1250][pos]!;
      },
      (pos) => {
        others.push(pos);
        return '    {"other": true}';
      },
    );
    expect(others).toEqual([1]);
    const text = Buffer.from(bytes).toString('utf8');
    const item = (nip: string, name: string, type: string, opd: string, jp: number, records: number) =>
      JSON.stringify({ e: [{ nip, name, type, opd, jp, ...judged, records, exemptReason: null }] }, null, 2).slice('{\n  "e": [\n'.length, -'\n  ]\n}'.length);
    expect(text).toBe([item('200001012025011006', 'Andi', 'PNS', 'Dinas A', 19.5, 1), '    {"other": true}', item('199001012015032002', 'Siti\\Aminah', 'PPPK', 'Dinas "B"', 1.25, 0)].join(',\n'));
  });
});
