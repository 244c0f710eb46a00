/**
 * Causes of poverty (致贫原因) as a bureau's sheet has them: WIDE, one row
 * per village and year, one column per cause headed by the registration
 * form's name (因病, 因残, …), each cell the poor households with that main
 * cause. An empty cell is 0. Only the cause columns the file has are
 * written: a sheet of 因病 and 因残 alone leaves the other causes as stored.
 * Whether the counts fit the village's poor households is the server's
 * check (it knows them).
 */
import { POVERTY_CAUSES, type PovertyCause } from '../../records.js';
import { halfWidth, parseYear, shown, type Parsed } from '../cells.js';
import { parseDivisionCode } from '../codes.js';
import { built, reader } from './built.js';
import type { KindSpec } from './kind.js';
import { VILLAGE_CODE, VILLAGE_NAME, YEAR } from './shared-columns.js';

export interface CausesImport {
  villageCode: string;
  year: number;
  /** the poor households by main cause, for the causes the file has a column for */
  counts: Partial<Record<PovertyCause, number>>;
}

/** Each cause's headers: the form's name first (what the export writes), then how else bureaus and people write it. */
export const CAUSE_HEADERS: Record<PovertyCause, string[]> = {
  ILLNESS: ['因病', '因病致贫', 'illness', 'ILLNESS'],
  DISABILITY: ['因残', '因残致贫', 'disability', 'DISABILITY'],
  SCHOOLING: ['因学', '因学致贫', 'schooling', 'SCHOOLING'],
  DISASTER: ['因灾', '因灾致贫', 'disaster', 'DISASTER'],
  LACK_OF_LAND: ['缺土地', '缺地', 'lackOfLand', 'LACK_OF_LAND'],
  LACK_OF_WATER: ['缺水', 'lackOfWater', 'LACK_OF_WATER'],
  LACK_OF_SKILLS: ['缺技术', 'lackOfSkills', 'LACK_OF_SKILLS'],
  LACK_OF_LABOUR: ['缺劳力', '缺劳动力', 'lackOfLabour', 'lackOfLabor', 'LACK_OF_LABOUR'],
  LACK_OF_FUNDS: ['缺资金', 'lackOfFunds', 'LACK_OF_FUNDS'],
  POOR_TRANSPORT: ['交通条件落后', '交通落后', 'poorTransport', 'POOR_TRANSPORT'],
  LACK_OF_DRIVE: ['自身发展动力不足', '发展动力不足', '内生动力不足', 'lackOfDrive', 'LACK_OF_DRIVE'],
};

/** A count of households: a whole number ≥ 0 (reasons in Chinese: bureau staff read them). */
function parseHouseholds(raw: unknown): Parsed<number> {
  const s = halfWidth(raw).replace(/[,\s]/g, '').replace(/户$/, '');
  if (!/^\d+$/.test(s)) return { ok: false, reason: `${shown(raw)} 不是户数（应为不小于 0 的整数）` };
  return { ok: true, value: Number(s) };
}

export const causes: KindSpec<CausesImport> = {
  kind: 'causes',
  keyField: 'villageCode',
  aliases: {
    villageCode: ['村代码', '嘎查村代码', '区划代码', '统计用区划代码', '代码', ...VILLAGE_CODE.slice(2), 'code'],
    villageName: VILLAGE_NAME,
    year: YEAR,
    ...CAUSE_HEADERS,
  },
  build(row, ctx) {
    const r = reader(row, this.aliases, ctx);
    const villageCode = r.required('villageCode', (v) => parseDivisionCode(v, 'village'));
    const year = r.required('year', parseYear);
    const counts: Partial<Record<PovertyCause, number>> = {};
    for (const cause of POVERTY_CAUSES) {
      if (r.header(cause) !== null) counts[cause] = r.optional(cause, parseHouseholds, 0);
    }
    if (Object.keys(counts).length === 0) r.problem('causes', `没有致贫原因列（应至少有一列：${POVERTY_CAUSES.map((c) => CAUSE_HEADERS[c][0]).join('、')}）`);
    const record: CausesImport = { villageCode: villageCode ?? '', year: year ?? 0, counts };
    return built(r, record, villageCode && year !== undefined ? `${villageCode}/${year}` : null);
  },
};
