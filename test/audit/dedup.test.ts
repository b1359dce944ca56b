import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrainingRecord } from '../../src/audit/types.js';
import { ExactMatches, hashRecord, KeySet, NipTable } from '../../src/engine/fast/dedup.js';
import { sameTrainingKey } from '../../src/rules/same-training.js';

/** The rule's exact key (rules/same-training.ts): the reference the hash is checked against. */
const recordKey = sameTrainingKey;

describe('duplicate keys as 64-bit hashes', () => {
  it('fold training names as the rule says: case, outer and inner runs of spaces', () => {
    const r = (training: string): TrainingRecord => ({ nip: '198503152010011001', training, start: 20250101, end: 20250102, jp: 2 });
    const h = (t: string) => [hashRecord(r(t)).hi, hashRecord(r(t)).lo].join(':');
    expect(h('  Pelatihan   Kepemimpinan\t')).not.toBe(h('x'));
    expect(h('  Pelatihan \u00a0 KEPEMIMPINAN ')).toBe(h('pelatihan kepemimpinan'));
    expect(h('Pelatihan Kepemimpinan')).not.toBe(h('PelatihanKepemimpinan'));
    expect(h('Éducation')).toBe(h('éducation'));
  });

  it('agree with the string key: same key ⇔ same hash (differential, generated records)', () => {
    const record = fc.record({
      nip: fc.constantFrom('198503152010011001', '199001012015032002'),
      training: fc.oneof(
        fc.constantFrom('', ' ', 'Bimtek A', 'bimtek  a', 'BIMTEK A ', 'Bimtek B', 'Ölçme', 'ölçme', 'Bimtek\u2028A', 'Bimtek\u00a0a', '\ufeffBimtek A', 'Bimtek\u3000A\u205f', 'ß', 'İ', 'Σ', 'σ', 'ΟΔΟΣ'),
        fc.string({ maxLength: 6 }),
        fc.string({ maxLength: 6, unit: fc.constantFrom('a', 'A', ' ', '\t', '\u00a0', '\u1680', '\u2028', '\u202f', '\ufeff', 'É', 'é') }),
      ),
      start: fc.constantFrom(20250101, 20250102),
      end: fc.constantFrom(20250102, 20250103),
      jp: fc.constantFrom(1, 2, 2.5),
    });
    fc.assert(
      fc.property(record, record, (a, b) => {
        const sameKey = recordKey(a) === recordKey(b);
        const ha = hashRecord(a);
        const [ahi, alo] = [ha.hi, ha.lo];
        const hb = hashRecord(b);
        expect(ahi === hb.hi && alo === hb.lo).toBe(sameKey);
      }),
      { numRuns: 2000 },
    );
  });

  it('KeySet keeps a key that hashes to zero apart from empty slots', () => {
    const s = new KeySet();
    expect(s.addOrGet(0, 0, 0, 2)).toBeUndefined();
    expect(s.addOrGet(0, 0, 0, 3)).toEqual({ file: 0, row: 2 });
    expect(s.size).toBe(1);
  });

  it('KeySet remembers the first place of each key across growth and files', () => {
    const s = new KeySet(4);
    // Three files one after another, rows numbered from 2 in each.
    const fileOf = (i: number) => Math.floor(i / 20_000);
    const rowOf = (i: number) => (i % 20_000) + 2;
    for (let i = 0; i < 50_000; i++) expect(s.addOrGet(i * 7919, i, fileOf(i), rowOf(i))).toBeUndefined();
    expect(s.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(s.addOrGet(i * 7919, i, 9, 1)).toEqual({ file: fileOf(i), row: rowOf(i) });
    expect(s.size).toBe(50_000);
  });

  it('KeySet refuses a file that comes back after a later one', () => {
    const s = new KeySet();
    s.addOrGet(1, 1, 0, 2);
    s.addOrGet(2, 2, 1, 2);
    expect(() => s.addOrGet(3, 3, 0, 3)).toThrow(/came back/);
  });

  it('KeySet sized for n keys holds them (and a short estimate\'s 6% more) without growing, then grows', () => {
    expect(KeySet.capacityFor(10_000_000)).toBe(13_333_334);
    expect(KeySet.capacityFor(12)).toBe(16);
    expect(KeySet.capacityFor(13)).toBe(18);
    const s = new KeySet(10_000);
    for (let i = 0; i < 10_600; i++) expect(s.insert(Math.imul(i, 0x9e3779b1) >>> 0, i ^ 0x5bd1e995, 0, i + 2)).toBe(-1);
    expect(s.slotCount).toBe(13_334);
    for (let i = 10_600; i < 11_000; i++) s.insert(Math.imul(i, 0x9e3779b1) >>> 0, i ^ 0x5bd1e995, 0, i + 2);
    expect(s.slotCount).toBe(26_668);
    for (let i = 0; i < 11_000; i += 101) expect(s.insert(Math.imul(i, 0x9e3779b1) >>> 0, i ^ 0x5bd1e995, 0, 99_999)).toBe(i + 2);
  });

  it('KeySet wraps from its last slot to its first', () => {
    // Every key below starts at the last of 16 slots (the hash's high bits pick the slot).
    const s = new KeySet(12);
    expect(s.slotCount).toBe(16);
    for (let k = 0; k < 11; k++) expect(s.insert(0, 0xfff00000 + k, 0, k + 2)).toBe(-1);
    for (let k = 0; k < 11; k++) expect(s.insert(0, 0xfff00000 + k, 0, 99)).toBe(k + 2);
    expect(s.insert(0, 0xfff0000b, 0, 99)).toBe(-1);
    expect(s.slotCount).toBe(16);
  });

  it('KeySet.reserve keeps every key and its first place', () => {
    const s = new KeySet(16);
    for (let i = 0; i < 1000; i++) s.insert(i, i * 3 + 1, 1, i + 2);
    s.reserve(100_000);
    expect(s.size).toBe(1000);
    for (let i = 0; i < 1000; i += 37) expect(s.addOrGet(i, i * 3 + 1, 1, 5000)).toEqual({ file: 1, row: i + 2 });
    expect(s.insert(5000, 1, 1, 9)).toBe(-1);
  });
});

describe('hash matches confirmed by exact keys', () => {
  it('a match with an equal key is a duplicate of the first; a different key is new, and its repeats are its duplicates', () => {
    const m = new ExactMatches();
    let asked = 0;
    const firstKey = () => (asked++, 'A');
    expect(m.resolve(10, firstKey, 'A', 11)).toBe(10);
    expect(m.resolve(10, firstKey, 'B', 12)).toBe(-1);
    expect(m.resolve(10, firstKey, 'C', 13)).toBe(-1);
    expect(m.resolve(10, firstKey, 'B', 14)).toBe(12);
    expect(m.resolve(10, firstKey, 'C', 15)).toBe(13);
    expect(m.resolve(10, firstKey, 'A', 16)).toBe(10);
    // Another first copy's group is its own.
    expect(m.resolve(20, () => 'B', 'C', 21)).toBe(-1);
    expect(asked).toBe(6);
  });
});

describe('the NIP table', () => {
  it('finds every NIP after growth and after reserve, and nothing else', () => {
    const t = new NipTable();
    const nip = (i: number): [number, number] => [196001011 + i * 13, 198503001 + i];
    for (let i = 0; i < 5000; i++) expect(t.getOrSet(...nip(i), i)).toBe(-1);
    t.reserve(200_000);
    for (let i = 0; i < 5000; i += 7) expect(t.get(...nip(i))).toBe(i);
    expect(t.get(1, 1)).toBe(-1);
    // A NIP already there keeps its first index (a roster keeps a NIP's first row).
    expect(t.getOrSet(...nip(14), 99_999)).toBe(14);
    expect(t.get(...nip(14))).toBe(14);
  });

  it('travels as plain data (to a worker thread) and answers the same there', () => {
    const t = new NipTable();
    t.getOrSet(...NipTable.split('198503152010011001'), 0);
    t.getOrSet(...NipTable.split('199001012015032002'), 1);
    // Shared memory: a thread gets the table itself, not a copy of its megabytes.
    expect(t.toData().slots.buffer).toBeInstanceOf(SharedArrayBuffer);
    const copy = NipTable.fromData(structuredClone(t.toData()));
    expect(copy.get(...NipTable.split('199001012015032002'))).toBe(1);
    expect(copy.get(...NipTable.split('198503152010011002'))).toBe(-1);
  });
});
