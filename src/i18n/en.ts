import type { Catalogue, Params } from './catalogue.js';

const fields = {
  nip: 'NIP',
  name: 'name',
  type: 'employee type',
  opd: 'OPD/unit',
  training: 'training name',
  start: 'start date',
  end: 'end date',
  jp: 'JP',
} as const;

const field = (p: Params) => fields[p.field as keyof typeof fields] ?? String(p.field);

const EXCEL_TEXT =
  'Excel turned the NIP column into numbers and lost its last digits; format the NIP column as Text in Excel (or export again from SIASN/SIMPEG as CSV) and run again';

const nipReason: Record<string, string> = {
  characters: 'a NIP holds digits only (spaces and a leading apostrophe are allowed)',
  length: 'a NIP has 18 digits',
  'birth-date': 'the first 8 digits of the NIP are not a valid birth date (YYYYMMDD)',
};

const dateReason: Record<string, string> = {
  format: 'unknown date form; use dd/mm/yyyy, yyyy-mm-dd or "7 Juli 2025" (for mm/dd/yyyy use --date-format mdy)',
  calendar: 'no such day in the calendar',
  'two-digit-year': 'two-digit year; export again with four-digit years',
  empty: 'the row has neither a start nor an end date',
};

const jpReason: Record<string, string> = {
  empty: 'JP is empty',
  'not-a-number': 'JP is not a number (valid: 2, 2,5, 2.5)',
  zero: 'a JP of 0 does not count',
  negative: 'JP is negative',
};

