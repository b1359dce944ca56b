#!/usr/bin/env node
// npm run bench: jp-audit against the same audit in DuckDB, on generated data (fixed seed).
//
//   node scripts/bench.mjs [--sizes small,large] [--runs 3] [--reports json,xlsx] [--xlsx] [--xlsx-rows 200000,1000000] [--formats] [--dir DIR] [--threads 2] [--jp-threads N]
//
// --xlsx: also .xlsx training and recap sheets (--xlsx-rows rows each), against exceljs's streaming
// read of the same file, and jp-audit on the CSV of the same data (same totals expected). `--sizes
// none` runs it alone.
//
// --formats (optional, small): 100k training records against 10k staff as CSV, an HTML table
// (.xls), Excel 2003 XML, a SIASN JSON answer, NDJSON, and (when LibreOffice is installed) a real
// .xls of 60,000 rows (BIFF8 holds 65,536); each one's wall time and peak RSS. `--sizes none`
// runs it alone.
//
// --reports: the report formats jp-audit writes, each run (default json,xlsx: the Excel report's
// time and memory beside the JSON report's, and its ratio to it).
// --threads: DuckDB's threads; --jp-threads: jp-audit's --threads (default: its own default).
// --reference: the sizes on which `--engine reference` runs once too (default small), its JSON
// report compared byte for byte with the fast engine's; a difference fails the bench (exit 1).
// small: 100k staff, 1M training records; large: 1M staff, 10M records (about 770 MB);
// records10x: 100k staff, 10M records; quoted: the same, each training name quoted with a comma.
// Data goes to a temporary folder (or --dir, reused when present) and is never committed.
// Runs alternate jp-audit and DuckDB; each runs in its own process so peak RSS is its own, and
// writes its report anew (the last run's is removed first, untimed).
// Prints, per size: median wall time, rows/s, MB/s, peak RSS, the ratio jp-audit/DuckDB, and
// whether both give the same non-compliant count and per-OPD figures.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// `records10x`: the small roster with ten times the records, to see what memory follows.
const SIZES = {
  small: { staff: 100_000, records: 1_000_000 },
  large: { staff: 1_000_000, records: 10_000_000 },
  records10x: { staff: 100_000, records: 10_000_000 },
  // The same with every training name quoted, holding a comma (as exports quote names with degrees).
  quoted: { staff: 100_000, records: 10_000_000, quoted: true },
};
const YEAR = 2025;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}

// ---- DuckDB child: the reference audit as SQL ----
if (process.argv[2] === '--duckdb') {
  const [, , , staff, training, out, threads] = process.argv;
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const c = await db.connect();
  const csv = (f) => `read_csv('${f}', header = true, all_varchar = true, delim = ',', quote = '"')`;
  const rows = (
    await c.runAndReadAll(`
    with tr as (select * from ${csv(training)}),
    dedup as (
      select nip, lower(nama_pelatihan) as n, tgl_mulai, tgl_selesai, first(cast(replace(jp, ',', '.') as double)) as jp
      from tr group by all
    ),
    y as (select nip, jp from dedup where year(strptime(tgl_selesai, '%d/%m/%Y')) = ${YEAR}),
    per as (select nip, sum(jp) as jp from y group by nip),
    st as (select * from ${csv(staff)})
    select st.opd as opd, count(*) as employees,
      sum(case when coalesce(per.jp, 0) >= (case when st.jenis_pegawai = 'PPPK' then 24 else 20 end) then 1 else 0 end) as compliant,
      sum(coalesce(per.jp, 0)) as total_jp
    from st left join per on per.nip = st.nip
    group by st.opd order by st.opd`)
  ).getRowObjects();
  const byOpd = rows.map((r) => ({ opd: r.opd, employees: Number(r.employees), compliant: Number(r.compliant), totalJp: Number(r.total_jp) }));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(out, JSON.stringify({ nonCompliant: byOpd.reduce((a, o) => a + o.employees - o.compliant, 0), byOpd }));
  process.exit(0);
}

// ---- data generation, deterministic ----
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

async function write(file, lines) {
  const out = createWriteStream(file, { highWaterMark: 1 << 22 });
  let buf = [];
  for (const l of lines) {
    buf.push(l);
    if (buf.length >= 20_000) {
      if (!out.write(`${buf.join('\n')}\n`)) await new Promise((r) => out.once('drain', r));
      buf = [];
    }
  }
  if (buf.length) out.write(`${buf.join('\n')}\n`);
  await new Promise((r) => out.end(r));
}

