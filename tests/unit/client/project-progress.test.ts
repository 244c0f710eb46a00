/** client/src/panels/detail/project-progress.ts: the lines of a project's progress panel, the atlas year marked, delivery shares and funds by source. */
import { describe, expect, it } from 'vitest';
import { deliveredPercent, focusYear, fundsBySource, progressLines, type ProgressYear } from '../../../client/src/panels/detail/project-progress';
import { progressEn, progressMessagesFor, progressZhCN } from '../../../client/src/panels/detail/progress-messages';

const zero = {
  plannedFiscal: 0, plannedAssisting: 0, plannedCollective: 0, plannedEnterprise: 0, plannedOther: 0,
  deliveredFiscal: 0, deliveredAssisting: 0, deliveredCollective: 0, deliveredEnterprise: 0, deliveredOther: 0,
  jobs: 0, dividendHouseholds: 0, dividendsPoor: 0, shareCapitalPoor: 0,
};
const year = (y: number, stage: ProgressYear['stage'], patch: Partial<ProgressYear>): ProgressYear => {
  const row = { ...zero, year: y, stage, plannedTotal: 0, deliveredTotal: 0, ...patch };
  return {
    ...row,
    plannedTotal: row.plannedFiscal + row.plannedAssisting + row.plannedCollective + row.plannedEnterprise + row.plannedOther,
    deliveredTotal: row.deliveredFiscal + row.deliveredAssisting + row.deliveredCollective + row.deliveredEnterprise + row.deliveredOther,
  };
};
const years = [
  year(2022, 'OPERATING', { plannedAssisting: 24.5, deliveredAssisting: 24.5, dividendsPoor: 3.6 }),
  year(2020, 'PLANNED', { plannedFiscal: 60, plannedAssisting: 25.5, deliveredFiscal: 40.25 }),
  year(2021, 'BUILDING', { plannedFiscal: 60, plannedCollective: 30, deliveredFiscal: 60, deliveredCollective: 10.1, deliveredAssisting: 0.2 }),
];

describe('project progress lines', () => {
  it('orders the years, marks the atlas year, and flags years delivered below plan', () => {
    const lines = progressLines(years, 2021);
    expect(lines.map((l) => [l.year, l.current, l.lagging])).toEqual([[2020, false, true], [2021, true, true], [2022, false, false]]);
    expect(lines.map((l) => l.deliveredPercent)).toEqual([47.1, 78.1, 100]);
    expect(progressLines(years, 2025).some((l) => l.current)).toBe(false);
  });

  it('gives no delivery share when nothing was planned, and more than 100% when more arrived', () => {
    expect(deliveredPercent(0, 5)).toBeNull();
    expect(deliveredPercent(0.001, 0)).toBeNull();
    expect(deliveredPercent(80, 100)).toBe(125);
    expect(deliveredPercent(3, 1)).toBe(33.3);
  });

  it('shows by source the atlas year, else the latest before it, else the first', () => {
    expect(focusYear(years, 2021)?.year).toBe(2021);
    expect(focusYear(years, 2025)?.year).toBe(2022);
    expect(focusYear(years, 2018)?.year).toBe(2020);
    expect(focusYear([], 2021)).toBeNull();
  });

  it('lists only the sources a year planned or received, planned beside delivered', () => {
    expect(fundsBySource(years[2]!)).toEqual([
      { source: 'fiscal', planned: 60, delivered: 60 },
      { source: 'assisting', planned: 0, delivered: 0.2 },
      { source: 'collective', planned: 30, delivered: 10.1 },
    ]);
  });
});

describe('progress messages', () => {
  it('has every stage and source in both languages, chosen by the panel\'s name field', () => {
    expect(progressMessagesFor('name')).toBe(progressZhCN);
    expect(progressMessagesFor('nameEn')).toBe(progressEn);
    expect(Object.values(progressZhCN.stages)).toEqual(['规划', '在建', '投产', '见效']);
    expect(Object.keys(progressEn.stages)).toEqual(Object.keys(progressZhCN.stages));
    expect(Object.keys(progressEn.sources)).toEqual(Object.keys(progressZhCN.sources));
    expect(progressZhCN.funds('120.00', '100.00', '83.3%')).toBe('计划投资 120.00 万元，到位 100.00 万元（83.3%）');
    expect(progressEn.funds('120.00', '100.00', null)).toBe('planned 120.00, delivered 100.00 (10k yuan)');
  });
});
