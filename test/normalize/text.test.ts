import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, foldSpaces } from '../../src/normalize/text.js';

// Characters that matter to the rule: every kind of white space JavaScript's `\s` knows, NBSP,
// controls, printable ASCII and a few letters past it.
const SPACES = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
const char = fc.oneof(fc.constantFrom(...SPACES, 'a', 'Z', '0', '-', '.', ',', '\u0000', '\u001f', '\u007f', '\u00e9', '\u00c0', 'ä'), fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)));

describe('cellText of a string', () => {
  it('is the folding rule, whether the string takes the shortcut (already folded ASCII) or not', () => {
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }).map((cs) => cs.join('')), (s) => {
        expect(cellText(s)).toBe(foldSpaces(s));
      }),
      { numRuns: 20_000, seed: 24 },
    );
    fc.assert(fc.property(fc.string(), fc.string({ unit: 'grapheme', maxLength: 12 }), (a, b) => {
        expect(cellText(a + b)).toBe(foldSpaces(a + b));
      }), { numRuns: 5000, seed: 25 });
  });

  it('folds every white space JavaScript knows, as words split on it and joined by one space', () => {
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }).map((cs) => cs.join('')), (s) => {
        expect(foldSpaces(s)).toBe(s.split(/\s+/).filter(Boolean).join(' '));
      }),
      { numRuns: 20_000, seed: 26 },
    );
  });

  it.each([
    ['', ''],
    ['Budi', 'Budi'],
    [' Budi', 'Budi'],
    ['Budi ', 'Budi'],
    ['Budi  Santoso', 'Budi Santoso'],
    ['Budi\u00a0Santoso', 'Budi Santoso'],
    ['Budi\tSantoso', 'Budi Santoso'],
    ['Budi\r\nSantoso', 'Budi Santoso'],
    ['\ufeffBudi\u3000\u2028Santoso\u205f', 'Budi Santoso'],
    [' ', ''],
    ['Dinas Pendidikan', 'Dinas Pendidikan'],
  ])('%j is %j', (raw, text) => {
    expect(cellText(raw)).toBe(text);
  });
});