function nipOf(i) {
  // 18 digits with a real birth date, appointment and a serial from 001.
  const y = 1960 + (i % 45);
  const m = 1 + (Math.floor(i / 45) % 12);
  const d = 1 + (Math.floor(i / 540) % 28);
  const ay = 1985 + (Math.floor(i / 15120) % 40);
  const serial = 1 + Math.floor(i / 604800);
  return `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${ay}01${1 + (i % 2)}${String(serial).padStart(3, '0')}`;
}

async function generate(dir, n) {
  const staff = join(dir, 'staff.csv');
  const training = join(dir, 'training.csv');
  if (existsSync(staff) && existsSync(training)) return { staff, training };
  const r = rng(20251231);
  const types = ['PNS', 'PNS', 'PNS', 'PPPK', 'CPNS'];
  await write(
    staff,
    (function* () {
      yield 'nip,nama,jenis_pegawai,opd,jabatan,golongan';
      for (let i = 0; i < n.staff; i++) yield `${nipOf(i)},Pegawai ${i},${types[i % 5]},Dinas ${String(i % 200).padStart(3, '0')},Analis,III/a`;
    })(),
  );
  const names = Array.from({ length: 300 }, (_, k) => (n.quoted ? `"Pelatihan, Kompetensi ${k}"` : `Pelatihan Kompetensi ${k}`));
  await write(
    training,
    (function* () {
      yield 'nip,nama_pelatihan,tgl_mulai,tgl_selesai,jp,penyelenggara';
      let prev = '';
      for (let i = 0; i < n.records; i++) {
        // One percent repeats the previous row (a duplicate), half a percent is not on the roster.
        if (i > 0 && r() < 0.01) {
          yield prev;
          continue;
        }
        const who = r() < 0.005 ? nipOf(n.staff + Math.floor(r() * 1000)) : nipOf(Math.floor(r() * n.staff));
        const day = Math.floor(r() * 420) - 25; // from early December 2024 to February 2026
        const start = new Date(Date.UTC(YEAR, 0, 1 + day));
        const end = new Date(start.getTime() + Math.floor(r() * 4) * 86_400_000);
        const f = (d) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
        const jp = r() < 0.2 ? `${1 + Math.floor(r() * 10)}.5` : String(1 + Math.floor(r() * 12));
        prev = `${who},${names[Math.floor(r() * names.length)]},${f(start)},${f(end)},${jp},BPSDM`;
        yield prev;
      }
    })(),
  );
  return { staff, training };
}

