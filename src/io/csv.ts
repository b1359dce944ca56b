import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { JpAuditError } from '../errors.js';
import { decodeStream } from './decode.js';
import { MAX_RECORD_BYTES, recordTooLarge } from './limits.js';
import type { Delimiter, RawRow, ReadOptions, RowSource, SourceInfo } from './types.js';

/** Separators detected, in the order that breaks ties; `|` is SIASN's pegawai export as handed around. */
const CANDIDATES: readonly Delimiter[] = [';', ',', '\t', '|'];
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_LINES = 60;
/** The first chunk of a file read from disk (see `fromFile`). */
const HEAD_BYTES = 8 * 1024;

/**
 * Picks the separator that splits the first lines most consistently: the one whose most common
 * per-line count (above zero) is shared by the most lines. Counting skips quoted text, so
 * `"Budi, S.Kom."` does not vote for `,`; a `;` file with decimal commas still picks `;`.
 */
export function sniffDelimiter(sample: string): Delimiter {
  return sniff(sample).delimiter;
}

/** `sniffDelimiter`, and how many whole lines of the sample it judged (at most `SAMPLE_LINES`). */
function sniff(sample: string): { delimiter: Delimiter; lines: number } {
  const counts = new Map<Delimiter, number[]>(CANDIDATES.map((d) => [d, []]));
  let inQuotes = false;
  let line = new Map<Delimiter, number>();
  let lines = 0;
  let nonEmpty = false;
  const endLine = () => {
    if (nonEmpty) {
      for (const d of CANDIDATES) counts.get(d)!.push(line.get(d) ?? 0);
      lines++;
    }
    line = new Map();
    nonEmpty = false;
  };
  for (let i = 0; i < sample.length && lines < SAMPLE_LINES; i++) {
    const c = sample[i]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) endLine();
    else if (!inQuotes && (c === ',' || c === ';' || c === '\t' || c === '|')) line.set(c, (line.get(c) ?? 0) + 1);
    if (c !== '\n' && c !== '\r' && c !== ' ') nonEmpty = true;
  }
  const whole = lines;
  endLine();

  let best: Delimiter = ',';
  let bestSupport = 0;
  let bestMode = 0;
  for (const d of CANDIDATES) {
    const freq = new Map<number, number>();
    for (const n of counts.get(d)!) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
    let mode = 0;
    let support = 0;
    for (const [n, f] of freq) if (f > support || (f === support && n > mode)) [mode, support] = [n, f];
    if (support > bestSupport || (support === bestSupport && mode > bestMode)) {
      best = d;
      bestSupport = support;
      bestMode = mode;
    }
  }
  return { delimiter: best, lines: whole };
}

/** A CSV/TSV/TXT file (or stdin) read as a stream of rows. */
export class CsvSource implements RowSource {
  readonly info: SourceInfo;

  constructor(
    private readonly open: () => AsyncIterable<Buffer | string>,
    file: string,
    private readonly options: ReadOptions = {},
  ) {
    this.info = { file, format: 'csv' };
    if (options.delimiter) this.info.delimiter = options.delimiter;
  }

  /**
   * Reads a file from disk in 1 MiB chunks, counting bytes for a progress display. The first
   * 8 KiB come as a chunk of their own: csv-parse parses a whole chunk as soon as it gets it, and
   * a file the byte scanner reads is opened only for its header rows: a larger first chunk would be
   * thousands of rows parsed for nothing, in every file.
   */
  static fromFile(path: string, file: string, options: ReadOptions = {}, size?: number): CsvSource {
    const source: CsvSource = new CsvSource(() => countBytes(headFirst(createReadStream(path, { highWaterMark: 1 << 20 }), HEAD_BYTES), source.info), file, options);
    if (size !== undefined) source.info.size = size;
    return source;
  }

