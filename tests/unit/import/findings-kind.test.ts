/** The findings kind's pure half: days as offices write them, place codes of any level, one row to a record. */
import { describe, expect, it } from 'vitest';
import { findings, parseDay, parsePlaceCode, visitKey, type FindingImport } from '../../../data/src/import/kinds/findings';

const ctx = { crs: 'wgs84', overrides: {} } as const;

describe('parseDay', () => {
  it.each([
    ['2025-03-10', '2025-03-10'],
    ['2025/3/9', '2025-03-09'],
    ['2025.12.1', '2025-12-01'],
    ['2025年3月10日', '2025-03-10'],
    [' 2025-03-10 ', '2025-03-10'],
    [45726, '2025-03-10'],
    [new Date('2025-03-10T00:00:00Z'), '2025-03-10'],
  ])('reads %s', (raw, day) => {
    expect(parseDay(raw)).toEqual({ ok: true, value: day });
  });

  it.each(['2025-02-30', '2025-13-01', '3/10/2025', '下月', '', 12])('refuses %s in Chinese', (raw) => {
    const p = parseDay(raw);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reason).toContain('不是日期');
  });
});

describe('parsePlaceCode', () => {
  it('takes a county, a township or a village code, the short forms padded', () => {
    expect(parsePlaceCode('159908')).toEqual({ ok: true, value: '159908000000' });
    expect(parsePlaceCode('159908100')).toEqual({ ok: true, value: '159908100000' });
    expect(parsePlaceCode('159908100201')).toEqual({ ok: true, value: '159908100201' });
    expect(parsePlaceCode('1599')).toMatchObject({ ok: false, reason: expect.stringContaining('不是旗县、苏木乡镇或嘎查村') });
  });
});

describe('a row', () => {
  it('becomes a finding with its visit, keyed by the visit and the description', () => {
    const row = {
      number: 2,
      fields: { 督查日期: '2025/3/10', 督查单位: '盟委督查室', 被督查单位代码: '159908100201', 问题类别: '作风', 问题描述: '走访不深入', 责任单位: '村党支部', 整改时限: '2025-05-10', 整改完成日期: '', 整改佐证: '' },
    };
    const built = findings.build(row as never, ctx as never);
    expect(built.problems).toEqual([]);
    const record = built.record as FindingImport;
    expect(record).toEqual({
      inspectedOn: '2025-03-10', inspectingUnit: '盟委督查室', placeCode: '159908100201', category: 'CONDUCT', description: '走访不深入',
      responsibleUnit: '村党支部', deadline: '2025-05-10', rectifiedOn: null, evidence: null,
    });
    expect(built.key).toBe(`${visitKey(record)} 走访不深入`);
  });

  it('names each bad cell by its column, in Chinese', () => {
    const row = { number: 3, fields: { 督查日期: '2025/2/30', 督查单位: '', 被督查单位代码: '159908100201', 问题类别: '其他', 问题描述: '某问题', 责任单位: '村党支部', 整改时限: '2025-05-10' } };
    const built = findings.build(row as never, ctx as never);
    expect(built.record).toBeNull();
    expect(built.problems.map((p) => [p.field, p.reason])).toEqual([
      ['督查日期', '"2025/2/30" 不是日期（应为 2025-03-10、2025/3/10 或 2025年3月10日）'],
      ['督查单位', '为空'],
      ['问题类别', '"其他" 不是问题类别（应为 基层党建、扶贫资金、项目管理、驻村帮扶、政策落实、作风问题 之一）'],
    ]);
  });
});
