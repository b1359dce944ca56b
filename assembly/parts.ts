// What the kernels that partition records by NIP share (no SIMD: the settle kernel is built
// without it).

/** A NIP's partition: `partOf` in src/audit/partitions.ts exactly (blocks made by either are read by both). */
@inline export function partOf(hi: u32, lo: u32): u32 {
  let h = hi ^ (lo * 0x27d4eb2f);
  h ^= h >>> 16;
  h *= 0x7feb352d;
  h ^= h >>> 15;
  h *= 0x846ca68b;
  return (h >>> 24) & 255;
}
