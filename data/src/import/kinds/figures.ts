/**
 * A village's figures for a year (one row per village and year). Cells are
 * parsed here; whether the counts agree with each other is the domain rule
 * checkVillageFigures, which the server applies.
 */
import type { BranchRating, VillageYearRecord } from '../../records.js';
import { parseBoolean, parseEnum, parseNumber, parseYear } from '../cells.js';
import { parseDivisionCode } from '../codes.js';
import { built, reader } from './built.js';
import type { KindSpec } from './kind.js';
import { VILLAGE_CODE, VILLAGE_NAME, YEAR } from './shared-columns.js';

export const figures: KindSpec<VillageYearRecord> = {
  kind: 'figures',
  keyField: 'villageCode',
  aliases: {
    villageCode: ['村代码', '嘎查村代码', '代码', '区划代码', '统计用区划代码', ...VILLAGE_CODE.slice(2), 'code'],
    villageName: VILLAGE_NAME,
    year: YEAR,
    households: ['户数', '总户数', '户籍户数', '农户数', 'households'],
    ruralPopulation: ['乡村人口', '农村人口', '户籍人口', '人口', '总人口', '农村户籍人口', 'ruralPopulation', 'population'],
    poorHouseholds: ['贫困户数', '建档立卡贫困户数', '建档立卡贫困户', '建档立卡户数', '贫困户', 'poorHouseholds'],
    poorPopulation: ['贫困人口', '建档立卡贫困人口', '贫困人口数', '建档立卡贫困人口数', '贫困人数', 'poorPopulation'],
    collectiveIncome: ['集体经济收入', '村集体经济收入', '集体收入', '村集体收入', '村集体经济年收入', 'collectiveIncome'],
    partyMembers: ['党员数', '党员人数', '党员', '党员总数', 'partyMembers'],
    memberPairings: ['结对帮扶户数', '党员结对帮扶户数', '党员结对户数', 'memberPairings'],
    secretaryIsDirector: ['一肩挑', '书记主任一肩挑', '是否一肩挑', 'secretaryIsDirector'],
    softLax: ['软弱涣散', '软弱涣散村', '是否软弱涣散', 'softLax'],
    branchRating: ['支部评级', '支部等级', '党支部评级', '评定等次', 'branchRating'],
  },
  build(row, ctx) {
    const r = reader(row, this.aliases, ctx);
    const villageCode = r.required('villageCode', (v) => parseDivisionCode(v, 'village'));
    const year = r.required('year', parseYear);
    // Counts are parsed as numbers and judged by the domain rule, so "-3" and "2.5" get its wording.
    const record: VillageYearRecord = {
      villageCode: villageCode ?? '',
      year: year ?? 0,
      households: r.required('households', parseNumber) ?? 0,
      ruralPopulation: r.required('ruralPopulation', parseNumber) ?? 0,
      poorHouseholds: r.required('poorHouseholds', parseNumber) ?? 0,
      poorPopulation: r.required('poorPopulation', parseNumber) ?? 0,
      collectiveIncome: r.required('collectiveIncome', parseNumber) ?? 0,
      partyMembers: r.optional('partyMembers', parseNumber, 0),
      memberPairings: r.optional('memberPairings', parseNumber, 0),
      secretaryIsDirector: r.optional('secretaryIsDirector', parseBoolean, false),
      softLax: r.optional('softLax', parseBoolean, false),
      branchRating: r.optional('branchRating', (v) => parseEnum(v, ['ADVANCED', 'MIDDLE', 'LAGGING'] as const, { 先进: 'ADVANCED', 中间: 'MIDDLE', 一般: 'MIDDLE', 后进: 'LAGGING' }), 'MIDDLE' as BranchRating),
    };
    return built(r, record, villageCode && year !== undefined ? `${villageCode}/${year}` : null);
  },
};
