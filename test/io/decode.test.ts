import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { decodeStream, looksUtf16le } from '../../src/io/decode.js';
import type { Encoding, SourceInfo } from '../../src/io/types.js';

async function decode(bytes: Buffer, chunk = 7, forced?: Encoding): Promise<{ text: string; info: SourceInfo }> {
  const info: SourceInfo = { file: 't', format: 'csv' };
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  let text = '';
  for await (const s of decodeStream(chunks(), info, forced)) text += s;
  return { text, info };
}

const sample = 'NIP,Nama\n198503152010011001,"Budi Santoso, S.Kom."\n199001012015032002,Désirée “Dé” Café – €\n';

describe('decodeStream', () => {
  it('reads UTF-8 without BOM, across chunk boundaries inside characters', async () => {
    for (const chunk of [1, 2, 3, 5, 64]) {
      const { text, info } = await decode(Buffer.from(sample, 'utf8'), chunk);
      expect(text).toBe(sample);
      expect(info.encoding).toBe('utf-8');
      expect(info.bom).toBeUndefined();
      expect(info.replacedBytes).toBeUndefined();
    }
  });

  it('strips a UTF-8 BOM', async () => {
    const { text, info } = await decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]));
    expect(text).toBe(sample);
    expect(info).toMatchObject({ encoding: 'utf-8', bom: true });
  });

  it('switches to Windows-1252 at the first byte that is not UTF-8', async () => {
    const bytes = iconv.encode(sample, 'win1252');
    for (const chunk of [1, 4, 1 << 20]) {
      const { text, info } = await decode(bytes, chunk);
      expect(text).toBe(sample);
      expect(info.encoding).toBe('windows-1252');
    }
  });

  it('reads UTF-16LE with a BOM (Excel "Unicode Text") and without one', async () => {
    const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')]);
    for (const chunk of [1, 3, 1 << 20]) {
      expect(await decode(withBom, chunk)).toMatchObject({ text: sample, info: { encoding: 'utf-16le', bom: true } });
    }
    expect(await decode(Buffer.from(sample, 'utf16le'), 1 << 20)).toMatchObject({ text: sample, info: { encoding: 'utf-16le' } });
  });

  it('keeps real UTF-8 and counts replaced bytes when a file mixes encodings', async () => {
    const bytes = Buffer.concat([Buffer.from('Café\n', 'utf8'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a])]);
    const { text, info } = await decode(bytes, 1 << 20);
    expect(text).toBe('Café\nCaf\ufffd\n');
    expect(info.encoding).toBe('utf-8');
    expect(info.replacedBytes).toBe(1);
  });

  it('obeys a forced encoding', async () => {
    const { text } = await decode(Buffer.from('Caf\u00e9', 'latin1'), 1 << 20, 'windows-1252');
    expect(text).toBe('Café');
  });

  it('detects UTF-16LE only for text that looks like it', () => {
    expect(looksUtf16le(Buffer.from('NIP\tNama\r\n', 'utf16le'))).toBe(true);
    expect(looksUtf16le(Buffer.from('NIP,Nama\n', 'utf8'))).toBe(false);
  });

  it('gives the same text however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 9 }), async (s, chunk) => {
        expect((await decode(Buffer.from(`x${s}`, 'utf8'), chunk)).text).toBe(`x${s}`);
      }),
    );
  });
});
