/**
 * One cell as an adapter gives it: text from CSV and HTML; text, numbers, booleans or dates from
 * .xlsx, .xls and SpreadsheetML; text, numbers and booleans from JSON.
 */
export type Cell = string | number | boolean | Date | null;

/** One row of a sheet, numbered as a spreadsheet shows it (the first line of the file is row 1). */
export interface RawRow {
  row: number;
  cells: Cell[];
}

/** What a file really is, learnt from its bytes (its name may say otherwise). */
export type InputFormat = 'csv' | 'xlsx' | 'xls' | 'html' | 'spreadsheetml' | 'json' | 'ndjson';
export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le';
/** A field separator: `,` `;` tab and `|` are detected; `--delimiter` may name any other single character. */
export type Delimiter = string;

/** What was learnt about a file while reading it; filled in as reading goes on. */
export interface SourceInfo {
  file: string;
  format: InputFormat;
  encoding?: Encoding;
  bom?: boolean;
  delimiter?: Delimiter;
  sheet?: string;
  /** The file's extension when it names another format than `format` (an HTML table called .xls). */
  extension?: string;
  /** JSON: keys first met after the header was fixed, with the row they came on (their values are not read). */
  lateKeys?: { keys: string[]; row: number };
  /** Bytes that were not valid in the detected encoding and were replaced. */
  replacedBytes?: number;
  /** An .xlsx in the 1904 date system: a plain number in a date column counts days from 1904. */
  date1904?: boolean;
  /** The file's size and how much of it has been read, for a progress display. */
  size?: number;
  bytesRead?: number;
}

/** Every input adapter (CSV, XLSX, XLS, HTML, SpreadsheetML, JSON) yields rows one at a time, so no file is held in memory. */
export interface RowSource {
  readonly info: SourceInfo;
  rows(): AsyncIterable<RawRow>;
}

export interface ReadOptions {
  encoding?: Encoding;
  delimiter?: Delimiter;
  sheet?: string;
}
