import { describe, expect, it } from 'vitest';
import { NameColumn } from '../../src/engine/fast/names.js';

describe('the name column', () => {
  it('keeps ASCII names as bytes, from bytes or text, across growth', () => {
    const col = new NameColumn();
    const expected: string[] = [];
    // Past the first bytes and the first 1,024 ends (the bytes grow from 256).
    for (let i = 0; i < 5000; i++) {
      const name = i % 7 === 0 ? '' : `Pegawai Nomor ${i} ${'x'.repeat(i % 23)}`;
      if (i % 2 === 0) {
        const buf = Buffer.from(`,,${name},`, 'latin1');
        col.pushBytes(buf, 2, 2 + name.length);
      } else col.push(name);
      expected.push(name);
    }
    expect(col.length).toBe(5000);
    expect(Array.from({ length: 5000 }, (_, i) => col.get(i))).toEqual(expected);
    const c = col.columns();
    expect(Array.isArray(c)).toBe(false);
    const { bytes, ends } = c as { bytes: Uint8Array; ends: Uint32Array };
    expect(ends.length).toBe(5000);
    expect(Buffer.from(bytes).toString('latin1')).toBe(expected.join(''));
    expect(Array.from(ends)).toEqual(expected.map((_, i) => expected.slice(0, i + 1).join('').length));
  });

  it('gives the strings themselves once a name is not ASCII', () => {
    const col = new NameColumn();
    col.push('Budi');
    col.push('Désirée Sitompul');
    col.pushBytes(Buffer.from('Siti'), 0, 4);
    col.push('陈');
    expect([col.get(0), col.get(1), col.get(2), col.get(3)]).toEqual(['Budi', 'Désirée Sitompul', 'Siti', '陈']);
    expect(col.columns()).toEqual(['Budi', 'Désirée Sitompul', 'Siti', '陈']);
  });
});
