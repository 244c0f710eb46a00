/** The pure record builders of the kinds alliances, pairings, projects and units, and the cell parsers they share. */
import { describe, expect, it } from 'vitest';
import { alliances, formatMessage, pairings, parseList, parseYearAmounts, projects, units, parseInteger, type SourceRow } from '@lingyan/data';

const row = (fields: Record<string, unknown>, geometry: SourceRow['geometry'] = null): SourceRow => ({ number: 2, fields, geometry });
const ctx = { crs: 'wgs84' as const, overrides: {} };
const problems = (b: { problems: Array<{ field: string; reason: string }> }) => b.problems.map((p) => `${p.field}: ${p.reason}`);

describe('cells', () => {
  it('splits a list on ; ； , ， 、 and spaces, and stops at the first bad item', () => {
    expect(parseList('1;2；3，4、5 6,7', parseInteger)).toEqual({ ok: true, value: [1, 2, 3, 4, 5, 6, 7] });
    expect(parseList(' ', parseInteger)).toEqual({ ok: true, value: [] });
    expect(parseList('1;x;y', parseInteger)).toMatchObject({ ok: false, reason: '"x" 不是数字' });
  });

  it('reads funds by year as 2019:20.5 / 2019=20.5 / 2019：20.5', () => {
    expect(parseYearAmounts('2019: 20.5; 2020=1000；2021：3')).toEqual({ ok: true, value: [{ year: 2019, amount: 20.5 }, { year: 2020, amount: 1000 }, { year: 2021, amount: 3 }] });
    // a comma separates items, so it is no thousands separator here
    expect(parseYearAmounts('2020:1,000')).toMatchObject({ ok: false, reason: '"000" 不是“年份:金额”（如 2019:20.5）' });
    const item = parseYearAmounts('2019:二十');
    expect(item).toMatchObject({ ok: false, reason: '2019 年："二十" 不是数字' });
    expect(!item.ok && formatMessage(item.message!, 'en')).toBe('2019: "二十" is not a number');
    expect(parseYearAmounts('19:20')).toMatchObject({ ok: false, reason: '"19:20" 不是“年份:金额”（如 2019:20.5）' });
  });
});

describe('alliances', () => {
  it('reads the Chinese headers; the centre is the key; the platform company by name or id', () => {
    const b = alliances.build(row({ 联合党委: '甲联合党委', 中心村: '159901101201', 成员村: '159901101201、159901101202', 平台公司: '甲公司', 成立年份: '2021' }), ctx);
    expect(b.problems).toEqual([]);
    expect(b.key).toBe('159901101201');
    expect(b.record).toEqual({ name: '甲联合党委', centreVillageCode: '159901101201', memberVillageCodes: ['159901101201', '159901101202'], platformCompany: { name: '甲公司' }, foundedYear: 2021 });
    expect(alliances.build(row({ name: 'x', centreVillageCode: '159901101201', memberVillageCodes: '159901101201', platformCompanyId: '12', foundedYear: 2021 }), ctx).record?.platformCompany).toEqual({ id: 12 });
  });

  it('names a bad member code and a missing column', () => {
    const b = alliances.build(row({ 名称: 'x', 中心村代码: '159901101201', 成员村代码: '159901101201;1599011012', 成立年份: 2021 }), ctx);
    expect(problems(b)).toEqual(['成员村代码: "1599011012" 有 10 位，统计用区划代码应为 12 位（旗县可只写前 6 位，苏木乡镇可只写前 9 位）；若 Excel 把代码列当作数字处理过（去掉开头的 0 或改动了末位），请把该列设置为“文本”格式后重新填入完整代码']);
    expect(b.record).toBeNull();
    expect(problems(alliances.build(row({ 名称: 'x', 中心村代码: '159901101201', 成立年份: 2021 }), ctx))).toEqual([
      'memberVillageCodes: 找不到此列（查找的表头：成员村代码 / 成员村 / members / memberVillageCodes）；可用 --field memberVillageCodes=<表头> 指定',
    ]);
  });
});

