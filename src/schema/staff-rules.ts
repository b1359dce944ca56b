import type { EmployeeType } from '../normalize/types.js';
import type { TypeRules } from '../rules/employee-type.js';

// What the staff schema (schema/rows.ts) and its plain twin (schema/plain.ts) both read a roster
// row by, in one place so that the two cannot drift apart.

/** The type rules of a run's schema options: the schema's (`rowSchemas`) and `PlainStaffReader`'s. */
export function typeRulesOf(o: { defaultType?: EmployeeType; typeAliases?: ReadonlyMap<string, EmployeeType> }): TypeRules {
  return { defaultType: o.defaultType ?? 'PNS', ...(o.typeAliases ? { aliases: o.typeAliases } : {}) };
}

/** Cells that mean "nothing" in a recap's total (S20JP writes `-` for a person with no JP): the schema's and the plain reader's. */
export const NO_TOTAL: ReadonlySet<string> = new Set(['', '-', '\u2013', '\u2014']);
