import { PHASE_SPELLINGS } from '../normalize/phase.js';
import type { FindingCode } from '../audit/findings.js';
import type { Catalogue, Params } from './catalogue.js';

const fields = {
  nip: 'NIP',
  name: 'name',
  type: 'employee type',
  cpnsStatus: 'CPNS/PNS status',
  opd: 'OPD/unit',
  training: 'training name',
  start: 'start date',
  end: 'end date',
  jp: 'JP',
  minutes: 'duration (minutes)',
  hours: 'duration (hours)',
  serviceStart: 'service start (TMT)',
  serviceEnd: 'service end (retirement)',
  status: 'legal status',
  reason: 'reason',
  phase: 'phase',
  year: 'year',
} as const;

/** `column employee type (closest: "Jabatan") and OPD/unit`, from `fields` and `closest`. */
const missingList = (p: Params, like: string) => {
  const closest = new Map(String(p.closest).split(', ').map((kv) => [kv.split('=')[0]!, kv.slice(kv.indexOf('=') + 1)]));
  const names = String(p.fields).split(',').map((f) => `${fields[f as keyof typeof fields] ?? f}${closest.get(f) ? ` (${like}: ${closest.get(f)})` : ''}`);
  return `${names.length > 1 ? 'columns' : 'column'} ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]}`;
};

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
  year: 'the year must have 4 digits (e.g. 2025)',
};

const typeReason: Record<string, string> = {
  unknown: 'unknown employee type; use PNS, CPNS, PPPK (P3K) or their long forms',
  ambiguous: 'the type label holds more than one type (or denies one, e.g. "Non PNS"); write one type: PNS, CPNS or PPPK',
  'cpns-status': 'STATUS CPNS PNS contradicts the employee type or the NIP (PPPK against PNS/CPNS); check both columns',
};

const jpReason: Record<string, string> = {
  empty: 'JP is empty',
  'not-a-number': 'JP is not a number (valid: 2, 2,5, 2.5)',
  zero: 'a JP of 0 does not count',
  negative: 'JP is negative',
};

