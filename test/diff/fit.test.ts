import { describe, expect, it } from 'vitest';
import { fitColumns, longestPiece, tableChrome, wrapText } from '../../src/diff/render/fit.js';

describe('wrapText', () => {
  it.each([
    ['fits as it is', 'Dinas Kesehatan', 20, 'Dinas Kesehatan'],
    ['at spaces', 'Badan Kepegawaian dan Pengembangan', 17, 'Badan Kepegawaian\ndan Pengembangan'],
    ['after a hyphen', 'non-compliant, 12/20 JP', 10, 'non-\ncompliant,\n12/20 JP'],
    ['inside a word only when it is wider than the line', 'Pengembangan SDM', 8, 'Pengemba\nngan SDM'],
    ['never after a minus sign', 'JP bertambah: -2', 15, 'JP bertambah:\n-2'],
    ['keeps its own line breaks', 'a b\nc d', 10, 'a b\nc d'],
    ['an NIP whole when it fits', '198503152010011001', 18, '198503152010011001'],
  ])('%s', (_what, text, width, expected) => {
    expect(wrapText(text, width)).toBe(expected);
  });

  it('never drops a character', () => {
    const text = 'Ir. Hendra Gunawan, M.T. — Badan Kepegawaian dan Pengembangan Sumber Daya Manusia, non-compliant';
    for (let w = 1; w <= 40; w++) {
      const out = wrapText(text, w);
      expect(out.split('\n').every((l) => [...l].length <= w)).toBe(true);
      expect(out.replace(/[\s]/g, '')).toBe(text.replace(/\s/g, ''));
    }
  });

  it('longestPiece: the widest part that cannot wrap', () => {
    expect(longestPiece('belum memenuhi, 12/20 JP')).toBe(9);
    expect(longestPiece('non-compliant')).toBe(9);
  });
});

describe('fitColumns', () => {
  it('leaves a table that fits as it is', () => {
    expect(fitColumns([{ natural: 10, min: 5 }, { natural: 5, min: 5 }], 40)).toEqual([10, 5]);
  });

  it('wraps headings first, then narrows the widest column', () => {
    // A numeric column whose heading is wider than its cells gives up its heading's width first.
    const cols = [{ natural: 50, min: 12, body: 50 }, { natural: 15, min: 9, body: 5 }];
    const w = fitColumns(cols, 60)!;
    expect(w[1]).toBe(9);
    expect(w[0]! + w[1]! + tableChrome(2)).toBe(60);
  });

  it('never below a column minimum: null when even those do not fit', () => {
    expect(fitColumns([{ natural: 30, min: 18 }, { natural: 30, min: 18 }], 80)).toEqual([30, 30]);
    expect(fitColumns([{ natural: 30, min: 18 }, { natural: 30, min: 18 }], 40)).toBeNull();
    const w = fitColumns([{ natural: 30, min: 18 }, { natural: 30, min: 10 }], 35)!;
    expect(w).toEqual([18, 10]);
  });
});
