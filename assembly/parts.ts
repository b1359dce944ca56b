// What the kernels that partition records by NIP share (no SIMD: the settle kernel is built
// without it).

/** A NIP's partition: `partOf` in src/engine/fast/partitions.ts exactly (blocks made by either are read by both). */
@inline export function partOf(hi: u32, lo: u32): u32 {
  let h = hi ^ (lo * 0x27d4eb2f);
  h ^= h >>> 16;
  h *= 0x7feb352d;
  h ^= h >>> 15;
  h *= 0x846ca68b;
  return (h >>> 24) & 255;
}

/**
 * A counting sort's middle: the 257 u32 at `starts` hold each partition's count at p + 1 (and 0
 * at 0); they become where each partition starts, then the end, and `next` (256 u32) a copy of
 * the starts, to place items with.
 */
export function countsToStarts(starts: usize, next: usize): void {
  for (let p = 1; p <= 256; p++) {
    const s = starts + (<usize>p << 2);
    store<u32>(s, load<u32>(s) + load<u32>(s - 4));
  }
  memory.copy(next, starts, 256 * 4);
}
