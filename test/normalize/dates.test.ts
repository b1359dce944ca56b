import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromExcelSerial, isoDate, parseDate } from '../../src/normalize/dates.js';

describe('parseDate', () => {
  it.each([
    ['07/07/2025', 20250707],
    ['7/7/2025', 20250707],
    ['31/12/2025', 20251231],
    ['31-12-2025', 20251231],
    ['31.12.2025', 20251231],
    ['2025-12-31', 20251231],
    ['2025-7-1', 20250701],
    ['2025-12-31 00:00:00', 20251231],
    ['2025-12-31T00:00:00.000Z', 20251231],
    ['31/12/2025 08:30', 20251231],
    ['7 Juli 2025', 20250707],
    ['07 juli 2025', 20250707],
    ['1 Januari 2025', 20250101],
    ['17 Agustus 2025', 20250817],
    ['17 Agu 2025', 20250817],
    ['17 Agt 2025', 20250817],
    ['5 Okt 2025', 20251005],
    ['5 Des 2025', 20251205],
    ['19 Nop 2025', 20251119],
    ['3 Mei 2025', 20250503],
    ['3-Mei-2025', 20250503],
    ['29 Februari 2024', 20240229],
  ])('reads %j', (raw, date) => {
    expect(parseDate(raw)).toEqual({ ok: true, date });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['31/02/2025', 'calendar'],
    ['29 Februari 2025', 'calendar'],
    ['12/31/2025', 'calendar'],
    ['2025-13-01', 'calendar'],
    ['7/7/25', 'two-digit-year'],
    ['Juli 2025', 'format'],
    ['7 Julai 2025', 'format'],
    ['besok', 'format'],
  ])('rejects %j (%s)', (raw, reason) => {
    expect(parseDate(raw)).toEqual({ ok: false, reason });
  });

  it('reads a/b/yyyy month first only when told', () => {
    expect(parseDate('12/31/2025', 'mdy')).toEqual({ ok: true, date: 20251231 });
    expect(parseDate('03/04/2025', 'mdy')).toEqual({ ok: true, date: 20250304 });
    expect(parseDate('03/04/2025')).toEqual({ ok: true, date: 20250403 });
  });

  it('reads .xlsx date cells and serial numbers', () => {
    expect(parseDate(new Date(Date.UTC(2025, 6, 7)))).toEqual({ ok: true, date: 20250707 });
    expect(parseDate(45845)).toEqual({ ok: true, date: 20250707 });
    expect(parseDate(45845.75)).toEqual({ ok: true, date: 20250707 });
    expect(parseDate(-3)).toEqual({ ok: false, reason: 'format' });
  });

  it('counts Excel serials past the phantom 29 February 1900', () => {
    expect(fromExcelSerial(1)).toBe(19000101);
    expect(fromExcelSerial(59)).toBe(19000228);
    expect(fromExcelSerial(61)).toBe(19000301);
    // Excel's phantom 29 February 1900: the day the .xlsx and .xls readers give it too.
    expect(fromExcelSerial(60)).toBe(19000301);
    expect(fromExcelSerial(45658.75)).toBe(20250101);
    expect(fromExcelSerial(45658)).toBe(20250101);
  });

  it('formats ISO dates', () => {
    expect(isoDate(20250707)).toBe('2025-07-07');
  });

  it('never throws, and every date it gives exists', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.date({ noInvalidDate: false }), fc.constant(undefined)), (v) => {
        const r = parseDate(v);
        if (r.ok) {
          const iso = isoDate(r.date);
          expect(new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10)).toBe(iso);
        }
      }),
    );
  });
});