  async *rows(): AsyncGenerator<RawRow> {
    const text = decodeStream(this.open(), this.info, this.options.encoding)[Symbol.asyncIterator]();
    const head: string[] = [];
    let sampled = 0;
    let sniffed: Delimiter | undefined;
    let judged = 0;
    // Text until the separator is judged on its whole sample (SAMPLE_LINES lines, or SAMPLE_CHARS);
    // judged again every 4K characters at most, however small the pieces come (a slow pipe).
    while (sampled < SAMPLE_CHARS) {
      const r = await text.next();
      if (r.done) break;
      head.push(r.value);
      sampled += r.value.length;
      if (this.options.delimiter) break;
      if (sampled - judged < 4096) continue;
      judged = sampled;
      const s = sniff(head.join('').slice(0, SAMPLE_CHARS));
      if (s.lines >= SAMPLE_LINES) sniffed = s.delimiter;
      if (sniffed) break;
    }
    const delimiter = this.options.delimiter ?? sniffed ?? sniffDelimiter(head.join('').slice(0, SAMPLE_CHARS));
    this.info.delimiter = delimiter;

    // The record size limit (src/io/limits.ts): each record's bytes are measured as csv-parse hands
    // it over (its byte count is then at the record's end, line end included), and, between the
    // pieces fed to the parser, the bytes of the record still open (csv-parse counts bytes to each
    // field's end), so a record of millions of short fields stops at the limit instead of filling
    // memory. Records are numbered here as csv-parse ends them.
    const file = this.info.file;
    let recordsEnded = 0;
    let endedAt = 0;
    const tooLarge = () => new JpAuditError('csv-record-too-large', { row: recordsEnded + 1 }, file);
    async function* all(): AsyncGenerator<string> {
      for (const piece of head) {
        yield piece;
        if (recordTooLarge(parser.info.bytes - endedAt)) throw tooLarge();
      }
      for (let r = await text.next(); !r.done; r = await text.next()) {
        yield r.value;
        if (recordTooLarge(parser.info.bytes - endedAt)) throw tooLarge();
      }
    }
    const parser = parse({
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      // Files pasted together mix CRLF, LF and CR; csv-parse would otherwise keep the first one only.
      record_delimiter: ['\r\n', '\n', '\r'],
      bom: false,
      // A bound that holds within one field too: csv-parse counts a record's text here, which is
      // never more than its bytes, so it stops only records over the limit (with their number).
      max_record_size: MAX_RECORD_BYTES,
    });
    // Measured where each record is handed over: `on_record` would do it too, but it copies an
    // info object for every record, which slows the whole parse down.
    const push = parser.push.bind(parser);
    parser.push = (record: unknown, encoding?: BufferEncoding): boolean => {
      if (record !== null) {
        if (recordTooLarge(parser.info.bytes - endedAt)) {
          parser.destroy(tooLarge());
          return false;
        }
        recordsEnded++;
        endedAt = parser.info.bytes;
      }
      return push(record, encoding);
    };
    const src = Readable.from(all());
    src.on('error', (e) => parser.destroy(e));
    src.pipe(parser);

    let row = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        row++;
        yield { row, cells: record };
      }
    } catch (e) {
      if ((e as { code?: unknown }).code === 'CSV_MAX_RECORD_SIZE') throw tooLarge();
      // csv-parse counts the records it finished; the broken one is the next.
      const done = (e as { records?: unknown }).records;
      throw toCsvError(e, this.info.file, (typeof done === 'number' ? done : row) + 1);
    } finally {
      src.destroy();
    }
  }
}

/** Passes chunks through, the first `head` bytes of the first one as a chunk of their own. */
async function* headFirst(chunks: AsyncIterable<Buffer>, head: number): AsyncGenerator<Buffer> {
  let first = true;
  for await (const c of chunks) {
    if (first && c.length > head) {
      yield c.subarray(0, head);
      yield c.subarray(head);
    } else yield c;
    first = false;
  }
}

/** Passes chunks through, adding their length to `info.bytesRead`. */
export async function* countBytes(chunks: AsyncIterable<Buffer>, info: SourceInfo): AsyncGenerator<Buffer> {
  info.bytesRead = 0;
  for await (const c of chunks) {
    info.bytesRead += c.length;
    yield c;
  }
}

function toCsvError(e: unknown, file: string, row: number): unknown {
  const code = (e as { code?: unknown }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return new JpAuditError('csv-quote-not-closed', { row }, file);
  if (typeof code === 'string' && code.startsWith('CSV_')) {
    return new JpAuditError('csv-malformed', { row, detail: (e as Error).message }, file);
  }
  return e;
}