// ---- measuring a child process: wall time and peak RSS (VmHWM, polled from /proc) ----
function measure(cmd, args) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let peak = 0;
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) * 1024);
      } catch {
        /* the process has just ended */
      }
    }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const secs = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0 && code !== 1) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(0, 500)}`));
      else resolve({ secs, peak });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (n) => `${(n / 1024 ** 2).toFixed(0)} MB`;

function agree(jp, duck) {
  const a = JSON.parse(readFileSync(jp, 'utf8'));
  const b = JSON.parse(readFileSync(duck, 'utf8'));
  if (a.summary.nonCompliant !== b.nonCompliant) return `non-compliant ${a.summary.nonCompliant} vs ${b.nonCompliant}`;
  if (a.byOpd.length !== b.byOpd.length) return `OPDs ${a.byOpd.length} vs ${b.byOpd.length}`;
  for (let i = 0; i < a.byOpd.length; i++) {
    const x = a.byOpd[i];
    const y = b.byOpd[i];
    if (x.opd !== y.opd || x.employees !== y.employees || x.compliant !== y.compliant || Math.abs(x.totalJp - y.totalJp) > 0.01) {
      return `${x.opd}: ${JSON.stringify([x.employees, x.compliant, x.totalJp])} vs ${JSON.stringify([y.employees, y.compliant, y.totalJp])}`;
    }
  }
  return 'yes';
}

// ---- .xlsx: the same data as a workbook and as a CSV, and exceljs's bare streaming read ----
// Training: NIP as text, training name, start and end as date cells (a custom dd/mm/yyyy format),
// JP as a number, against a CSV roster of a tenth as many staff. Recap: one row per employee with
// Total JP. Strings go to the shared-strings table, as Excel writes them.
async function xlsxCase(dir, rows, kind) {
  const base = join(dir, `${kind}-${rows}`);
  const xlsx = `${base}.xlsx`;
  const csv = `${base}.csv`;
  const staff = `${base}-staff.csv`;
  const staffCount = Math.max(1, Math.floor(rows / 10));
  if (existsSync(xlsx) && existsSync(csv) && (kind === 'recap' || existsSync(staff))) return { xlsx, csv, staff: kind === 'recap' ? undefined : staff };
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Data');
  const lines = [];
  const out = createWriteStream(csv, { highWaterMark: 1 << 22 });
  const flush = async (force) => {
    if (lines.length >= 20_000 || (force && lines.length)) {
      if (!out.write(`${lines.join('\n')}\n`)) await new Promise((r) => out.once('drain', r));
      lines.length = 0;
    }
  };
  const dmy = (d) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  if (kind === 'recap') {
    const head = ['NIP', 'Nama', 'Jenis Pegawai', 'Unit Kerja', 'Total JP'];
    ws.addRow(head).commit();
    lines.push(head.join(','));
    for (let i = 0; i < rows; i++) {
      const r = [nipOf(i), `Pegawai ${i}`, i % 5 === 3 ? 'PPPK' : 'PNS', `Dinas ${i % 200}`, i % 40];
      ws.addRow(r).commit();
      lines.push(r.join(','));
      await flush(false);
    }
  } else {
    const types = ['PNS', 'PNS', 'PNS', 'PPPK', 'CPNS'];
    await write(
      staff,
      (function* () {
        yield 'nip,nama,jenis_pegawai,opd';
        for (let i = 0; i < staffCount; i++) yield `${nipOf(i)},Pegawai ${i},${types[i % 5]},Dinas ${String(i % 200).padStart(3, '0')}`;
      })(),
    );
    const r = rng(20251231);
    const head = ['NIP', 'Nama Pelatihan', 'Tanggal Mulai', 'Tanggal Selesai', 'JP'];
    ws.getColumn(3).numFmt = 'dd/mm/yyyy';
    ws.getColumn(4).numFmt = 'dd/mm/yyyy';
    ws.addRow(head).commit();
    lines.push(head.join(','));
    for (let i = 0; i < rows; i++) {
      const who = r() < 0.005 ? nipOf(staffCount + Math.floor(r() * 1000)) : nipOf(Math.floor(r() * staffCount));
      const start = new Date(Date.UTC(YEAR, 0, 1 + Math.floor(r() * 420) - 25));
      const end = new Date(start.getTime() + Math.floor(r() * 4) * 86_400_000);
      const jp = r() < 0.2 ? 1.5 + Math.floor(r() * 10) : 1 + Math.floor(r() * 12);
      const name = `Pelatihan Kompetensi ${Math.floor(r() * 300)}`;
      ws.addRow([who, name, start, end, jp]).commit();
      lines.push(`${who},${name},${dmy(start)},${dmy(end)},${jp}`);
      await flush(false);
    }
  }
  await flush(true);
  await new Promise((r) => out.end(r));
  await ws.commit();
  await wb.commit();
  return { xlsx, csv, staff: kind === 'recap' ? undefined : staff };
}

// The reference for .xlsx: exceljs's streaming reader reading every row and summing JP by NIP,
// nothing else (no validation, no audit, no report).
if (process.argv[2] === '--exceljs-read') {
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[3], { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const sums = new Map();
  for await (const sheet of reader) {
    let jpAt = -1;
    for await (const row of sheet) {
      const v = row.values;
      if (jpAt < 0) {
        jpAt = v.findIndex((c) => c === 'JP' || c === 'Total JP');
        continue;
      }
      const nip = String(v[1]);
      sums.set(nip, (sums.get(nip) ?? 0) + Number(v[jpAt]));
    }
  }
  process.exit(sums.size > 0 ? 0 : 3);
}

/** Totals of a JSON report, to compare the .xlsx audit with the CSV audit of the same data. */
function totals(file) {
  const a = JSON.parse(readFileSync(file, 'utf8'));
  return JSON.stringify({ s: a.summary, o: a.byOpd, i: a.inputs.map((i) => [i.rows, i.accepted, i.rejected, i.counted ?? null, i.duplicates]) });
}

/** The same records in each format offices save; the CSV is the reference. */
async function formatsCase(dir) {
  mkdirSync(dir, { recursive: true });
  const staff = join(dir, 'staff.csv');
  const staffN = 10_000;
  const n = 100_000;
  const r = rng(20251231);
  const f = (d) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  const records = [];
  for (let i = 0; i < n; i++) {
    const start = new Date(Date.UTC(YEAR, 0, 1 + Math.floor(r() * 360)));
    records.push([nipOf(Math.floor(r() * staffN)), `Pelatihan Kompetensi ${Math.floor(r() * 300)}`, f(start), f(start), String(1 + Math.floor(r() * 12))]);
  }
  const files = {};
  const make = async (name, lines) => {
    const file = join(dir, name);
    if (!existsSync(file)) await write(file, lines);
    return file;
  };
  await make('staff.csv', (function* () {
    yield 'NIP,Nama,Jenis Pegawai,Unit Kerja';
    for (let i = 0; i < staffN; i++) yield `${nipOf(i)},Pegawai ${i},PNS,Dinas ${i % 50}`;
  })());
  const header = ['NIP', 'Nama Pelatihan', 'Tanggal Mulai', 'Tanggal Selesai', 'JP'];
  const esc = (v) => v.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  files.csv = await make('training.csv', [header.join(','), ...records.map((x) => x.join(','))]);
  files.html = await make('training-html.xls', ['<html><body><table>', `<tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr>`, ...records.map((x) => `<tr>${x.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`), '</table></body></html>']);
  const iso = (d) => d.split('/').reverse().join('-');
  files.spreadsheetml = await make('training.xml', [
    '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Diklat"><Table>',
    `<Row>${header.map((h) => `<Cell><Data ss:Type="String">${h}</Data></Cell>`).join('')}</Row>`,
    ...records.map(([nip, name, a, b, jp]) => `<Row><Cell><Data ss:Type="String">${nip}</Data></Cell><Cell><Data ss:Type="String">${name}</Data></Cell><Cell><Data ss:Type="DateTime">${iso(a)}T00:00:00.000</Data></Cell><Cell><Data ss:Type="DateTime">${iso(b)}T00:00:00.000</Data></Cell><Cell><Data ss:Type="Number">${jp}</Data></Cell></Row>`),
    '</Table></Worksheet></Workbook>',
  ]);
  const json = ([nip, name, a, b, jp]) => JSON.stringify({ nipBaru: nip, namaKursus: name, jumlahJam: Number(jp), tanggalKursus: a.replaceAll('/', '-'), tanggalSelesaiKursus: b.replaceAll('/', '-'), tahunKursus: b.slice(-4) });
  files.json = await make('training.json', ['{"code": 1, "data": [', records.map(json).join(',\n'), ']}']);
  files.ndjson = await make('training.ndjson', records.map(json));
  const xls = join(dir, 'training-60k.xls');
  if (!existsSync(xls)) {
    const csv60 = await make('training-60k.csv', [header.join(','), ...records.slice(0, 60_000).map((x) => x.join(','))]);
    const { spawnSync } = await import('node:child_process');
    const out = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo-profile`, '--infilter=CSV:44,34,76,1,1/2/2/2/3/4/4/4/5/1', '--convert-to', 'xls', '--outdir', dir, csv60], { stdio: 'ignore', timeout: 300_000 });
    if (out.status !== 0) console.log('  (no LibreOffice: the .xls case is left out)');
  }
  if (existsSync(xls)) files.xls = xls;
  return { staff, files };
}

