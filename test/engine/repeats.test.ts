import { describe, expect, it } from 'vitest';
import { Audit } from '../../src/engine/fast/audit.js';
import { Deferred, DeferredCounter, settle } from '../../src/engine/fast/partitions.js';
import { RepeatLookup, Repeats } from '../../src/engine/fast/repeats.js';
import type { BlockStore } from '../../src/io/tempfile.js';
import { DEFAULT_POLICY } from '../../src/policy/policy.js';

function memoryStore(): BlockStore {
  const blocks = new Map<number, Uint8Array>();
  return {
    write: (bytes, at) => void blocks.set(at, bytes.slice()),
    read(into, at) {
      into.set(blocks.get(at)!);
    },
  };
}

describe('repeats of the row before (Repeats, RepeatLookup)', () => {
  it('a record is the same as a first copy it repeats, back along a run, in its own file only', () => {
    const r = new Repeats();
    // File 1: 200 repeats 150, which repeats 100; 300 repeats 250. File 2: 150 repeats 100.
    r.add(1, 150, 100, 'Bimtek');
    r.add(1, 200, 150, 'Bimtek');
    r.add(1, 300, 250, 'Diklat');
    r.add(2, 150, 100, 'Lain');
    const look = new RepeatLookup([r.data(), undefined]);
    expect(look.sameAs(1, 200, 1, 100)).toBe('Bimtek');
    expect(look.sameAs(1, 200, 1, 150)).toBe('Bimtek');
    expect(look.sameAs(1, 150, 1, 100)).toBe('Bimtek');
    // Not a repeat of that first copy, another file, or no repeat at all.
    expect(look.sameAs(1, 300, 1, 100)).toBeUndefined();
    expect(look.sameAs(1, 150, 2, 100)).toBeUndefined();
    expect(look.sameAs(2, 150, 2, 100)).toBe('Lain');
    expect(look.sameAs(1, 250, 1, 100)).toBeUndefined();
    r.dropFile(1);
    expect(new RepeatLookup([r.data()]).sameAs(1, 150, 1, 100)).toBeUndefined();
    expect(new RepeatLookup([r.data()]).sameAs(2, 150, 2, 100)).toBe('Lain');
  });

  it('keeps at most what it was made to keep', () => {
    const r = new Repeats(2);
    r.add(1, 2, 1, 'a');
    r.add(1, 3, 2, 'a');
    expect(r.full).toBe(true);
    r.add(1, 4, 3, 'a');
    expect(r.size).toBe(2);
  });

  it('settle confirms a repeat without reading it or its first copy again, and reads every other match (a collision counts)', () => {
    const nip = '198503152010011001';
    const audit = new Audit(2025, DEFAULT_POLICY);
    audit.addEmployee({ nip, name: 'P', type: 'PNS', opd: 'Dinas' }, { file: 0, row: 2 });
    const store = memoryStore();
    const d = new DeferredCounter(2025, 20251231, store, 4);
    const r = { nip, training: 'Bimtek', start: 20250301, end: 20250301, jp: 2 };
    // Rows 2-4 the same bytes (at 100, 150, 200); row 5 the same training spelt otherwise (at 250).
    d.addRecord(r, { file: 1, row: 2 }, 100);
    d.addRecord(r, { file: 1, row: 3 }, 150);
    d.addRecord(r, { file: 1, row: 4 }, 200);
    d.addRecord({ ...r, training: 'BIMTEK' }, { file: 1, row: 5 }, 250);
    // Row 6 (at 300): its hash matches, but its key read again differs (a collision): it counts.
    d.addRecord(r, { file: 1, row: 6 }, 300);
    d.parts.repeats.add(1, 150, 100, 'Bimtek');
    d.parts.repeats.add(1, 200, 150, 'Bimtek');
    d.parts.endFile();
    const asked: number[] = [];
    const keysAt = (_file: number, ats: readonly number[]) => {
      asked.push(...ats);
      const text = (at: number) => (at === 250 ? 'BIMTEK' : at === 300 ? 'Bimtek X' : 'Bimtek');
      return { raws: ats.map((at) => Buffer.from(text(at))), names: ats.map(text), key: (i: number) => (ats[i] === 300 ? 'another key' : 'the same key') };
    };
    const out = new Deferred();
    const jp = new Float64Array(1);
    settle([{ store, index: d.parts.blockIndex() }], () => true, audit.rosterIndex(), jp, new Uint32Array(1), out, keysAt);
    expect(asked.sort((a, b) => a - b)).toEqual([100, 250, 300]);
    const dups = [...out.ordered()].map((k) => `${out.row[k]} of ${out.b[k]}: ${out.name[k]}`);
    expect(dups).toEqual(['3 of 2: Bimtek', '4 of 2: Bimtek', '5 of 2: BIMTEK']);
    // Row 2 and row 6 count.
    expect(jp[0]).toBe(4);
  });
});

describe('the byte scanner in a worker thread finds the repeats', () => {
  it('as it reads a part: each row with the bytes of the row before, and no other', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readPart } = await import('../../src/engine/fast/parallel/part.js');
    const { Findings } = await import('../../src/audit/findings.js');
    const { rowSchemas } = await import('../../src/schema/rows.js');
    const nip = '198503152010011001';
    const row = (name: string, day: number) => `${nip};${name};${String(day).padStart(2, '0')}/03/2025;${String(day).padStart(2, '0')}/03/2025;2`;
    // Rows 2 and 3 the same; 4, 5 and 6 the same; 7 the same training spelt otherwise; 8 and 9
    // the rows 6 and 7 again as a pair; 10 a row outside the year, 11 the row before it again;
    // 12, and 13 with one byte more (JP 25: the same training, by key and hash, not by bytes).
    const lines = ['NIP;Nama Pelatihan;Tanggal Mulai;Tanggal Selesai;Jumlah JP', row('A', 1), row('A', 1), row('B', 2), row('B', 2), row('B', 2), row('b', 2), row('B', 2), row('b', 2), row('C', 3).replaceAll('2025', '2024'), row('C', 3).replaceAll('2025', '2024'), row('D', 4), `${row('D', 4)}5`];
    const file = join(mkdtempSync(join(tmpdir(), 'jp-audit-test-')), 'diklat.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const startOf = (k: number) => lines.slice(0, k).reduce((n, l) => n + l.length + 1, 0);
    const deferred = new DeferredCounter(2025, 20251231, memoryStore());
    const schema = { order: 'dmy' as const, minutesPerJp: 45, typeAliases: new Map() };
    const size = startOf(lines.length);
    await readPart(file, 1, { start: 0, end: size, row: 0 }, { deferred, findings: new Findings(100), schemas: rowSchemas(schema), init: { read: {}, header: {}, schema, files: ['pegawai.csv', file], forcedEncoding: undefined } });
    const found = deferred.parts.repeats.data();
    // Lines 2, 4 and 5 (0-based) repeat the line before; 7 and 8 (a pair again) do not.
    expect([...found.at]).toEqual([startOf(2), startOf(4), startOf(5)]);
    expect([...found.prev]).toEqual([startOf(1), startOf(3), startOf(4)]);
    // Each distinct name once.
    expect([...found.name].map((k) => found.names[k])).toEqual(['A', 'B', 'B']);
    expect(found.names).toEqual(['A', 'B']);
    expect([...found.file]).toEqual([1, 1, 1]);
  });
});
