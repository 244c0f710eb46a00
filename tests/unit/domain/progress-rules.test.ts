/** server/src/domain/project/progress-rules.ts: one year's rules, the stage order across years and whom it blames, totals to the cent. */
import { describe, expect, it } from 'vitest';
import { checkProjectYear, checkStageOrder, progressTotals, type ProgressFigures } from '../../../server/src/domain/project/progress-rules.js';

const project = { id: 7, name: '测试光伏电站', startYear: 2019, endYear: 2023, beneficiaryPoorHouseholds: 10 };
const figures = (patch: Partial<ProgressFigures>): ProgressFigures => ({
  year: 2020, stage: 'BUILDING', jobs: 0, dividendHouseholds: 0, dividendsPoor: 0, shareCapitalPoor: 0,
  plannedFiscal: 0, plannedAssisting: 0, plannedCollective: 0, plannedEnterprise: 0, plannedOther: 0,
  deliveredFiscal: 0, deliveredAssisting: 0, deliveredCollective: 0, deliveredEnterprise: 0, deliveredOther: 0,
  ...patch,
});

describe('one year of progress', () => {
  it('accepts the project\'s first and last years, dividends once operating, to all its poor beneficiaries', () => {
    expect(checkProjectYear(project, figures({ year: 2019, stage: 'PLANNED' }))).toEqual([]);
    expect(checkProjectYear(project, figures({ year: 2023, stage: 'EFFECTIVE', dividendHouseholds: 10, dividendsPoor: 2.5 }))).toEqual([]);
    expect(checkProjectYear({ ...project, endYear: null }, figures({ year: 2100, stage: 'OPERATING' }))).toEqual([]);
  });

  it('refuses the year before and after, with the period in the message', () => {
    expect(checkProjectYear(project, figures({ year: 2018 }))).toEqual([{ field: 'year', reason: '项目「测试光伏电站」（编号 7）2018 年：年份不在项目年限 2019–2023 之内' }]);
    expect(checkProjectYear(project, figures({ year: 2024 }))[0]!.field).toBe('year');
    expect(checkProjectYear({ ...project, endYear: null }, figures({ year: 2018 }))[0]!.reason).toContain('2019–至今');
  });

  it('refuses dividends (or dividend households alone) before operating, and more households than the poor beneficiaries', () => {
    expect(checkProjectYear(project, figures({ stage: 'BUILDING', dividendHouseholds: 3 }))).toEqual([
      { field: 'dividendsPoor', reason: '项目「测试光伏电站」（编号 7）2020 年：阶段为“在建”，还不能分红（分红金额 0 万元、分红户数 3 户）；投产或见效后才有分红' },
    ]);
    expect(checkProjectYear(project, figures({ stage: 'OPERATING', dividendHouseholds: 11, dividendsPoor: 1 }))).toEqual([
      { field: 'dividendHouseholds', reason: '项目「测试光伏电站」（编号 7）2020 年：分红户数 11 户超过项目的受益贫困户数 10 户' },
    ]);
  });

  it('refuses negative or over-precise amounts and fractional counts, each by its Chinese name', () => {
    const problems = checkProjectYear(project, figures({ plannedEnterprise: -1, shareCapitalPoor: 1.005, jobs: 2.5 }));
    expect(problems.map((p) => p.field)).toEqual(['plannedEnterprise', 'shareCapitalPoor', 'jobs']);
    expect(problems[0]!.reason).toContain('计划企业资金须为不小于 0、至多两位小数的金额（万元），填的是 -1');
    expect(problems[2]!.reason).toContain('带动就业须为不小于 0 的整数，填的是 2.5');
  });

  it('sums planned and delivered in whole cents', () => {
    expect(progressTotals(figures({ plannedFiscal: 0.1, plannedOther: 0.2, deliveredAssisting: 40.25, deliveredOther: 30.05 }))).toEqual({ planned: 0.3, delivered: 70.3 });
  });
});

describe('the stage across years', () => {
  it('allows staying and moving on, across gaps and in any order given', () => {
    expect(checkStageOrder(project, [{ year: 2023, stage: 'EFFECTIVE' }, { year: 2019, stage: 'PLANNED' }, { year: 2021, stage: 'OPERATING' }, { year: 2020, stage: 'PLANNED' }])).toEqual([]);
  });

  it('blames the later year by default, or the one `blame` picks, once per backward step', () => {
    const years = [{ year: 2019, stage: 'OPERATING' as const }, { year: 2021, stage: 'BUILDING' as const }, { year: 2022, stage: 'PLANNED' as const }];
    expect(checkStageOrder(project, years)).toEqual([
      { field: 'stage', year: 2021, reason: '项目「测试光伏电站」（编号 7）2021 年：阶段不能倒退：2019 年已是“投产”，2021 年却填“在建”' },
      { field: 'stage', year: 2022, reason: '项目「测试光伏电站」（编号 7）2022 年：阶段不能倒退：2021 年已是“在建”，2022 年却填“规划”' },
    ]);
    const blamed = checkStageOrder(project, years.slice(0, 2), (earlier) => earlier);
    expect(blamed).toEqual([{ field: 'stage', year: 2019, reason: '项目「测试光伏电站」（编号 7）2019 年：阶段不能倒退：2019 年填“投产”，而 2021 年才是“在建”' }]);
  });
});
