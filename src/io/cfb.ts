/**
 * Checks the tables of an OLE compound file (the container of an Excel 97-2003 .xls, MS-CFB) before
 * any library reads it: the header, the FAT and its DIFAT, the directory, and every stream's sector
 * chain. A chain that loops, runs out of the file, or shares a sector with another chain, and a
 * stream larger than its chain, make the file broken. SheetJS trusts these tables, and a hostile one
 * can make it allocate far beyond any heap limit (a fatal error that ends the whole process, which
 * no worker's resource limit catches), so the check runs first, on the bytes alone.
 *
 * Returns undefined for a sound container, else a short English description of what is broken (for
 * `--debug`; the user is told the file is damaged).
 */
export function compoundFileProblem(buf: Uint8Array): string | undefined {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.length < 512) return 'shorter than its header';
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (!magic.every((b, i) => buf[i] === b)) return 'no compound file signature';
  if (v.getUint16(0x1c, true) !== 0xfffe) return 'byte order mark';
  const shift = v.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return `sector size 2^${shift}`;
  if (v.getUint16(0x20, true) !== 6) return 'mini sector size';
  const size = 1 << shift;
  const sectors = Math.ceil((buf.length - size) / size);
  if (sectors <= 0) return 'no sectors';
  const sectorAt = (n: number) => size * (n + 1);
  const u32 = (off: number) => (off + 4 <= buf.length ? v.getUint32(off, true) : FREE);
  const perSector = size / 4;

  // The FAT's own sectors: 109 in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  const nFat = v.getUint32(0x2c, true);
  if (nFat > sectors) return 'more FAT sectors than the file holds';
  for (let i = 0; i < 109 && fatSectors.length < nFat; i++) fatSectors.push(v.getUint32(0x4c + i * 4, true));
  let difat = v.getUint32(0x44, true);
  const seenDifat = new Set<number>();
  while (fatSectors.length < nFat) {
    if (difat >= sectors || seenDifat.has(difat)) return 'DIFAT chain';
    seenDifat.add(difat);
    for (let i = 0; i < perSector - 1 && fatSectors.length < nFat; i++) fatSectors.push(u32(sectorAt(difat) + i * 4));
    difat = u32(sectorAt(difat) + (perSector - 1) * 4);
  }
  const fat = new Uint32Array(sectors).fill(FREE);
  const seenFat = new Set<number>();
  for (const [k, s] of fatSectors.entries()) {
    if (s >= sectors || seenFat.has(s)) return 'FAT sector out of the file or listed twice';
    seenFat.add(s);
    for (let i = 0; i < perSector; i++) {
      const n = k * perSector + i;
      if (n < sectors) fat[n] = u32(sectorAt(s) + i * 4);
    }
  }

  // Every sector belongs to one chain at most.
  const used = new Uint8Array(sectors);
  const chain = (start: number, what: string): number[] | string => {
    const list: number[] = [];
    for (let s = start; s !== END; s = fat[s]!) {
      if (s >= sectors) return `${what}: sector ${s} outside the file`;
      if (used[s]) return `${what}: sector ${s} in two chains, or a loop`;
      used[s] = 1;
      list.push(s);
    }
    return list;
  };
  for (const s of [...fatSectors, ...seenDifat]) used[s] = 1;

  const dir = chain(v.getUint32(0x30, true), 'directory');
  if (typeof dir === 'string') return dir;
  const entries = (dir.length * size) / 128;
  let miniStart = END;
  let miniSize = 0;
  const streams: Array<{ start: number; size: number; name: number }> = [];
  for (let e = 0; e < entries; e++) {
    const at = sectorAt(dir[Math.floor((e * 128) / size)]!) + ((e * 128) % size);
    const type = buf[at + 0x42];
    if (type === 0) continue;
    const start = u32(at + 0x74);
    const length = u32(at + 0x78) + (shift === 12 ? u32(at + 0x7c) * 2 ** 32 : 0);
    if (length > buf.length * 64) return `directory entry ${e}: a stream of ${length} bytes in a file of ${buf.length}`;
    if (type === 5) {
      miniStart = start;
      miniSize = length;
    } else if (type === 2) streams.push({ start, size: length, name: e });
    else if (type !== 1) return `directory entry ${e}: type ${type}`;
  }
  const cutoff = v.getUint32(0x38, true);
  const mini = miniSize > 0 ? chain(miniStart, 'mini stream') : [];
  if (typeof mini === 'string') return mini;
  if (mini.length * size < miniSize) return 'mini stream shorter than its size';
  const miniFatSectors = v.getUint32(0x40, true) > 0 ? chain(v.getUint32(0x3c, true), 'mini FAT') : [];
  if (typeof miniFatSectors === 'string') return miniFatSectors;
  const miniFat: number[] = [];
  for (const s of miniFatSectors) for (let i = 0; i < perSector; i++) miniFat.push(u32(sectorAt(s) + i * 4));
  const miniSectors = Math.floor(miniSize / 64);
  const miniUsed = new Uint8Array(miniSectors);
  for (const st of streams) {
    if (st.size === 0) continue;
    if (st.size < cutoff) {
      let n = 0;
      for (let s = st.start; s !== END; s = miniFat[s] ?? FREE) {
        if (s >= miniSectors) return `stream ${st.name}: mini sector ${s} outside the mini stream`;
        if (miniUsed[s]) return `stream ${st.name}: mini sector ${s} in two chains, or a loop`;
        miniUsed[s] = 1;
        n++;
      }
      if (n * 64 < st.size) return `stream ${st.name}: shorter than its size`;
    } else {
      const c = chain(st.start, `stream ${st.name}`);
      if (typeof c === 'string') return c;
      if (c.length * size < st.size) return `stream ${st.name}: shorter than its size`;
    }
  }
  return undefined;
}

const END = 0xfffffffe;
const FREE = 0xffffffff;
