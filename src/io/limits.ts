/**
 * The one limit on the size of a CSV record, which every reader applies the same way (the byte
 * scanner, src/engine/fast/scan.ts, and the general reader, src/io/csv.ts): a record may hold at most
 * `MAX_RECORD_BYTES` bytes of text as UTF-8, counted from its first byte through its line end,
 * separators and quotes included (a UTF-8 byte order mark is not part of it). Past it the file is
 * refused (`csv-record-too-large`, naming the record): a row that large is a damaged file or an
 * unbalanced quote, and reading on would hold it all in memory.
 */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** Is a record of `bytes` bytes (see `MAX_RECORD_BYTES`) over the limit? */
export function recordTooLarge(bytes: number): boolean {
  return bytes > MAX_RECORD_BYTES;
}

/** Limits that keep a hostile JSON file from exhausting memory: each ends in a one-line error. */
export const JSON_LIMITS = {
  /** Nesting of arrays and objects; real answers nest 4 deep at most. */
  depth: 64,
  /** One string or number, in characters (as CSV's largest field). */
  valueChars: 16 * 1024 * 1024,
  /** Values in one record, its nested trainings included. */
  recordValues: 1_000_000,
  /** Records read before the header (every key seen in them) is fixed. */
  headerRecords: 1000,
};
