/**
 * A planner whose token is limited to some counties may import only rows of
 * those counties, as with every other write (graphql/auth.ts requireCounty).
 * The file is read once through the kind's record builder; every division
 * code a record carries (its own, its village's, its county's …) must lie in
 * a county the token covers. The rows that do not are reported like any
 * other rejected row, so the data officer sees which and why.
 */
import { KIND_SPECS, openSource, type ImportKind, type RowProblem, type RowUnit } from '@lingyan/data';
import { countyOf, coversCounty, type Principal } from '../auth/roles.js';
import type { HttpImportChoices } from './http-options.js';
import { openOptions } from './http-preview.js';

const DIVISION_CODE = /^\d{12}$/;

/** The county codes a record names, from its fields called code or …Code. */
function countiesOf(record: Record<string, unknown>): string[] {
  const found = new Set<string>();
  for (const [key, value] of Object.entries(record)) {
    if ((key === 'code' || key.endsWith('Code')) && typeof value === 'string' && DIVISION_CODE.test(value) && key !== 'prefectureCode') found.add(countyOf(value));
  }
  return [...found];
}

export interface ScopeCheck {
  /** one per row outside the token's counties */
  problems: RowProblem[];
  unit: RowUnit;
  read: number;
}

/** The rows outside the principal's counties; none when the token covers the whole prefecture. */
export async function outOfScope(principal: Principal, path: string, kind: ImportKind, choices: HttpImportChoices): Promise<ScopeCheck> {
  if (principal.role === 'admin' || principal.counties === null) return { problems: [], unit: 'row', read: 0 };
  const spec = KIND_SPECS[kind];
  const problems: RowProblem[] = [];
  const source = await openSource(path, openOptions(choices, kind));
  let read = 0;
  try {
    for await (const row of source.rows) {
      read++;
      const built = spec.build(row, { crs: choices.crs, overrides: choices.mapping });
      if (built.record === null) continue; // its own problems are reported by the import
      const record = built.record as Record<string, unknown>;
      for (const county of countiesOf(record)) {
        if (!coversCounty(principal, county)) {
          const own = Object.entries(record).find(([key, value]) => (key === 'code' || key.endsWith('Code')) && typeof value === 'string' && DIVISION_CODE.test(value));
          problems.push({ row: row.number, field: built.label(spec.keyField), ...(own ? { area: { code: own[1] as string } } : {}), reason: choices.lang === 'en' ? `lies in county ${county}; this token may change ${principal.counties.join(', ')} only` : `属于旗县 ${county}，您的令牌只能修改 ${principal.counties.join('、')} 的数据` });
          break;
        }
      }
    }
  } finally {
    await source.close();
  }
  return { problems, unit: source.unit, read };
}
