/** Villages (嘎查/行政村): a code, a name, a point (geometry or 经度/纬度) and the party branch's lasting fields. */
import type { BranchFocus, VillageKind, VillageRecord } from '../../records.js';
import { parseBoolean, parseEnum, parseYear } from '../cells.js';
import { message } from '../messages.js';
import { parseDivisionCode } from '../codes.js';
import { pointOf } from './geometry.js';
import { built, impliedParent, plainText, reader } from './built.js';
import type { KindSpec } from './kind.js';
import { CODE, KIND, LAT, LON, NAME, NAME_EN, VILLAGE_CODE, VILLAGE_NAME } from './shared-columns.js';

const FOCUS = ['FARMING_HERDING', 'TOURISM', 'SPECIALTY_INDUSTRY', 'E_COMMERCE'] as const;

export const villages: KindSpec<VillageRecord> = {
  kind: 'villages',
  keyField: 'code',
  aliases: {
    code: [...CODE, ...VILLAGE_CODE.slice(0, 6)],
    townshipCode: ['苏木乡镇代码', '乡镇代码', '所属乡镇代码', '所属苏木乡镇代码', 'townshipCode'],
    name: [...NAME, ...VILLAGE_NAME.filter((n) => n !== 'villageName')],
    nameEn: NAME_EN,
    kind: KIND,
    lon: LON,
    lat: LAT,
    isPoorVillage: ['贫困村', '是否贫困村', '建档立卡贫困村', '是否建档立卡贫困村', 'isPoorVillage'],
    exitedYear: ['出列年份', '退出年份', '出列年度', '脱贫出列年份', 'exitedYear'],
    branchName: ['党支部', '党支部名称', '支部名称', 'branchName'],
    branchFocus: ['支部类型', '党组织类型', 'branchFocus'],
    branchGovernance15: ['1+5', '"1+5"', 'branchGovernance15'],
  },
  build(row, ctx) {
    const r = reader(row, this.aliases, ctx);
    const code = r.required('code', (v) => parseDivisionCode(v, 'village'));
    const name = r.required('name', plainText) ?? '';
    const township = impliedParent(r, code, 'village', 'townshipCode');
    const isPoorVillage = r.optional('isPoorVillage', parseBoolean, false);
    const exitedYear = r.optional('exitedYear', parseYear, null as number | null);
    if (exitedYear !== null && !isPoorVillage) r.problem('exitedYear', message('village.exitNotPoor'));
    const record: VillageRecord = {
      code: code ?? '',
      townshipCode: township,
      name,
      nameEn: r.optional('nameEn', plainText, ''),
      kind: r.optional('kind', (v) => parseEnum(v, ['GACHA', 'VILLAGE'] as const, { 嘎查: 'GACHA', 村: 'VILLAGE', 行政村: 'VILLAGE' }), name.endsWith('嘎查') ? 'GACHA' : 'VILLAGE') as VillageKind,
      location: pointOf(r, row.geometry, ctx)!,
      isPoorVillage,
      exitedYear,
      branchName: r.optional('branchName', plainText, `${name}党支部`),
      branchFocus: r.optional<BranchFocus | null>('branchFocus', (v) => parseEnum<BranchFocus>(v, FOCUS, { 种养殖型: 'FARMING_HERDING', 旅游型: 'TOURISM', 特色产业型: 'SPECIALTY_INDUSTRY', 电商型: 'E_COMMERCE' }), null as BranchFocus | null),
      branchGovernance15: r.optional('branchGovernance15', parseBoolean, false),
    };
    return built(r, record, code ?? null);
  },
};
