/**
 * The hub's rule reasons the importer meets, coded: Chinese in the report, and
 * in English as the API says them (a field named by its English name, not its identifier).
 */
import { describe, expect, it } from 'vitest';
import { problemReason, rowProblem } from '@lingyan/data';
import { codedProblem } from '../../../server/src/importer/rule-messages.js';

const REASONS: Array<[string, string, string?]> = [
  ['must be a year from 2000 to 2100', '须是 2000 至 2100 年之间的年份'],
  ['must not be before startYear (2021)', '不能早于开始年份（2021）', 'must not be before start year (2021)'],
  ['must be a whole number, 0 or more', '须是不小于 0 的整数'],
  ['must be 0 or more (万元)', '不能小于 0（万元）'],
  ['must not exceed ruralPopulation (100)', '不能超过农村人口（100）', 'must not exceed rural population (100)'],
  ['must not exceed poorPopulation (20): each poor household has at least one poor person', '不能超过贫困人口（20）：每个贫困户至少有一名贫困人口', 'must not exceed poor population (20): each poor household has at least one poor person'],
  ['village 159999999201 is not in the database; import the villages first', '嘎查村 159999999201 不在数据库中；请先导入嘎查村'],
  ["its township 152591101000 (the code's first 9 digits) is not in the database; import the townships first", '所属苏木乡镇 152591101000（代码前 9 位）不在数据库中；请先导入苏木乡镇'],
  ['lies 12.2 km outside its township 152591101000', '位于所属苏木乡镇 152591101000 之外 12.2 km'],
  ['a village cannot pair with itself', '嘎查村不能与自己结对'],
  ['a STRONG_HELPS_WEAK pairing needs a village as helper', 'STRONG_HELPS_WEAK 类型的结对须由嘎查村帮扶'],
  ['village 159901101201 has no figures for 2030, so it cannot be shown to be strong', '嘎查村 159901101201 没有 2030 年的数据，无法认定为强村'],
  ["village 159901101201 is neither in the centre's township nor in an adjacent one", '嘎查村 159901101201 既不在中心村所在的苏木乡镇，也不在相邻的苏木乡镇'],
  ['the sources add up to 100.00, not 100.50', '各项资金来源合计 100.00，与总投资 100.50 不符'],
  ['must lie inside the township of village 159901101201 (159901101000)', '位置须在嘎查村 159901101201 所属的苏木乡镇（159901101000）之内'],
  ['an ENTERPRISE_VILLAGE pairing needs an enterprise as helper', 'ENTERPRISE_VILLAGE（村企结对）类型的结对须由企业帮扶'],
  ['is empty: unit "示例旗农牧局" is not in the database yet, so its kind is needed (GOVERNMENT, ENTERPRISE or INSTITUTION)', '不能为空：单位“示例旗农牧局”尚不在数据库中，须填写其类型（GOVERNMENT 机关、ENTERPRISE 企业或 INSTITUTION 事业单位）'],
  ['village 159901101201 is already a member of the alliance in row 4', '嘎查村 159901101201 已是第 4 行联合党委的成员村'],
  ['village 159901101201 is not in county 159902000000', '嘎查村 159901101201 不在旗县 159902000000 内'],
  ["must be within the assignment's period 2021–2023", '须在选派期 2021–2023 年之内'],
  ["must be within the assignment's period 2021–open", '不能早于选派开始的 2021 年'],
];

describe('rule reasons in the import report', () => {
  it.each(REASONS)('%s', (en, zh, english = en) => {
    const p = codedProblem(rowProblem(3, '年份', en));
    expect(p.code).toMatch(/^rule\./);
    expect(p.reason).toBe(zh);
    expect(problemReason(p, 'en')).toBe(english);
  });

  it('keeps a reason it does not know as it is', () => {
    const p = codedProblem(rowProblem(3, 'x', 'organisation #99999 is not in the database'));
    expect(p).toEqual({ row: 3, field: 'x', reason: 'organisation #99999 is not in the database' });
  });
});
