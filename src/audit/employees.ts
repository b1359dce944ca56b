import type { EmployeeResult } from './audit.js';

/**
 * A result's employees as a source of ranges: a report of a million employees is written a few
 * thousand at a time, made from the audit's columns, without a million objects at once.
 */
export interface EmployeeSource {
  readonly length: number;
  /** Employees `from` to `to` (not included), in the result's order; new objects each time. */
  range(from: number, to: number): EmployeeResult[];
}

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