export const en: Catalogue = {
  errors: {
    'file-not-found': () => 'file not found; check its name and folder',
    'file-unreadable': (p) => `cannot read the file (${p.detail}); check its permissions`,
    'file-is-directory': () => 'this is a folder, not a file; name a CSV or .xlsx file in it',
    'file-empty': () => 'the file is empty; export the data again',
    'no-data': () => 'the file holds no data rows; export the data again',
    'xls-not-supported': () => 'this is an old Excel file (.xls), which is not supported; open it in Excel and Save As .xlsx or CSV',
    'pdf-not-supported': () => 'this is a PDF, not data; export the data from its application as CSV or .xlsx',
    'xlsx-not-zip': () => 'the file is named .xlsx but is not an Excel workbook; export again as .xlsx or CSV',
    'xlsx-unreadable': (p) => `the .xlsx file is damaged or incomplete (${p.detail}); open and save it again in Excel, or export as CSV`,
    'xlsx-no-sheets': () => 'the .xlsx file has no worksheet; export the data again',
    'sheet-not-found': (p) => `no sheet "${p.sheet}"; the sheets are: ${p.sheets}`,
    'csv-quote-not-closed': (p) => `row ${p.row}: a quote (") is opened and never closed before the end of the file; fix that cell or export again`,
    'csv-record-too-large': (p) => `row ${p.row}: one row is larger than 16 MB; the file is probably damaged or its quotes unbalanced`,
    'csv-malformed': (p) => `row ${p.row}: invalid CSV (${p.detail}); export the file again`,
    'missing-column': (p) =>
      `no ${field(p)} column (columns found: ${p.headers}); rename the column or use --map ${p.field}="Column name"`,
    'training-is-roster': (p) =>
      `this file looks like a staff roster, not training records (columns: ${p.headers}); give the roster first and training files with --training`,
    'roster-is-training': (p) =>
      `this file looks like training records, not a staff roster (columns: ${p.headers}); give the roster first and training files with --training`,
    'no-training-data': (p) =>
      `no JP data: the file has no JP column and no --training was given (columns: ${p.headers}); add --training training.csv`,
    'shape-needs-training': () => '--shape separate needs at least one --training file',
    'shape-no-training': (p) => `--shape ${p.shape} reads JP from the roster itself; drop --training or use --shape separate`,
    'stdin-twice': () => 'standard input (-) can be read only once; save one of the inputs as a file',
    'map-header-not-found': (p) => `--map ${p.field}="${p.header}": no such column in ${p.files}; check the column name`,
    'bad-option': (p) => `${p.option} "${p.value}" is not valid; allowed: ${p.allowed}`,
    'out-is-input': (p) => `--out ${p.out} is one of the input files; choose another file name so the data is not overwritten`,
    'out-write-failed': (p) => `cannot write the report (${p.detail}); check the folder and its permissions`,
  },
  findings: {
    'invalid-nip': (p) => `${nipReason[String(p.reason)] ?? 'invalid NIP'}; fix the NIP on this row`,
    'nip-excel-mangled': () => EXCEL_TEXT,
    'missing-value': (p) => `${field(p)} is empty; fill in this cell`,
    'invalid-date': (p) => `${dateReason[String(p.reason)] ?? 'invalid date'}`,
    'end-before-start': () => 'the end date is before the start date; check both dates',
    'invalid-jp': (p) => `${jpReason[String(p.reason)] ?? 'invalid JP'}; the row is not counted`,
    'invalid-type': () => 'unknown employee type; use PNS, CPNS, PPPK (P3K) or their long forms',
    'repeated-header': () => 'the header row appears again (two exports pasted together?); row skipped',
    'unknown-nip': (p) =>
      p.rejectedRow !== undefined
        ? `NIP ${p.nip} was rejected in the roster (row ${p.rejectedRow}); fix that row for this training to count`
        : `NIP ${p.nip} is not in the roster; this training is not counted`,
    'duplicate-record': (p) => `the same training is already recorded (${p.firstFile} row ${p.firstRow}); counted once`,
    'duplicate-employee': (p) => `NIP already on row ${p.firstRow}; the first row is used`,
    'inconsistent-employee': (p) => `employee data differs from an earlier row (${p.type}, ${p.opd}); the first is used`,
    'over-max': (p) => `${p.nip} (${p.type}) has ${p.jp} JP, above the maximum of ${p.max} JP (a warning, not a failure)`,
    'encoding-replaced': (p) => `${p.count} bytes not valid in ${p.encoding} were replaced with �; check names or use --encoding`,
    'column-choice': (p) => `this column is used for ${field(p)}; other matching columns passed over: ${p.others} (use --map ${p.field}="..." to choose)`,
    'ignored-columns': (p) => `columns not used for this file's role: ${p.columns}`,
  },
  fields,
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  labels: {
    shapes: {
      separate: 'staff roster + training records',
      totals: 'staff roster with each person\'s total JP',
      combined: 'one combined sheet (employees and their trainings)',
    },
    statuses: { compliant: 'compliant', 'non-compliant': 'non-compliant' },
    roles: { staff: 'staff', training: 'training', combined: 'combined' },
    severity: { error: 'error', warning: 'warning', info: 'info' },
    title: (p) => `Competency development JP audit ${p.year}`,
    employees: 'Employees',
    compliant: 'Compliant',
    nonCompliant: 'Non-compliant',
    rate: 'Rate',
    totalJp: 'Total JP',
    averageJp: 'Average JP',
    opd: 'OPD',
    nip: 'NIP',
    name: 'Name',
    type: 'Type',
    jp: 'JP',
    requiredJp: 'Required JP',
    shortfall: 'Shortfall JP',
    status: 'Status',
    records: 'Trainings',
    byOpd: 'By OPD',
    byType: 'By employee type',
    nonCompliantList: 'Non-compliant employees',
    allComply: 'Every employee meets the JP duty.',
    inputs: 'Input files',
    findings: 'Data findings',
    findingsSummary: (p) => `${p.count} findings (${p.errors} errors, ${p.warnings} warnings, ${p.infos} info)`,
    moreFindings: (p) => `... and ${p.count} more findings; see them all with --format json`,
    noFindings: 'No data findings.',
    accounting: (p) => `${p.rows} rows: ${p.accepted} accepted, ${p.rejected} rejected, ${p.duplicates} duplicates`,
    accountingTraining: (p) => `counted ${p.counted}, outside the year ${p.outsidePeriod}, unknown NIP ${p.unknownNip}`,
    blankRows: (p) => `${p.count} blank rows skipped`,
    shapeTaken: (p) => `input shape: ${p.shape}; year ${p.year}`,
    columnsUsed: (p) => `${p.file}: header on row ${p.headerRow}; columns: ${p.columns}`,
    wrote: (p) => `report written to ${p.file}`,
    more: (p) => `... and ${p.count} more`,
  },
};
