/** One zip entry; the sizes written in its headers can be made to lie. */
export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** Stored (0) instead of deflated (8). */
  store?: boolean;
  /** Declared uncompressed size, in the local header and the directory (default: the real one). */
  declaredSize?: number;
  /** Replaces the deflated bytes (to damage them). */
  body?: (deflated: Buffer) => Buffer;
  /** zlib's deflate level (default 6). */
  level?: number;
}

export function zip(parts: readonly ZipPart[]): Buffer;