/** `1 row`, `2 rows`. */
const plural = (n: string | number | undefined, one: string, many: string) => (Number(n) === 1 ? one : many);

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
    'xlsx-truncated': () => 'the .xlsx file is cut short or damaged (no zip directory); download or export it again',
    'xlsx-too-large': (p) => `the .xlsx file is too large once unpacked (${p.what}, limit ${p.limit}); it is damaged or made to do harm; export it as CSV`,
    'not-a-workbook': (p) => `this file is ${p.kind}, not Excel; export the data as .xlsx or CSV`,
    'binary-file': () => 'this file is neither text (CSV) nor Excel; export the data as CSV or .xlsx',
    'no-data-rows': () => 'the roster has a header row but no data rows; export the data again',
    'no-valid-training-rows': (p) =>
      `not one valid training row (${p.rejected} rows rejected); the first rejected: row ${p.row}${p.column ? `, column ${p.column} = ${p.value}` : ''}: ${en.findings[p.code as FindingCode](p)}`,
    'no-valid-rows': (p) => `no valid roster row (${p.rejected} rejected; first: row ${p.row}, ${p.code}); fix the file, or see why with --format json`,
    'unknown-file-kind': (p) => `cannot tell whether this is a roster, training records or exemptions (columns: ${p.headers}); name the columns with --map`,
    'config-syntax': (p) => `the configuration file cannot be read (${p.detail}); check its syntax or make a new one with jp-audit init`,
    'config-invalid': (p) => `invalid configuration: ${p.detailEn ?? p.detail}; see an example with jp-audit init`,
    'config-exists': () => 'a configuration file exists already; use --force to replace it',
    'year-in-future': (p) => `year ${p.year} has not started (today is ${p.today}); choose another --year`,
    'as-of-outside-year': (p) => `--as-of ${p.asOf} is not in ${p.year}; choose a date in that year`,
    'latsar-needs-attendance': () => 'latsar needs attendance records with --training attendance.csv (NIP, date, phase, JP)',
    'latsar-no-cpns': (p) => `no CPNS on the roster (${p.rows} rows accepted, ${p.rejected} rejected); check the employee type column`,
    'sheet-not-found': (p) => `no sheet "${p.sheet}"; the sheets are: ${p.sheets}`,
    'csv-quote-not-closed': (p) => `row ${p.row}: a quote (") is opened and never closed before the end of the file; fix that cell or export again`,
    'csv-record-too-large': (p) => `row ${p.row}: one row is larger than 16 MB; the file is probably damaged or its quotes unbalanced`,
    'csv-malformed': (p) => `row ${p.row}: invalid CSV (${p.detail}); export the file again`,
    'missing-column': (p) =>
      p.maps !== undefined
        ? `${missingList(p, 'closest')} not found (columns found: ${p.headers}); rename the columns or add ${p.maps}`
        : `no ${field(p)} column (columns found: ${p.headers}); rename the column or use --map ${p.field}="Column name"`,
    'undated-records': (p) =>
      `the training rows have neither a date nor a year (columns: ${p.headers}), so their year cannot be known; if they are all of one year, say which with --undated-year ${p.year} (or undatedYear in the config file)`,
    'one-column-header': (p) => `the header row was read as one column holding "${p.separator}"; the file seems to be separated by ${p.separator}: run again with --delimiter "${p.separator}"`,
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
    'outputs-exist': (p) => `${p.count} report files exist already (${p.files}); use --force to replace them or choose another --out-dir`,
    'out-unknown-extension': (p) => `--out ${p.out}: the file name extension ${p.ext} is not a report format; use one of ${p.extensions}`,
    'format-contradicts-out': (p) => `--format ${p.format} contradicts the --out file name ${p.out} (${p.ext} means ${p.byName}); make them agree or leave out --format`,
    'binary-to-terminal': (p) => `the ${p.format} format cannot be shown in a terminal; use --out report.${p.format}`,
    'by-needs-out-dir': () => '--by opd writes one file per OPD; name the folder with --out-dir',
    'out-dir-needs-by': () => '--out-dir goes with --by opd; for one file use --out',
    'format-not-per-opd': (p) => `the ${p.format} format cannot be split per OPD; use --format xlsx, csv, html or json`,
    'out-write-failed': (p) => `cannot write the report (${p.detail}); check the folder and its permissions`,
    'temp-failed': (p) => `cannot use the temporary folder ${p.dir} (${p.detail}); large training files need about 40 MB there per million records: free space there, or set TMPDIR (TEMP on Windows) to a folder with room`,
    'temp-room': (p) => `the temporary folder ${p.dir} has ${p.free} MB free, and reading these training files with threads needs up to ${p.need} MB there: free space there, or set TMPDIR (TEMP on Windows) to a folder with room`,
  },
  findings: {
    'invalid-nip': (p) => `${nipReason[String(p.reason)] ?? 'invalid NIP'}; fix the NIP on this row`,
    'nip-excel-mangled': () => EXCEL_TEXT,
    'missing-value': (p) => `${field(p)} is empty; fill in this cell`,
    'invalid-date': (p) => `${dateReason[String(p.reason)] ?? 'invalid date'}`,
    'end-before-start': () => 'the end date is before the start date; check both dates',
    'invalid-jp': (p) => `${jpReason[String(p.reason)] ?? 'invalid JP'}; the row is not counted`,
    'invalid-type': (p) => typeReason[String(p.reason)] ?? typeReason.unknown!,
    'invalid-phase': () => `unknown Latsar phase; accepted: ${PHASE_SPELLINGS} (or add phaseAliases in the config)`,
    'repeated-header': () => 'the header row appears again (two exports pasted together?); row skipped',
    'unknown-nip': (p) =>
      p.rejectedRow !== undefined
        ? `NIP ${p.nip} was rejected in the roster (row ${p.rejectedRow}); fix that row for this training to count`
        : `NIP ${p.nip} is not in the roster; this training is not counted`,
    'duplicate-record': (p) => `the same training is already recorded (${p.firstFile} row ${p.firstRow}); counted once`,
    'duplicate-employee': (p) =>
      p.droppedJp !== undefined
        ? `NIP already on row ${p.firstRow}; the first row is used, and this row's total of ${p.droppedJp} JP is not counted`
        : `NIP already on row ${p.firstRow}; the first row is used`,
    'inconsistent-employee': (p) => `employee data differs from an earlier row (${p.type}, ${p.opd}); the first is used`,
    'opd-spellings': (p) => `the OPD "${p.opd}" is written ${p.count} ways (${p.variants}); all are counted as one OPD, under the spelling used most`,
    'most-records-outside-year': (p) =>
      `${p.outside} of ${p.dated} training records end outside ${p.year}${p.asOf ? ` or after the as-of date ${p.asOf}` : ''} and are not counted; if the year is wrong, give it with --year`,
    'no-training-rows': () => 'the training file holds a header row and no data rows; no training is counted from it',
    'invalid-service-date': (p) => `the ${p.field === 'serviceStart' ? 'service start (TMT)' : 'service end'} date cannot be read; the employee is taken to serve the whole year`,
    'over-max': (p) => `${p.nip} (${p.type}) has ${p.jp} JP, above the maximum of ${p.max} JP (a warning, not a failure)`,
    'encoding-replaced': (p) => `${p.count} bytes not valid in ${p.encoding} were replaced with �; check names or use --encoding`,
    'type-inferred': (p) =>
      `the file has no employee-type column: ${p.fromNip} employees typed from their NIP (an NI PPPK has digits 13-14 that are not a month) and ${p.byDefault} taken as ${p.defaultType} (the default; change it with --default-type or defaultType in the config file)`,
    'total-jp-blank': (p) => `${p.count} employees have an empty or "-" total; counted as 0 JP`,
    'date-from-serial': (p) => `the number ${p.value} was read as the Excel date ${p.date}; format that column as a date before exporting`,
    'nip-from-cell': (p) => `no NIP column: the NIP was taken from column "${p.column}" (each of its cells holds one 18-digit NIP), the rest of the cell as the name`,
    'column-choice': (p) => `this column is used for ${field(p)}; other matching columns passed over: ${p.others} (use --map ${p.field}="..." to choose)`,
    'ignored-columns': (p) => `columns not used for this file's role: ${p.columns}`,
    'findings-omitted': (p) => `${p.count} more '${p.code}' findings in this file are not listed (at most ${p.limit} of a kind a file); the accounting counts them all`,
  },
  codeLabels: {},
  fields,
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  labels: {
    shapes: {
      separate: 'staff roster + training records',
      totals: 'staff roster with each person\'s total JP',
      combined: 'one combined sheet (employees and their trainings)',
    },
    statuses: {
      compliant: 'compliant',
      'non-compliant': 'non-compliant',
      'on-track': 'on track',
      'at-risk': 'at risk',
      exempt: 'exempt',
      'not-applicable': 'not applicable',
    },
    roles: { staff: 'staff', training: 'training', combined: 'combined', exemptions: 'exemptions', attendance: 'Latsar attendance' },
    severity: { error: 'error', warning: 'warning', info: 'info' },
    title: (p) => `Competency development JP audit ${p.year}`,
    employees: 'Employees',
    compliant: 'Compliant',
    nonCompliant: 'Non-compliant',
    rate: 'Compliance rate',
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
    onTrack: 'On track',
    atRisk: 'At risk',
    exempt: 'Exempt',
    notApplicable: 'Not applicable',
    audited: 'Audited',
    expectedJp: 'Expected JP',
    months: 'Months',
    reason: 'Reason',
    asOfLine: (p) => `As of ${p.date}: JP so far, against the duty pro-rated to that date.`,
    notAuditedList: (p) => `Not audited, exempt or the duty does not apply: ${p.count}`,
    attentionList: 'Employees who are non-compliant or at risk',
    byOpd: 'By OPD',
    byType: 'By employee type',
    nonCompliantList: 'Non-compliant employees',
    allComply: 'Every employee meets the JP duty.',
    noneAtRisk: (p) => `Nobody is at risk: ${p.compliant} of ${p.audited} employees have met the JP duty, the other ${p.onTrack} are on track as of the as-of date.`,
    nobodyAudited: 'No employee was audited.',
    rejectedStaff: (p) => `(${p.count} roster ${Number(p.count) === 1 ? 'row' : 'rows'} rejected)`,
    notes: {
      notApplicable: 'not one whole month of service in the year (see the service start and end dates)',
      prorated: (p) => `duty pro-rated to ${p.months} ${Number(p.months) === 1 ? 'month' : 'months'} of service`,
    },
    inputs: 'Input files',
    findings: 'Data findings',
    findingsSummary: (p) => `${p.count} ${plural(p.count, 'finding', 'findings')} (${p.errors} ${plural(p.errors, 'error', 'errors')}, ${p.warnings} ${plural(p.warnings, 'warning', 'warnings')}, ${p.infos} info)`,
    moreFindings: (p) => `... and ${p.count} more findings; see them all with --format json`,
    noFindings: 'No data findings.',
    accounting: (p) => `${p.rows} ${plural(p.rows, 'row', 'rows')}: ${p.accepted} accepted, ${p.rejected} rejected, ${p.duplicates} ${plural(p.duplicates, 'duplicate', 'duplicates')}`,
    accountingTraining: (p) => `counted ${p.counted}, outside the audited year ${p.outsidePeriod}, unknown NIP ${p.unknownNip}`,
    accountingTrainingAsOf: (p) => `counted ${p.counted}, outside the audited year or after the as-of date ${p.outsidePeriod}, unknown NIP ${p.unknownNip}`,
    blankRows: (p) => `${p.count} blank ${plural(p.count, 'row', 'rows')} skipped`,
    shapeTaken: (p) => `input shape: ${p.shape}; year ${p.year}`,
    yearChosen: {
      'most-records': (p) => `year audited: ${p.year}, as ${p.inYear} of ${p.dated} training records end in it (choose another with --year)`,
      tie: (p) => `year audited: ${p.year}; as many training records (${p.inYear}) end in it as in an earlier year, and the later is taken (choose another with --year)`,
      'no-dated-records': (p) => `year audited: ${p.year} (the current year), as no training record has a date (choose another with --year)`,
      'only-future-records': (p) => `year audited: ${p.year} (the current year), as all ${p.dated} training records end after it (choose another with --year)`,
    },
    columnsUsed: (p) => `${p.file}: header on row ${p.headerRow}; columns: ${p.columns}`,
    threadsUsed: (p) => `training files read by ${p.threads} worker thread${p.threads === 1 ? '' : 's'}`,
    wrote: (p) => `report written to ${p.file}`,
    initWrote: (p) =>
      `configuration written: ${p.file}. Adjust it if needed (JP duties, column names, year), then run the audit in this folder: jp-audit check pegawai.csv -t diklat.csv. The rules are explained in docs/rules.md.`,
    summary: {
      short: (p) => `${p.bad} of ${p.audited} employees fall short (${p.rate} compliant)`,
      atRisk: (p) => `${p.bad} of ${p.audited} employees at risk (${p.rate} already compliant)`,
      all: (p) => `all ${p.audited} employees compliant`,
      nobody: 'no employee audited',
      findings: (p) => `; ${p.count} data findings (${p.errors} errors, ${p.warnings} warnings)`,
      latsar: (p) => `${p.bad} of ${p.participants} CPNS have not completed Latsar (${p.rate} complete)`,
    },
    unusable: (p) => `${p.file}: cannot be used`,
    validated: (p) => `${p.files} ${plural(p.files, 'file', 'files')} checked${Number(p.unusable) ? `, ${p.unusable} unusable` : ''}`,
    reportAt: (p) => `; report: ${p.where}`,
    filesIn: (p) => `${p.count} files in ${p.dir}`,
    more: (p) => `... and ${p.count} more`,
    latsar: {
      title: 'Latsar CPNS progress',
      opdTitle: (p) => `Latsar CPNS progress ${p.opd}`,
      participants: 'Participants',
      complete: 'Complete',
      incomplete: 'Incomplete',
      completionRate: 'Completion rate',
      days: 'days',
      totalJp: 'Total JP',
      requiredJp: 'Required JP',
      statuses: { complete: 'complete', incomplete: 'incomplete' },
      phases: { mandiri: 'Self-study', 'daring-1': 'Online 1', aktualisasi: 'Actualisation', 'daring-2': 'Online 2', klasikal: 'Classroom' },
      curriculum: (p) => `Curriculum: ${p.totalJp} JP; ${p.phases}`,
      notCpns: (p) => `${p.count} employees who are not CPNS are not audited`,
      allComplete: 'Every CPNS has completed Latsar.',
      incompleteList: 'CPNS who have not completed',
      phaseCell: (p) => `${p.days}/${p.requiredDays} days, ${p.jp}${p.jpTarget ? `/${p.jpTarget}` : ''} JP`,
      rateChart: 'Share of CPNS who completed, by OPD',
    },
    doc: {
      period: 'Period',
      generated: 'Generated',
      overviewSheet: 'Overview',
      findingsSheet: 'Data Findings',
      inputsSheet: 'Input Files',
      overviewFile: '_overview',
      rateChart: 'Share of employees who comply, by OPD',
      rateChartNote: 'lowest first',
      histogram: 'JP per employee',
      histogramNote: 'dashed lines: required JP',
      threshold: (p) => `required ${p.jp} JP (${p.types})`,
      employeesAxis: 'employees',
      jpAxis: 'JP',
      sortHint: 'Click a column heading to sort.',
      code: 'Code',
      severity: 'Severity',
      file: 'File',
      row: 'Row',
      column: 'Column',
      value: 'Value',
      message: 'Message',
      role: 'Role',
      format: 'Format',
      encoding: 'Encoding',
      delimiter: 'Separator',
      headerRow: 'Header row',
      rows: 'Rows',
      accepted: 'Accepted',
      rejected: 'Rejected',
      duplicates: 'Duplicates',
      outsidePeriod: 'Outside the year or after the as-of date',
      unknownNip: 'Unknown NIP',
      counted: 'Counted',
      blankRows: 'Blank rows',
      findingsCapped: (p) => `Showing ${p.shown} of ${p.count} findings; the JSON report has them all.`,
      policy: (p) => `Yearly JP duty: PNS ${p.PNS}, PPPK ${p.PPPK}, CPNS ${p.CPNS}`,
      opdReport: (p) => `JP report ${p.opd} ${p.year}`,
      noOpd: 'No employees.',
    },
  },
};
