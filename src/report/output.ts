import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { JpAuditError } from '../errors.js';
import { catalogue, type Lang } from '../i18n/index.js';
import { assertNotInput, writeFileAtomic } from '../io/write.js';
import { opdFileNames } from './filenames.js';
import type { Report } from './model.js';
import type { RenderContext, Renderer } from './render/types.js';
import { sliceByOpd } from './slice.js';

/** One file of a `--by opd` run: where it goes and what it shows. */
export interface PlannedFile {
  name: string;
  opd: string | null;
}

/** The files of `--by opd`: an overview first, then one per OPD, with safe, distinct names. */
export function planOpdFiles(opds: readonly string[], extension: string, lang: Lang): PlannedFile[] {
  const overview = `${catalogue(lang).labels.doc.overviewFile}.${extension}`;
  const names = opdFileNames(opds, extension, [overview]);
  return [{ name: overview, opd: null }, ...opds.map((opd) => ({ name: names.get(opd)!, opd }))];
}

/** A report that can be cut per OPD: the audit's or Latsar's. */
export interface Splittable<R> {
  report: R;
  opds: readonly string[];
  slice(opd: string): R;
}

/** The audit report, cut per OPD. */
export function splitAudit(report: Report): Splittable<Report> {
  return { report, opds: report.byOpd.map((o) => o.opd), slice: (opd) => sliceByOpd(report, opd) };
}

/**
 * Writes the overview and one report per OPD into `dir` (created when missing). Unless `force`,
 * nothing is written when any target exists; each file is written atomically.
 * Returns the paths written, in order.
 */
export async function writeOpdReports<R>(
  split: Splittable<R>,
  renderer: Renderer<R>,
  ctx: Omit<RenderContext, 'view'>,
  dir: string,
  opts: { force: boolean; inputs: readonly string[] },
): Promise<string[]> {
  const plan = planOpdFiles(split.opds, renderer.extension, ctx.lang);
  const paths = plan.map((p) => join(dir, p.name));
  for (const p of paths) {
    // Names come from slugify, which yields no separators; this guards the invariant anyway.
    if (!resolve(p).startsWith(resolve(dir))) throw new Error(`output path escapes --out-dir: ${p}`);
    assertNotInput(p, opts.inputs);
  }
  if (!opts.force) {
    const existing = plan.filter((_, i) => existsSync(paths[i]!)).map((p) => p.name);
    if (existing.length) {
      const shown = existing.slice(0, 5).join(', ') + (existing.length > 5 ? ` (+${existing.length - 5})` : '');
      throw new JpAuditError('outputs-exist', { files: shown, count: existing.length }, dir);
    }
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new JpAuditError('out-write-failed', { detail: (e as NodeJS.ErrnoException).code ?? String(e) }, dir);
  }
  for (const [i, p] of plan.entries()) {
    const body = p.opd === null ? await renderer.render(split.report, { ...ctx, view: 'overview' }) : await renderer.render(split.slice(p.opd), { ...ctx, view: 'opd' });
    await writeFileAtomic(paths[i]!, body);
  }
  return paths;
}
