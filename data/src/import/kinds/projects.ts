/**
 * Industry projects (产业项目): name, industry, village, operator (an
 * organisation by id or name), a point (geometry or 经度/纬度), years,
 * investment by source (万元) and beneficiary households. A project is known
 * by its village and name. Whether the sums agree is the domain rule
 * checkInvestment, which the server applies.
 */
import type { IndustryProjectRecord, IndustryType } from '../../records.js';
import { parseEnum, parseInteger, parseNumber } from '../cells.js';
import { parseDivisionCode } from '../codes.js';
import { built, plainText, reader } from './built.js';
import { pointOf } from './geometry.js';
import type { KindSpec } from './kind.js';
import { parseReference, type Reference } from './references.js';
import { END_YEAR, KIND, LAT, LON, NAME, START_YEAR, VILLAGE_CODE, VILLAGE_NAME } from './shared-columns.js';

/** The project as a file gives it: the operator by id or name. */
export type ProjectImport = Omit<IndustryProjectRecord, 'id' | 'operatorId'> & { operator: Reference | null };

const TYPES = ['VEGETABLES', 'POTATOES', 'EDIBLE_FUNGI', 'RURAL_TOURISM', 'E_COMMERCE', 'LIVESTOCK', 'DAIRY', 'PROCESSING', 'PHOTOVOLTAIC'] as const;
const TYPE_NAMES: Record<string, IndustryType> = {
  蔬菜: 'VEGETABLES', 马铃薯: 'POTATOES', 食用菌: 'EDIBLE_FUNGI', 乡村旅游: 'RURAL_TOURISM', 电商: 'E_COMMERCE',
  畜牧: 'LIVESTOCK', 养殖: 'LIVESTOCK', 奶业: 'DAIRY', 加工: 'PROCESSING', 光伏: 'PHOTOVOLTAIC',
};
/** The sources of investmentTotal, 万元: absent columns count as 0. */
const SOURCES = ['investmentFiscal', 'investmentAssisting', 'investmentCollective', 'investmentEnterprise', 'investmentOther'] as const;

export const projects: KindSpec<ProjectImport> = {
  kind: 'projects',
  keyField: 'name',
  aliases: {
    name: ['项目名称', ...NAME],
    type: ['产业类型', '项目类型', ...KIND],
    villageCode: VILLAGE_CODE,
    villageName: VILLAGE_NAME,
    operator: ['经营主体', '运营主体', 'operator', 'operatorId'],
    lon: LON,
    lat: LAT,
    startYear: START_YEAR,
    endYear: END_YEAR,
    investmentTotal: ['总投资', '投资总额', 'investmentTotal'],
    investmentFiscal: ['财政资金', 'investmentFiscal'],
    investmentAssisting: ['帮扶资金', 'investmentAssisting'],
    investmentCollective: ['村集体资金', '集体资金', 'investmentCollective'],
    investmentEnterprise: ['企业资金', 'investmentEnterprise'],
    investmentOther: ['其他资金', 'investmentOther'],
    beneficiaryHouseholds: ['受益户数', 'beneficiaryHouseholds'],
    beneficiaryPoorHouseholds: ['受益贫困户数', 'beneficiaryPoorHouseholds'],
  },
  build(row, ctx) {
    const r = reader(row, this.aliases, ctx);
    const name = r.required('name', plainText);
    const village = r.required('villageCode', (v) => parseDivisionCode(v, 'village'));
    const sources = Object.fromEntries(SOURCES.map((f) => [f, r.optional(f, parseNumber, 0)])) as Record<(typeof SOURCES)[number], number>;
    const record: ProjectImport = {
      name: name ?? '',
      type: r.required('type', (v) => parseEnum(v, TYPES, TYPE_NAMES)) ?? 'VEGETABLES',
      villageCode: village ?? '',
      operator: r.optional('operator', parseReference, null as Reference | null),
      location: pointOf(r, row.geometry, ctx)!,
      startYear: r.required('startYear', parseInteger) ?? 0,
      endYear: r.optional('endYear', parseInteger, null as number | null),
      investmentTotal: r.required('investmentTotal', parseNumber) ?? 0,
      ...sources,
      beneficiaryHouseholds: r.optional('beneficiaryHouseholds', parseNumber, 0),
      beneficiaryPoorHouseholds: r.optional('beneficiaryPoorHouseholds', parseNumber, 0),
    };
    return built(r, record, name && village ? `${village}/${name}` : null);
  },
};
