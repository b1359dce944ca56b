import { describe, expect, it } from 'vitest';
import { fittedTable, fitWidths } from '../../src/report/render/fit.js';
import { terminalWidth } from '../../src/report/render/width.js';

describe('fitWidths: widest columns shrink first, figure columns give up their spare room first', () => {
  it.each([
    ['fits already', [10, 10], [5, 5], 40, [], [10, 10]],
    ['the widest gives up first', [30, 10], [5, 5], 30, [], [17, 10]],
    ['then both, widest first (the first of equals)', [20, 18], [5, 5], 30, [], [13, 14]],
    ['never below the floors', [30, 10], [20, 10], 20, [], [20, 10]],
    ['figures first, then text', [30, 14], [8, 8], 40, [false, true], [29, 8]],
  ] as const)('%s', (_, natural, floors, width, first, want) => {
    expect(fitWidths(natural, floors, width, first)).toEqual(want);
  });
});

describe('fittedTable', () => {
  it('wraps a long OPD name within the width and keeps a NIP whole', () => {
    const t = fittedTable(
      [{ head: 'NIP', keep: true }, { head: 'OPD' }, { head: 'Pegawai', align: 'right' }],
      [['198503152010011001', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', '12']],
      50,
      (s) => s,
    );
    const lines = t.split('\n');
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(50);
    expect(t).toContain('198503152010011001');
    // The OPD column's lines, read down, give the name whole: wrapped between words, nothing cut.
    const opd = lines.filter((l) => l.startsWith('│')).slice(1).map((l) => l.split('│')[2]!.trim());
    expect(opd.join(' ')).toBe('Badan Kepegawaian dan Pengembangan Sumber Daya Manusia');
    expect(opd.length).toBeGreaterThan(1);
  });
});

describe('terminalWidth', () => {
  it.each([
    [{ COLUMNS: '120' }, { isTTY: true, columns: 90 }, 120],
    [{}, { isTTY: true, columns: 90 }, 90],
    [{}, { isTTY: false }, 80],
    [{ COLUMNS: 'x' }, {}, 80],
  ] as const)('%j %j: %i', (env, stream, want) => expect(terminalWidth(env, stream)).toBe(want));
});
