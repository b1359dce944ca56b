import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';

/** Each option's (and argument's) description in a `--help` text, by its flags: wrapped lines joined. */
function described(help: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | undefined;
  let inList = false;
  for (const line of help.split('\n')) {
    if (/^(Opsi|Options|Argumen|Arguments):$/.test(line)) {
      inList = true;
      continue;
    }
    if (!line.startsWith(' ')) {
      inList = false;
      continue;
    }
    if (!inList) continue;
    const m = /^ {2}(\S.*?) {2,}(\S.*)$/.exec(line);
    if (m) out.set((last = m[1]!.trim()), m[2]!);
    else if (last !== undefined) out.set(last, `${out.get(last)} ${line.trim()}`);
  }
  return out;
}

describe('--help of explain and diff speaks the run\'s language', () => {
  it.each(['explain', 'diff', 'check', 'latsar', 'validate'])('%s: every option and argument is described in Indonesian by default, in English with --lang en', async (cmd) => {
    const id = await run([cmd, '--help']);
    const en = await run([cmd, '--help', '--lang', 'en']);
    expect([id.code, en.code]).toEqual([0, 0]);
    const idText = described(id.stdout);
    const enText = described(en.stdout);
    expect([...idText.keys()]).toEqual([...enText.keys()]);
    expect(idText.size).toBeGreaterThan(5);
    // Not one description is the English one.
    const same = [...idText].filter(([flags, text]) => enText.get(flags) === text).map(([flags]) => flags);
    expect(same).toEqual([]);
  });

  it('explain: the year is chosen as check chooses it, and the exit codes are the command\'s', async () => {
    const id = (await run(['explain', '--help'])).stdout;
    expect(described(id).get('-y, --year <yyyy>')).toContain('tahun tempat sebagian besar catatan diklat berakhir');
    expect(described(id).get('--name <text>')).toBe('jelaskan setiap pegawai yang namanya memuat teks ini (huruf besar/kecil sama saja)');
    expect(id).toContain('\nKode keluar: 0 penjelasan ditampilkan, 2 NIP tidak ada di data pegawai');
    expect(id).toContain('\nContoh:\n  jp-audit explain 198503152010011001 pegawai.csv -t diklat.csv --year 2025\n');
    const en = (await run(['explain', '--help', '--lang', 'en'])).stdout;
    expect(en).toContain('\nExit codes: 0 explained, 2 a NIP is not on the roster');
  });

  it('diff: its options in Indonesian, its examples and exit codes', async () => {
    const id = (await run(['diff', '--help'])).stdout;
    const d = described(id);
    expect(d.get('--allow-year-change')).toBe('bandingkan dengan laporan tahun sebelumnya, pegawai dicocokkan menurut NIP');
    expect(d.get('old')).toBe('laporan JSON check yang lebih lama (- untuk stdin)');
    expect(id).toContain('\nContoh:\n  jp-audit diff laporan/juni.json laporan/september.json\n');
    expect(id).toContain('\nKode keluar: 0 tidak ada yang memburuk, 1 ada yang memburuk, 2 masukan tidak bisa dipakai');
  });
});
