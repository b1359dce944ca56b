import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compoundFileProblem } from '../../src/io/cfb.js';

const VALID = ['fixtures/formats/pegawai-simpeg.xls', 'fixtures/formats/pegawai-nip-angka.xls', 'fixtures/formats/presensi-latsar.xls'];

describe('compoundFileProblem: the .xls container checked before SheetJS reads it', () => {
  it.each(VALID)('finds nothing wrong with %s (made by LibreOffice)', (file) => {
    expect(compoundFileProblem(readFileSync(file))).toBeUndefined();
  });

  it.each(['fixtures/broken/corrupt-sector-chain.xls', 'test/fuzz-corpus/xls/sector-chain-duplicated.xls'])('names the broken chain of %s', (file) => {
    expect(compoundFileProblem(readFileSync(file))).toMatch(/in two chains, or a loop/);
  });

  it('refuses a FAT whose chain loops back on itself, and a stream longer than its chain', () => {
    const buf = Buffer.from(readFileSync(VALID[0]!));
    const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const size = 1 << v.getUint16(0x1e, true);
    const fatSector = v.getUint32(0x4c, true);
    const dirStart = v.getUint32(0x30, true);
    // The directory's first sector points at itself in the FAT.
    const looped = Buffer.from(buf);
    new DataView(looped.buffer, looped.byteOffset).setUint32(size * (fatSector + 1) + dirStart * 4, dirStart, true);
    expect(compoundFileProblem(looped)).toMatch(/directory: sector \d+ in two chains, or a loop/);
    // The first stream entry claims a gigabyte.
    const huge = Buffer.from(buf);
    const hv = new DataView(huge.buffer, huge.byteOffset);
    let entry = -1;
    for (let e = 0; e < size / 128; e++) if (huge[size * (dirStart + 1) + e * 128 + 0x42] === 2) entry = e;
    hv.setUint32(size * (dirStart + 1) + entry * 128 + 0x78, 1 << 30, true);
    expect(compoundFileProblem(huge)).toMatch(/a stream of 1073741824 bytes/);
  });

  it('gives a verdict, never a throw, for any damage to the bytes (property)', () => {
    const buf = readFileSync(VALID[0]!);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(buf.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }), fc.nat(buf.length), (flips, cut) => {
        const m = Buffer.from(buf.subarray(0, Math.max(cut, 1)));
        for (const [at, b] of flips) if (at < m.length) m[at] = b;
        const r = compoundFileProblem(m);
        expect(r === undefined || typeof r === 'string').toBe(true);
      }),
      { numRuns: 500, seed: 18 },
    );
  });
});
