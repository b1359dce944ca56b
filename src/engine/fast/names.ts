/**
 * The employees' names by roster index, as one block of bytes and where each name ends: what the
 * report kernel and the report threads take (see `EmployeeColumns.names`). The byte scanner adds
 * a plain ASCII name straight from the file's bytes (`pushBytes`): a roster of a million is read
 * without a million strings, which were made only to be turned back into bytes for the report.
 * A name that is not ASCII is kept as its string (in `others`, its bytes left empty); the column
 * then gives strings (`columns`).
 */
export class NameColumn {
  // Small at first: it grows (by doubling) within the first names, before the code adding them
  // is compiled, not later with a deoptimisation (see `Partitions.limit` for the same reason).
  private bytes = Buffer.alloc(256);
  private ends = new Uint32Array(1024);
  private n = 0;
  private used = 0;
  /** Names that are not ASCII, by roster index. */
  private readonly others = new Map<number, string>();

  get length(): number {
    return this.n;
  }

  /** Adds the name `buf[start..end)`: ASCII bytes, the name exactly (nothing to trim or fold). */
  pushBytes(buf: Uint8Array, start: number, end: number): void {
    const at = this.room(end - start);
    for (let i = start, j = at; i < end; i++, j++) this.bytes[j] = buf[i]!;
    this.ends[this.n++] = this.used = at + end - start;
  }

  push(name: string): void {
    let ascii = true;
    for (let i = 0; i < name.length; i++) {
      if (name.charCodeAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (!ascii) {
      this.others.set(this.n, name);
      this.room(0);
      this.ends[this.n++] = this.used;
      return;
    }
    const at = this.room(name.length);
    for (let i = 0; i < name.length; i++) this.bytes[at + i] = name.charCodeAt(i);
    this.ends[this.n++] = this.used = at + name.length;
  }

  get(i: number): string {
    const other = this.others.get(i);
    if (other !== undefined) return other;
    return this.bytes.toString('latin1', i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
  }

  /** The names as the report takes them: the bytes and ends (views), or strings if any is not ASCII. */
  columns(): readonly string[] | { bytes: Uint8Array; ends: Uint32Array } {
    if (this.others.size > 0) return Array.from({ length: this.n }, (_, i) => this.get(i));
    return { bytes: new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.used), ends: this.ends.subarray(0, this.n) };
  }

  /** Makes room for `n` names in all (a reader's estimate of the roster). */
  reserve(n: number): void {
    if (n <= this.ends.length) return;
    const ends = new Uint32Array(n);
    ends.set(this.ends);
    this.ends = ends;
  }

  /** Room for one more name of `size` bytes: where it starts. */
  private room(size: number): number {
    if (this.n === this.ends.length) {
      const ends = new Uint32Array(this.ends.length * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    if (this.used + size > this.bytes.length) {
      const bytes = Buffer.alloc(Math.max(this.used + size, this.bytes.length * 2));
      bytes.set(this.bytes.subarray(0, this.used));
      this.bytes = bytes;
    }
    return this.used;
  }
}
