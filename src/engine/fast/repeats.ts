/**
 * Records whose bytes repeat the record read just before them in the same file (a row entered
 * twice, one under the other): the same bytes make the same cells, so the same exact duplicate key
 * (`sameTrainingKey` reads nothing else). A hash match between such a record and the record it
 * repeats (or the one that repeats, back along a run of them) is confirmed without reading either
 * again, and the repeat's training name, taken when it was scanned, is the one its finding shows.
 * Any other match is confirmed by reading both records' keys (`confirmDuplicates`).
 */

/**
 * Repeats one thread keeps, at most: past it, matches are confirmed by reading, as any other. Every
 * thread's go to every worker that counts (with each thread's block index), so this bounds what
 * they hold: about 1.5 MB a thread, and each distinct name once.
 */
export const REPEATS_KEPT = 1 << 16;
/** Steps taken back along a run of repeats to reach a first copy. */
const RUN_STEPS = 64;

/**
 * A thread's repeats as plain data, for another thread: file index, byte offset, the offset of the
 * record it repeats, and its training name (by number: `names`, each distinct name once).
 */
export interface RepeatsData {
  file: Uint32Array;
  at: Float64Array;
  prev: Float64Array;
  name: Uint32Array;
  names: string[];
}

/** The repeats a thread finds while it reads (see `fastpath.ts`). */
export class Repeats {
  private file: number[] = [];
  private at: number[] = [];
  private prev: number[] = [];
  private name: number[] = [];
  private readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  constructor(private readonly kept = REPEATS_KEPT) {}

  get size(): number {
    return this.at.length;
  }

  /** Whether another fits: the caller then compares the bytes. */
  get full(): boolean {
    return this.at.length >= this.kept;
  }

  /** The record at `at` of `file` has the bytes of the one at `prev`, just before it; `name` is its training name as a finding shows it. */
  add(file: number, at: number, prev: number, name: string): void {
    if (this.full) return;
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    this.file.push(file);
    this.at.push(at);
    this.prev.push(prev);
    this.name.push(id);
  }

  /** Forgets a file's repeats (read again by other threads). */
  dropFile(file: number): void {
    const keep = this.file.map((f) => f !== file);
    const pick = <T>(list: T[]) => list.filter((_, i) => keep[i]);
    this.at = pick(this.at);
    this.prev = pick(this.prev);
    this.name = pick(this.name);
    this.file = pick(this.file);
  }

  data(): RepeatsData {
    return { file: Uint32Array.from(this.file), at: Float64Array.from(this.at), prev: Float64Array.from(this.prev), name: Uint32Array.from(this.name), names: [...this.names] };
  }
}

/** Every thread's repeats, to look up: is a record a repeat of a given first copy, and its name. */
export class RepeatLookup {
  /** By file: offset to [offset of the record it repeats, name]. */
  private readonly byFile = new Map<number, Map<number, [prev: number, name: string]>>();

  constructor(all: ReadonlyArray<RepeatsData | undefined>) {
    for (const d of all) {
      if (d === undefined) continue;
      for (let i = 0; i < d.at.length; i++) {
        let m = this.byFile.get(d.file[i]!);
        if (m === undefined) this.byFile.set(d.file[i]!, (m = new Map()));
        m.set(d.at[i]!, [d.prev[i]!, d.names[d.name[i]!]!]);
      }
    }
  }

  get empty(): boolean {
    return this.byFile.size === 0;
  }

  /**
   * The training name of the record at `at` of `file` when its bytes are those of the record at
   * `firstAt` of `firstFile` (it repeats it, or a repeat of it, back along a run); else undefined.
   */
  sameAs(file: number, at: number, firstFile: number, firstAt: number): string | undefined {
    if (file !== firstFile) return undefined;
    const m = this.byFile.get(file);
    const own = m?.get(at);
    if (own === undefined) return undefined;
    let x = own;
    for (let step = 0; step < RUN_STEPS; step++) {
      if (x[0] === firstAt) return own[1];
      const before = m!.get(x[0]);
      if (before === undefined) return undefined;
      x = before;
    }
    return undefined;
  }
}