async function main() {
  const sizes = arg('sizes', 'small') === 'none' ? [] : arg('sizes', 'small').split(',');
  const runs = Number(arg('runs', '3'));
  const threads = Number(arg('threads', '2'));
  const jpThreads = arg('jp-threads', '');
  const base = arg('dir', '') || mkdtempSync(join(tmpdir(), 'jp-audit-bench-'));
  // A folder given with --dir is made when missing (every case writes into it).
  mkdirSync(base, { recursive: true });
  const cleanup = !process.argv.includes('--dir');
  const bin = join(ROOT, 'bin', 'jp-audit.js');
  console.log(`jp-audit bench: node ${process.version}, ${(await import('node:os')).cpus().length} cores, data in ${base}`);
  const table = [];
  for (const size of sizes) {
    if (size === 'none') continue;
    const n = SIZES[size];
    if (!n) throw new Error(`unknown size ${size}: ${Object.keys(SIZES).join(', ')}`);
    const dir = join(base, size);
    mkdirSync(dir, { recursive: true });
    const t0 = Date.now();
    const { staff, training } = await generate(dir, n);
    const bytes = statSync(staff).size + statSync(training).size;
    console.log(`${size}: ${n.staff} staff, ${n.records} records, ${mb(bytes)} (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    const jpOut = join(dir, 'jp-audit.json');
    const duckOut = join(dir, 'duckdb.json');
    const jp = [];
    const duck = [];
    // Other report formats of the same audit, written in the same alternation.
    const reports = arg('reports', 'json,xlsx').split(',').filter((f) => f !== 'json');
    const other = Object.fromEntries(reports.map((f) => [f, []]));
    for (let i = 0; i < runs; i++) {
      // Each run writes a new report, as the first one does: replacing the last run's report (just
      // written and not yet on disk) would make the rename at the end free its pages, a cost of
      // the benchmark loop's own making.
      rmSync(jpOut, { force: true });
      rmSync(duckOut, { force: true });
      jp.push(await measure(process.execPath, [bin, 'check', staff, '--training', training, '--year', String(YEAR), '--format', 'json', '--out', jpOut, '--quiet', '--exit-zero', ...(jpThreads ? ['--threads', jpThreads] : [])]));
      for (const f of reports) {
        const out = join(dir, `jp-audit.${f}`);
        rmSync(out, { force: true });
        other[f].push(await measure(process.execPath, [bin, 'check', staff, '--training', training, '--year', String(YEAR), '--format', f, '--out', out, '--quiet', '--exit-zero', ...(jpThreads ? ['--threads', jpThreads] : [])]));
      }
      duck.push(await measure(process.execPath, [fileURLToPath(import.meta.url), '--duckdb', staff, training, duckOut, String(threads)]));
      const others = reports.map((f) => `, ${f} ${other[f].at(-1).secs.toFixed(2)} s ${mb(other[f].at(-1).peak)}`).join('');
      console.log(`  run ${i + 1}: jp-audit ${jp.at(-1).secs.toFixed(2)} s ${mb(jp.at(-1).peak)}${others}, duckdb ${duck.at(-1).secs.toFixed(2)} s ${mb(duck.at(-1).peak)}`);
    }
    const row = (tool, ms) => {
      const secs = median(ms.map((m) => m.secs));
      return { size, tool, secs, rowsPerSec: Math.round((n.staff + n.records) / secs), mbPerSec: bytes / 1024 ** 2 / secs, peak: median(ms.map((m) => m.peak)) };
    };
    const a = row(jpThreads ? `jp-audit (--threads ${jpThreads})` : 'jp-audit', jp);
    const b = row(`duckdb (${threads} threads)`, duck);
    const same = agree(jpOut, duckOut);
    table.push({ ...a, ratio: a.secs / b.secs, same }, { ...b, ratio: 1, same });
    if (arg('reference', 'small').split(',').includes(size)) {
      // The plain engine once, on the same data: its report must be the fast engine's, byte for byte.
      const refOut = join(dir, 'reference.json');
      rmSync(refOut, { force: true });
      const m = await measure(process.execPath, [bin, 'check', staff, '--training', training, '--year', String(YEAR), '--format', 'json', '--out', refOut, '--quiet', '--exit-zero', '--engine', 'reference']);
      const identical = readFileSync(refOut).equals(readFileSync(jpOut));
      if (!identical) process.exitCode = 1;
      console.log(`  --engine reference: ${m.secs.toFixed(2)} s ${mb(m.peak)}, report ${identical ? 'identical to the fast engine\'s' : 'DIFFERENT from the fast engine\'s'}`);
      table.push({ size, tool: 'jp-audit --engine reference (1 run)', secs: m.secs, rowsPerSec: Math.round((n.staff + n.records) / m.secs), mbPerSec: bytes / 1024 ** 2 / m.secs, peak: m.peak, ratio: m.secs / b.secs, same: identical ? 'byte-identical JSON' : 'DIFFERENT JSON' });
    }
    for (const f of reports) {
      // The ratio of this format's run to the JSON report's run (medians), not to DuckDB's.
      const r = row(`jp-audit --format ${f}`, other[f]);
      table.push({ ...r, ratio: null, vsJson: r.secs / a.secs, same: '-' });
    }
  }
  if (process.argv.includes('--xlsx')) {
    // Alternating, each in its own process: jp-audit on the .xlsx, exceljs's bare read of it, and
    // jp-audit on the CSV of the same data (for the totals, and as the CSV reference).
    for (const rows of arg('xlsx-rows', '200000,1000000').split(',').map(Number)) {
      for (const kind of ['training', 'recap']) {
        const t0 = Date.now();
        const { xlsx, csv, staff } = await xlsxCase(base, rows, kind);
        console.log(`xlsx ${kind} ${rows}: ${mb(statSync(xlsx).size)} (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        const jpArgs = (input, out) => ['check', ...(staff ? [staff, '--training', input] : [input]), '--year', String(YEAR), '--format', 'json', '--out', out, '--quiet', '--exit-zero'];
        const outX = join(base, 'xlsx.json');
        const outC = join(base, 'xlsx-csv.json');
        const jp = [];
        const bare = [];
        const viaCsv = [];
        for (let i = 0; i < runs; i++) {
          rmSync(outX, { force: true });
          rmSync(outC, { force: true });
          jp.push(await measure(process.execPath, [bin, ...jpArgs(xlsx, outX)]));
          bare.push(await measure(process.execPath, [fileURLToPath(import.meta.url), '--exceljs-read', xlsx]));
          viaCsv.push(await measure(process.execPath, [bin, ...jpArgs(csv, outC)]));
          console.log(`  run ${i + 1}: jp-audit ${jp.at(-1).secs.toFixed(2)} s ${mb(jp.at(-1).peak)}, exceljs read ${bare.at(-1).secs.toFixed(2)} s ${mb(bare.at(-1).peak)}, jp-audit on CSV ${viaCsv.at(-1).secs.toFixed(2)} s`);
        }
        const same = totals(outX) === totals(outC) ? 'yes (= CSV)' : 'NO: differs from the CSV';
        const size = statSync(xlsx).size;
        const all = rows + (staff ? Math.floor(rows / 10) : 0);
        const row = (tool, ms, ratio, s) => {
          const secs = median(ms.map((m) => m.secs));
          return { size: `xlsx ${kind} ${rows}`, tool, secs, rowsPerSec: Math.round(all / secs), mbPerSec: size / 1024 ** 2 / secs, peak: median(ms.map((m) => m.peak)), ratio, same: s };
        };
        const b = median(bare.map((m) => m.secs));
        table.push(row('jp-audit', jp, median(jp.map((m) => m.secs)) / b, same), row('exceljs bare read', bare, 1, '-'), row('jp-audit on the CSV', viaCsv, median(viaCsv.map((m) => m.secs)) / b, '-'));
      }
    }
  }
  if (process.argv.includes('--formats')) {
    const { staff, files } = await formatsCase(join(base, 'formats'));
    for (const [format, file] of Object.entries(files)) {
      const ms = [];
      for (let i = 0; i < runs; i++) {
        rmSync(join(base, 'formats.json'), { force: true });
        ms.push(await measure(process.execPath, [bin, 'check', staff, '--training', file, '--year', String(YEAR), '--format', 'json', '--out', join(base, 'formats.json'), '--quiet', '--exit-zero']));
      }
      const secs = median(ms.map((m) => m.secs));
      const rows = format === 'xls' ? 60_000 : 100_000;
      table.push({ size: `${format} ${rows}`, tool: 'jp-audit', secs, rowsPerSec: Math.round(rows / secs), mbPerSec: statSync(file).size / 1024 ** 2 / secs, peak: median(ms.map((m) => m.peak)), ratio: null, same: '-' });
    }
  }
  console.log('\n| size | tool | median wall | rows/s | MB/s | peak RSS | ratio (DuckDB or exceljs read = 1) | vs JSON report | same result |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of table) {
    console.log(`| ${r.size} | ${r.tool} | ${r.secs.toFixed(2)} s | ${r.rowsPerSec.toLocaleString('en-US')} | ${r.mbPerSec.toFixed(1)} | ${mb(r.peak)} | ${r.ratio === null ? '-' : `${r.ratio.toFixed(2)}×`} | ${r.vsJson === undefined ? '-' : `${r.vsJson.toFixed(2)}×`} | ${r.same} |`);
  }
  if (cleanup) rmSync(base, { recursive: true, force: true });
}

await main();
