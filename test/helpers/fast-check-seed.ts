import fc from 'fast-check';

/**
 * Every property test runs from one pinned seed, so each run checks the same cases (the boundaries
 * the generators aim at included) and a failure is the same failure on the next run. To explore
 * other cases: JP_AUDIT_FC_SEED=<integer> runs from that seed, JP_AUDIT_FC_SEED=random from a new
 * one each run (fast-check prints the seed of a failure, to pin it back). A test that passes its
 * own `seed` keeps it.
 */
export const PINNED_SEED = 20251231;

function seedFrom(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return PINNED_SEED;
  if (v === 'random') return undefined;
  if (!/^-?\d+$/.test(v)) throw new Error(`JP_AUDIT_FC_SEED: an integer or "random", not ${JSON.stringify(v)}`);
  return Number(v);
}

const seed = seedFrom(process.env.JP_AUDIT_FC_SEED);
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });

/**
 * The seed a test that pins its own (`seed`) uses: `pinned`, unless JP_AUDIT_FC_SEED asks for
 * another (an integer) or a new one each run (`random`).
 */
export function seedOr(pinned: number): number {
  const v = process.env.JP_AUDIT_FC_SEED;
  if (v === undefined || v === '') return pinned;
  return v === 'random' ? Math.floor(Math.random() * 2 ** 31) : seedFrom(v)!;
}

/** Whether the run explores seeds other than the pinned ones (coverage checks of a pinned seed then do not apply). */
export const exploring = process.env.JP_AUDIT_FC_SEED !== undefined && process.env.JP_AUDIT_FC_SEED !== '';
