import { JSON_LIMITS } from './limits.js';
import { JpAuditError } from '../errors.js';
import { HEADER_ALIASES, normalizeHeader } from '../normalize/header.js';
import { decodeStream } from './decode.js';
import type { Cell, RawRow, ReadOptions, RowSource, SourceInfo } from './types.js';

type Value = Cell | Pairs | Value[];
/** An object's members in their order; kept as pairs so that no key (`__proto__`) is special. */
class Pairs {
  readonly list: Array<[string, Value]> = [];
}

/** Receives the lexer's events. */
interface Sink {
  open(kind: 'object' | 'array', line: number): void;
  close(line: number): void;
  key(k: string, line: number): void;
  value(v: Cell, line: number): void;
}

const enum S {
  /** Before a value (at the top, after `[`, `:` or an array's `,`). */
  Value,
  /** After `{` (a key or `}`). */
  FirstKey,
  /** After an object's `,`. */
  Key,
  Colon,
  /** After a value inside a container (`,` or its closing bracket). */
  After,
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const STRING_STOP = /["\\]/g;

/**
 * A streaming JSON lexer: text goes in by the chunk, events come out; strings, numbers and literals
 * may be cut anywhere between chunks. Several top-level values in a row are NDJSON (or JSON Lines).
 * A number too large to hold exactly (an 18-digit NIP written as a number) is given as its digits.
 */
export class JsonLexer {
  private stack: boolean[] = []; // true: object
  private state: S = S.Value;
  private line = 1;
  private token: 'string' | 'number' | 'literal' | undefined;
  private buf: string[] = [];
  private bufLen = 0;
  private escape = '';
  private stringIsKey = false;

  constructor(
    private readonly sink: Sink,
    private readonly file: string,
  ) {}

  private fail(detail: string): never {
    throw new JpAuditError('json-malformed', { line: this.line, detail }, this.file);
  }

  private grow(piece: string): void {
    this.bufLen += piece.length;
    if (this.bufLen > JSON_LIMITS.valueChars) throw new JpAuditError('json-value-too-large', { line: this.line, limit: `${JSON_LIMITS.valueChars / 1024 / 1024} MB` }, this.file);
    if (piece !== '') this.buf.push(piece);
  }

  private take(): string {
    const s = this.buf.length === 1 ? this.buf[0]! : this.buf.join('');
    this.buf = [];
    this.bufLen = 0;
    return s;
  }

  /** A value was completed: what may come next. */
  private afterValue(): void {
    this.state = this.stack.length === 0 ? S.Value : S.After;
  }

  private emitValue(v: Cell): void {
    if (this.state !== S.Value) this.fail(`unexpected value`);
    this.sink.value(v, this.line);
    this.afterValue();
  }

  private endToken(): void {
    const text = this.take();
    if (this.token === 'number') {
      if (!NUMBER.test(text)) this.fail(`not a number: ${text.slice(0, 40)}`);
      const n = Number(text);
      this.emitValue(/^-?\d+$/.test(text) && !Number.isSafeInteger(n) ? text : n);
    } else if (this.token === 'literal') {
      if (text === 'true') this.emitValue(true);
      else if (text === 'false') this.emitValue(false);
      else if (text === 'null') this.emitValue(null);
      else this.fail(`unexpected ${text.slice(0, 40)}`);
    }
    this.token = undefined;
  }

  feed(chunk: string): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.token === 'string') {
        i = this.inString(chunk, i);
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (this.token !== undefined) {
        // Numbers and literals run to the next delimiter.
        if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45) {
          let j = i + 1;
          while (j < n) {
            const d = chunk.charCodeAt(j);
            if (!((d >= 0x30 && d <= 0x39) || (d >= 0x61 && d <= 0x7a) || d === 0x2d || d === 0x2b || d === 0x2e || d === 0x45)) break;
            j++;
          }
          this.grow(chunk.slice(i, j));
          i = j;
          continue;
        }
        this.endToken();
      }
      i++;
      switch (c) {
        case 0x0a:
          this.line++;
          break;
        case 0x20:
        case 0x09:
        case 0x0d:
        case 0xfeff:
          break;
        case 0x7b: // {
        case 0x5b: // [
          if (this.state !== S.Value) this.fail(`unexpected ${String.fromCharCode(c)}`);
          if (this.stack.length >= JSON_LIMITS.depth) throw new JpAuditError('json-too-deep', { line: this.line, limit: JSON_LIMITS.depth }, this.file);
          this.stack.push(c === 0x7b);
          this.state = c === 0x7b ? S.FirstKey : S.Value;
          this.sink.open(c === 0x7b ? 'object' : 'array', this.line);
          if (c === 0x5b) this.emptyArray = true;
          break;
        case 0x7d: // }
        case 0x5d: {
          // ]
          const isObject = c === 0x7d;
          const top = this.stack[this.stack.length - 1];
          const emptyOk = isObject ? this.state === S.FirstKey : this.state === S.Value && this.emptyArray;
          if (top !== isObject || !(this.state === S.After || emptyOk)) this.fail(`unexpected ${String.fromCharCode(c)}`);
          this.stack.pop();
          this.sink.close(this.line);
          this.afterValue();
          break;
        }
        case 0x2c: // ,
          if (this.state !== S.After) this.fail('unexpected ,');
          this.state = this.stack[this.stack.length - 1] ? S.Key : S.Value;
          break;
        case 0x3a: // :
          if (this.state !== S.Colon) this.fail('unexpected :');
          this.state = S.Value;
          break;
        case 0x22: // "
          if (this.state === S.FirstKey || this.state === S.Key) this.stringIsKey = true;
          else if (this.state === S.Value) this.stringIsKey = false;
          else this.fail('unexpected string');
          this.token = 'string';
          break;
        default:
          if ((c >= 0x30 && c <= 0x39) || c === 0x2d) this.token = 'number';
          else if (c >= 0x61 && c <= 0x7a) this.token = 'literal';
          else this.fail(`unexpected character ${JSON.stringify(String.fromCharCode(c))}`);
          if (this.state !== S.Value) this.fail('unexpected value');
          this.grow(chunk[i - 1]!);
      }
      if (c !== 0x5b && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) this.emptyArray = false;
    }
  }

  private emptyArray = false;

  /** Reads string text from `i`; returns where it stopped (the chunk's end, or after the closing quote). */
  private inString(chunk: string, i: number): number {
    const n = chunk.length;
    while (i < n) {
      if (this.escape !== '') {
        // An escape cut between chunks: gather `\uXXXX` whole.
        this.escape += chunk[i++];
        if (this.escape[1] === 'u' && this.escape.length < 6) continue;
        this.grow(unescape(this.escape, this));
        this.escape = '';
        continue;
      }
      STRING_STOP.lastIndex = i;
      const m = STRING_STOP.exec(chunk);
      const stop = m ? m.index : n;
      if (stop > i) {
        const piece = chunk.slice(i, stop);
        for (let k = piece.indexOf('\n'); k >= 0; k = piece.indexOf('\n', k + 1)) this.line++;
        this.grow(piece);
      }
      if (!m) return n;
      if (chunk.charCodeAt(stop) === 0x5c) {
        this.escape = '\\';
        i = stop + 1;
        continue;
      }
      const s = this.take();
      this.token = undefined;
      if (this.stringIsKey) {
        this.sink.key(s, this.line);
        this.state = S.Colon;
      } else this.emitValue(s);
      return stop + 1;
    }
    return i;
  }

  /** Called by `unescape` on a bad escape. */
  badEscape(e: string): never {
    this.fail(`bad escape ${e}`);
  }

  /** The text has ended: a value or container still open means the file was cut short. */
  end(): void {
    if (this.token === 'string') this.fail('the file ends inside a string');
    if (this.token !== undefined) this.endToken();
    if (this.stack.length > 0) this.fail(`the file ends before its closing ${this.stack[this.stack.length - 1] ? '}' : ']'}`);
    if (this.state === S.Colon) this.fail('the file ends after a key');
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function unescape(e: string, lexer: JsonLexer): string {
  const c = e[1]!;
  if (c === 'u') {
    if (!/^\\u[0-9a-fA-F]{4}$/.test(e)) lexer.badEscape(e);
    return String.fromCharCode(parseInt(e.slice(2), 16));
  }
  const r = ESCAPES[c];
  if (r === undefined) lexer.badEscape(e);
  return r;
}

const NIP_KEYS = new Set(HEADER_ALIASES.nip.map(normalizeHeader));

type Frame =
  | { mode: 'top' }
  | { mode: 'records'; key: string | undefined; owner: WrapperFrame | undefined; records: number }
  | WrapperFrame
  | { mode: 'build'; value: Pairs | Value[]; key: string | undefined; emit: boolean };

interface WrapperFrame {
  mode: 'wrapper';
  pairs: Pairs;
  key: string | undefined;
  hasNip: boolean;
  hasArray: boolean;
  /** The key whose array gave records. */
  source: string | undefined;
}

/**
 * Turns JSON events into rows of one sheet. Records come from a top-level array, from the array
 * under `data` (or the only array) of an object such as SIASN's `{"code": 1, "data": [...]}`, or one
 * a line (NDJSON). A record holding one array of objects (a person with their trainings) gives one
 * row per element, the person's fields repeated. Row 1 is the header: every key of the first
 * `JSON_LIMITS.headerRecords` records; record rows follow from row 2.
 */
export class RecordAssembler implements Sink {
  private stack: Frame[] = [{ mode: 'top' }];
  private tops = 0;
  private out: RawRow[] = [];
  private columns = new Map<string, number>();
  private pending: Array<Array<[string, Cell]>> = [];
  private fixed = false;
  private row = 1;
  private arrays: boolean | undefined;
  private values = 0;
  /** Rows given as arrays (`[["NIP", "Nama"], [...]]`): numbered from 1, the first is the header. */
  private arrayRows = 0;

  constructor(
    private readonly info: SourceInfo,
    private readonly file: string,
  ) {}

  private get top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  take(): RawRow[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  open(kind: 'object' | 'array', line: number): void {
    const t = this.top;
    switch (t.mode) {
      case 'top':
        if (++this.tops === 2) this.info.format = 'ndjson';
        this.stack.push(kind === 'array' ? { mode: 'records', key: undefined, owner: undefined, records: 0 } : { mode: 'wrapper', pairs: new Pairs(), key: undefined, hasNip: false, hasArray: false, source: undefined });
        return;
      case 'records':
        this.values = 0;
        if (this.arrays === undefined) this.arrays = kind === 'array';
        else if (this.arrays !== (kind === 'array')) throw new JpAuditError('json-mixed', { line }, this.file);
        this.stack.push({ mode: 'build', value: kind === 'array' ? [] : new Pairs(), key: undefined, emit: true });
        return;
      case 'wrapper': {
        const key = t.key ?? '';
        if (kind === 'array' && t.hasNip && key !== 'data') {
          // A person with a list of trainings: this object is one record, built whole.
          this.values = t.pairs.list.length;
          this.stack[this.stack.length - 1] = { mode: 'build', value: t.pairs, key, emit: true };
          this.stack.push({ mode: 'build', value: [], key, emit: false });
        } else if (kind === 'array') {
          t.hasArray = true;
          this.stack.push({ mode: 'records', key, owner: t, records: 0 });
        } else if (key === 'data') this.stack.push({ mode: 'wrapper', pairs: new Pairs(), key: undefined, hasNip: false, hasArray: false, source: undefined });
        else this.stack.push({ mode: 'build', value: new Pairs(), key, emit: false });
        return;
      }
      case 'build':
        this.stack.push({ mode: 'build', value: kind === 'array' ? [] : new Pairs(), key: undefined, emit: false });
        return;
    }
  }

  key(k: string): void {
    const t = this.top;
    if (t.mode === 'wrapper') {
      t.key = k;
      if (NIP_KEYS.has(normalizeHeader(k))) t.hasNip = true;
    } else if (t.mode === 'build') t.key = k;
  }

  value(v: Cell, line: number): void {
    const t = this.top;
    switch (t.mode) {
      case 'top':
        throw new JpAuditError('json-no-records', {}, this.file);
      case 'records':
        return; // a list of plain values (messages, ids) holds no records
      case 'wrapper':
        t.pairs.list.push([t.key ?? '', v]);
        return;
      case 'build':
        if (++this.values > JSON_LIMITS.recordValues) throw new JpAuditError('json-record-too-large', { line, limit: JSON_LIMITS.recordValues }, this.file);
        if (t.value instanceof Pairs) t.value.list.push([t.key ?? '', v]);
        else t.value.push(v);
        return;
    }
  }

  close(line: number): void {
    const f = this.stack.pop()!;
    const parent = this.top;
    switch (f.mode) {
      case 'records':
        return;
      case 'wrapper':
        // An object with no list in it is a record itself (an NDJSON line, SIASN's single `data`).
        if (!f.hasArray) this.record(f.pairs, line, parent);
        // The outer object held records (in `data`): it is a wrapper, not a record.
        if (parent.mode === 'wrapper') parent.hasArray = true;
        return;
      case 'build':
        if (f.emit) {
          if (f.value instanceof Pairs) this.record(f.value, line, parent);
          else this.arrayRow(f.value);
          return;
        }
        if (parent.mode === 'build') {
          if (parent.value instanceof Pairs) parent.value.list.push([parent.key ?? '', f.value]);
          else parent.value.push(f.value);
        } else if (parent.mode === 'wrapper') parent.pairs.list.push([parent.key ?? '', f.value]);
        return;
      default:
        return;
    }
  }

  /** A record was read; `parent` says which list it came from, so two lists of records are caught. */
  private record(pairs: Pairs, line: number, parent: Frame): void {
    if (parent.mode === 'records' && parent.owner !== undefined) {
      const owner = parent.owner;
      if (owner.source === undefined) owner.source = parent.key;
      else if (owner.source !== parent.key) throw new JpAuditError('json-several-lists', { keys: `${owner.source}, ${parent.key ?? ''}`, line }, this.file);
    }
    for (const r of flatten(pairs, this.file, line)) this.add(r);
  }

  private arrayRow(cells: Value[]): void {
    this.out.push({ row: ++this.arrayRows, cells: cells.map(plainCell) });
  }

  private add(entries: Array<[string, Cell]>): void {
    if (!this.fixed) {
      for (const [k] of entries) if (!this.columns.has(k)) this.columns.set(k, this.columns.size);
      this.pending.push(entries);
      if (this.pending.length >= JSON_LIMITS.headerRecords) this.fix();
      return;
    }
    this.out.push({ row: ++this.row, cells: this.cells(entries) });
  }

  private cells(entries: Array<[string, Cell]>): Cell[] {
    const cells: Cell[] = new Array<Cell>(this.columns.size).fill(null);
    for (const [k, v] of entries) {
      const i = this.columns.get(k);
      if (i !== undefined) cells[i] = v;
      else if (v !== null && v !== '') {
        const late = (this.info.lateKeys ??= { keys: [], row: this.row });
        if (late.keys.length < 20 && !late.keys.includes(k)) late.keys.push(k);
      }
    }
    return cells;
  }

  /** The header is every key seen so far; the records held for it follow. */
  private fix(): void {
    this.fixed = true;
    this.out.push({ row: 1, cells: [...this.columns.keys()] });
    for (const e of this.pending) this.out.push({ row: ++this.row, cells: this.cells(e) });
    this.pending = [];
  }

  end(): void {
    if (!this.fixed && this.pending.length > 0) this.fix();
    if (this.row === 1 && this.arrayRows === 0) throw new JpAuditError('json-no-records', {}, this.file);
  }
}

/** A value that is not a plain cell (a list, an object) as compact JSON text. */
function plainCell(v: Value): Cell {
  if (v instanceof Pairs || Array.isArray(v)) return JSON.stringify(plain(v));
  return v;
}

function plain(v: Value): unknown {
  if (v instanceof Pairs) {
    const o: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [k, x] of v.list) o[k] = plain(x);
    return o;
  }
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

/** An object's fields as columns: nested objects as `key sub`, lists of plain values joined. */
function fields(pairs: Pairs, prefix: string, out: Array<[string, Cell]>, lists: Array<[string, Value[]]> | undefined): void {
  for (const [k, v] of pairs.list) {
    const name = prefix === '' ? k : `${prefix} ${k}`;
    if (v instanceof Pairs) fields(v, name, out, undefined);
    else if (Array.isArray(v)) {
      // An empty list says nothing (a person with no training yet): no column, no row of its own.
      if (v.length === 0) continue;
      if (lists !== undefined && v.some((x) => x instanceof Pairs)) lists.push([name, v]);
      else if (v.every((x) => !(x instanceof Pairs) && !Array.isArray(x))) out.push([name, v.filter((x) => x !== null && x !== '').join(', ')]);
      else out.push([name, plainCell(v)]);
    } else out.push([name, v]);
  }
}

/** One record as rows: one row, or one row per element of its one list of objects. */
function flatten(pairs: Pairs, file: string, line: number): Array<Array<[string, Cell]>> {
  const base: Array<[string, Cell]> = [];
  const lists: Array<[string, Value[]]> = [];
  fields(pairs, '', base, lists);
  if (lists.length === 0) return [base];
  if (lists.length > 1) throw new JpAuditError('json-several-lists', { keys: lists.map(([k]) => k).join(', '), line }, file);
  const [listKey, items] = lists[0]!;
  if (items.length === 0) return [base];
  const taken = new Set(base.map(([k]) => k));
  return items.map((item) => {
    const own: Array<[string, Cell]> = [];
    if (item instanceof Pairs) fields(item, '', own, undefined);
    else own.push([listKey, plainCell(item)]);
    // A training's `nama` beside the person's `nama` becomes `nama pelatihan`.
    return [...base, ...own.map(([k, v]): [string, Cell] => [taken.has(k) ? `${k} ${listKey}` : k, v])];
  });
}

/**
 * JSON or NDJSON (a file or stdin) read as rows, a chunk at a time: only the records held for the
 * header (`JSON_LIMITS.headerRecords`) and the record being read are in memory.
 */
export class JsonSource implements RowSource {
  readonly info: SourceInfo;

  constructor(
    private readonly open: () => AsyncIterable<Buffer>,
    file: string,
    private readonly options: ReadOptions = {},
    size?: number,
  ) {
    this.info = { file, format: 'json' };
    if (size !== undefined) this.info.size = size;
  }

  async *rows(): AsyncGenerator<RawRow> {
    const assembler = new RecordAssembler(this.info, this.info.file);
    const lexer = new JsonLexer(assembler, this.info.file);
    for await (const chunk of decodeStream(this.open(), this.info, this.options.encoding)) {
      lexer.feed(chunk);
      yield* assembler.take();
    }
    lexer.end();
    assembler.end();
    yield* assembler.take();
  }
}
