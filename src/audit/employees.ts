import type { EmployeeResult, Extras } from './types.js';
import type { CivilDate } from '../normalize/dates.js';
import type { EmployeeType } from '../normalize/types.js';
import type { Policy } from '../policy/policy.js';

/**
 * A result's employees as a source of ranges: a report of a million employees is written a few
 * thousand at a time, made from the audit's columns, without a million objects at once.
 */
export interface EmployeeSource {
  readonly length: number;
  /** Employees `from` to `to` (not included), in the result's order; new objects each time. */
  range(from: number, to: number): EmployeeResult[];
  /**
   * `jsonArrayItems(range(from, to))` (the items as they stand in the JSON report's employees
   * list) written straight from the columns, when the source has them.
   */
  jsonItems?(from: number, to: number): string;
  /**
   * `jsonItems` as UTF-8 bytes, by the report kernel, when the source's names are ASCII bytes.
   * `view`: the bytes may be in memory the next call reuses (see `ReportKernel.items`).
   */
  jsonBytes?(from: number, to: number, view?: boolean): Uint8Array;
  /** The columns the employees are made from, when they are (plain data a worker thread can take). */
  readonly columns?: EmployeeColumns;
}

/**
 * An audit's employees as columns by roster index (see `Audit`), and `order`, the roster indexes
 * in the result's order. Plain data: a worker thread rebuilds the same source from a copy.
 */
export interface EmployeeColumns {
  order: Uint32Array;
  nipHi: Uint32Array;
  nipLo: Uint32Array;
  /** Codes into `TYPE_CODES`. */
  types: Uint8Array;
  /** Indexes into `opds`. */
  opdOf: Uint32Array;
  /** Names by roster index; or ASCII names as one block of bytes and where each ends (for a thread). */
  names: readonly string[] | { bytes: Uint8Array; ends: Uint32Array };
  opds: readonly string[];
  jp: Float64Array;
  records: Uint32Array;
  /** Service dates and exemptions by roster index, for those that have them (a Map survives structured clone). */
  extras: ReadonlyMap<number, Extras>;
  policy: Policy;
  year: number;
  asOf: CivilDate;
  prorate: boolean;
}

/** Employee types by their code in the `types` column. */
export const TYPE_CODES: readonly EmployeeType[] = ['PNS', 'PPPK', 'CPNS'];

const sources = new WeakMap<object, EmployeeSource>();

/**
 * Gives `target` an `employees` property made from `source` when first read (and kept from then
 * on), in the place the key already has, so that `JSON.stringify` and spreading see a plain array.
 * `employeeSource(target)` reads ranges without making it.
 */
export function withEmployees<T extends { employees: EmployeeResult[] }>(target: T, source: EmployeeSource): T {
  const settle = (employees: EmployeeResult[]) => {
    Object.defineProperty(target, 'employees', { value: employees, writable: true, enumerable: true, configurable: true });
    sources.delete(target);
    return employees;
  };
  Object.defineProperty(target, 'employees', {
    enumerable: true,
    configurable: true,
    get: () => settle(source.range(0, source.length)),
    set: settle,
  });
  sources.set(target, source);
  return target;
}

/** The employees of `holder` as ranges: its source when not made yet, else its array. */
export function employeeSource(holder: { employees: readonly EmployeeResult[] }): EmployeeSource {
  const source = sources.get(holder);
  if (source) return source;
  const list = holder.employees;
  return { length: list.length, range: (from, to) => list.slice(from, to) };
}

/** Shares `from`'s employees with `to` without making them (a report made from a result). */
export function shareEmployees<T extends { employees: EmployeeResult[] }>(to: T, from: { employees: EmployeeResult[] }): T {
  const source = sources.get(from);
  if (!source) {
    to.employees = from.employees;
    return to;
  }
  return withEmployees(to, source);
}
