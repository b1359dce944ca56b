import { describe, expect, it } from 'vitest';
import { cssString } from '../../src/report/html/style.js';
import { columnLetters, excelSerial, headerText, xmlText } from '../../src/report/xlsx/stream.js';

describe('the Excel writer’s cell text', () => {
  it.each([
    [1, 'A'],
    [11, 'K'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [703, 'AAA'],
  ])('column %i is %s', (n, letters) => expect(columnLetters(n)).toBe(letters));

  it.each([
    ['Budi Santoso, S.Kom.', 'Budi Santoso, S.Kom.'],
    ['<script>&"x"', '&lt;script&gt;&amp;&quot;x&quot;'],
    ['a\u0000b\u0007c\u001fd\u007f', 'abcd'],
    ['tab\tand\nnewline', 'tab\tand\nnewline'],
  ])('%j is written as %j (XML cannot hold control characters)', (text, xml) => expect(xmlText(text)).toBe(xml));

  it('doubles & in a page header, where it is a code', () => expect(headerText('Dinas A & B')).toBe('Dinas A && B'));

  it.each([
    [1900, 3, 1, 61],
    [2025, 1, 1, 45658],
    [2025, 12, 31, 46022],
  ])('%i-%i-%i is day %i of Excel', (y, m, d, serial) => expect(excelSerial(y, m, d)).toBe(serial));
});

describe('the running title in CSS', () => {
  it.each([
    ['Audit JP 2025 · Dinas Kesehatan', '"Audit JP 2025 \\b7  Dinas Kesehatan"'],
    ['</style><script>x"y\\', '"\\3c \\2f style\\3e \\3c script\\3e x\\22 y\\5c "'],
  ])('%j as a CSS string that cannot end the style element', (text, css) => {
    expect(cssString(text)).toBe(css);
    expect(cssString(text)).not.toMatch(/[<>]/);
  });
});