describe('pairings', () => {
  it('defaults the kind from the helper, keys by helper, helped village and start year', () => {
    const v = pairings.build(row({ 帮扶村: '159901101201', 受帮扶村: '159901101202', 开始年份: 2019 }), ctx);
    expect(v.record).toMatchObject({ kind: 'STRONG_HELPS_WEAK', helperVillageCode: '159901101201', helperOrganisation: null, endYear: null });
    expect(v.key).toBe('159901101201 → 159901101202 from 2019');
    const e = pairings.build(row({ 帮扶企业: '乙公司', 受帮扶村: '159901101202', 开始年份: 2019, 结束年份: 2021 }), ctx);
    expect(e.record).toMatchObject({ kind: 'ENTERPRISE_VILLAGE', helperVillageCode: null, helperOrganisation: { name: '乙公司' }, endYear: 2021 });
    expect(pairings.build(row({ 类型: '中心村辐射周边村', 帮扶村: '159901101201', 受帮扶村: '159901101202', 开始年份: 2019 }), ctx).record?.kind).toBe('CENTRE_RADIATES');
  });

  it('needs exactly one helper', () => {
    expect(problems(pairings.build(row({ 帮扶村: '', 帮扶企业: '', 受帮扶村: '159901101202', 开始年份: 2019 }), ctx))).toEqual(['帮扶村: 为空：须填帮扶村（帮扶村代码）或帮扶企业']);
    expect(problems(pairings.build(row({ 帮扶村: '159901101201', 帮扶企业: '7', 受帮扶村: '159901101202', 开始年份: 2019 }), ctx))).toEqual(['帮扶企业: 结对只能有一个帮扶方：帮扶村或帮扶企业，不能两者都填']);
  });
});

describe('projects', () => {
  it('takes the point from the geometry or 经度/纬度, the sources absent as 0, keyed by village and name', () => {
    const fields = { 项目名称: '冷棚蔬菜基地', 产业类型: '蔬菜', 村代码: '159901101201', 开始年份: 2020, 总投资: '1,200.5', 财政资金: 1200.5 };
    const b = projects.build(row({ ...fields, 经度: 114.5, 纬度: 43.2 }), ctx);
    expect(b.problems).toEqual([]);
    expect(b.key).toBe('159901101201/冷棚蔬菜基地');
    expect(b.record).toMatchObject({ type: 'VEGETABLES', operator: null, location: { type: 'Point', coordinates: [114.5, 43.2] }, investmentTotal: 1200.5, investmentAssisting: 0, investmentOther: 0, endYear: null });
    expect(problems(projects.build(row(fields), ctx))).toEqual(['location: has no point geometry and no longitude/latitude columns (经度/纬度, lon/lat)']);
  });
});

describe('units', () => {
  it('reads a unit alone, or with an assignment and its funds', () => {
    const alone = units.build(row({ 帮扶单位: '盟委组织部', 单位类型: '机关' }), ctx);
    expect(alone.record).toEqual({ unit: { name: '盟委组织部' }, kind: 'GOVERNMENT', assignment: null });
    expect(alone.key).toBe('盟委组织部');
    const assigned = units.build(row({ unitId: '3', villageCode: '159901101201', startYear: 2016, endYear: '', funds: '2016:20.93;2017:34.58' }), ctx);
    expect(assigned.record).toEqual({ unit: { id: 3 }, kind: null, assignment: { villageCode: '159901101201', startYear: 2016, endYear: null, funds: [{ year: 2016, amount: 20.93 }, { year: 2017, amount: 34.58 }] } });
    expect(assigned.key).toBe('#3 in 159901101201 from 2016');
  });

  it('refuses an unknown kind and years without a village', () => {
    expect(problems(units.build(row({ 帮扶单位: 'x', 单位类型: '学校' }), ctx))).toEqual(['单位类型: "学校" 不是可用的值（应为 机关、党政机关、企业、事业单位 / GOVERNMENT, ENTERPRISE, INSTITUTION 之一）']);
    expect(problems(units.build(row({ 帮扶单位: 'x', 帮扶村代码: '', 开始年份: 2016 }), ctx))).toEqual(['帮扶村代码: 为空：填了年份或资金的帮扶关系须写明所帮扶的嘎查村']);
  });
});
