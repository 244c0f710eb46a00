/**
 * Assisting units (定点帮扶单位) and their assignments: one row per unit and
 * village it helps, with the period and the funds by year in one cell
 * ("2019:20.5;2020:31"); a row without a village gives the unit alone. A unit
 * is known by its name (or its id in the hub), an assignment by unit, village
 * and start year. Whether the funds fit the period is the domain rule
 * checkFunds, which the server applies.
 */
import type { AssignmentRecord, AssistingUnitKind } from '../../records.js';
import { parseEnum, parseInteger, parseYearAmounts } from '../cells.js';
import { parseDivisionCode } from '../codes.js';
import type { FieldReader } from '../columns.js';
import { built, reader } from './built.js';
import { message } from '../messages.js';
import type { KindSpec } from './kind.js';
import { parseReference, referenceText, type Reference } from './references.js';
import { END_YEAR, KIND, NAME, START_YEAR, VILLAGE_CODE, VILLAGE_NAME } from './shared-columns.js';

export type AssignmentImport = Omit<AssignmentRecord, 'id' | 'unitId'>;

export interface AssistingUnitImport {
  unit: Reference;
  /** null when the row does not say (an existing unit keeps its kind) */
  kind: AssistingUnitKind | null;
  assignment: AssignmentImport | null;
}

const KINDS = ['GOVERNMENT', 'ENTERPRISE', 'INSTITUTION'] as const;
const KIND_NAMES: Record<string, AssistingUnitKind> = { 机关: 'GOVERNMENT', 党政机关: 'GOVERNMENT', 企业: 'ENTERPRISE', 事业单位: 'INSTITUTION' };

/** Each year's commitment (承诺资金) beside its delivered funds: a committed year must be among the funds' years (write 2024:0 for nothing delivered yet). */
function withCommitments(r: FieldReader, funds: AssignmentImport['funds'], committed: Array<{ year: number; amount: number }>): AssignmentImport['funds'] {
  if (committed.length === 0) return funds;
  if (!r.has('funds')) {
    r.problem('committed', message('unit.committedAlone'));
    return funds;
  }
  const byYear = new Map(committed.map((c) => [c.year, c.amount]));
  for (const c of committed) {
    if (!funds.some((f) => f.year === c.year)) r.problem('committed', message('unit.committedYear', { year: c.year, amount: c.amount }));
  }
  return funds.map((f) => (byYear.has(f.year) ? { ...f, committed: byYear.get(f.year)! } : f));
}

export const units: KindSpec<AssistingUnitImport> = {
  kind: 'units',
  keyField: 'unit',
  aliases: {
    unit: ['帮扶单位', '定点帮扶单位', '单位名称', 'unit', 'unitId', ...NAME],
    kind: ['单位类型', ...KIND],
    villageCode: ['帮扶村代码', '帮扶村', ...VILLAGE_CODE],
    villageName: ['帮扶村名称', ...VILLAGE_NAME],
    startYear: START_YEAR,
    endYear: END_YEAR,
    funds: ['年度资金', '帮扶资金', '到位帮扶资金', 'funds'],
    committed: ['承诺资金', '计划帮扶资金', '承诺帮扶资金', 'committed'],
  },
  build(row, ctx) {
    const r = reader(row, this.aliases, ctx);
    const unit = r.required('unit', parseReference);
    const kind = r.optional('kind', (v) => parseEnum(v, KINDS, KIND_NAMES), null as AssistingUnitKind | null);
    const villageCode = r.optional('villageCode', (v) => parseDivisionCode(v, 'village'), null as string | null);
    let assignment: AssignmentImport | null = null;
    if (r.has('villageCode')) {
      assignment = {
        villageCode: villageCode ?? '',
        startYear: r.required('startYear', parseInteger) ?? 0,
        endYear: r.optional('endYear', parseInteger, null as number | null),
        funds: withCommitments(r, r.optional('funds', parseYearAmounts, []), r.optional('committed', parseYearAmounts, [])),
      };
    } else if (r.has('startYear') || r.has('funds') || r.has('committed')) {
      r.problem('villageCode', message('unit.noVillage'));
    }
    const key = unit && (assignment === null ? referenceText(unit) : villageCode && r.has('startYear') ? `${referenceText(unit)} in ${villageCode} from ${assignment.startYear}` : null);
    return built(r, { unit: unit ?? { name: '' }, kind, assignment }, key ?? null);
  },
};
