/**
 * The rule of a reported area-year (completeReportedFigures): both
 * populations end up known, derived from the incidence where one is missing,
 * and an incidence that contradicts them is refused with both numbers named.
 */
import { formatMessage } from '@lingyan/data';
import { describe, expect, it } from 'vitest';
import { completeReportedFigures } from '../../../server/src/domain/reported-figures/reported-figures.js';

const complete = (f: Parameters<typeof completeReportedFigures>[0]) => completeReportedFigures(f);

describe('completeReportedFigures', () => {
  it('keeps both populations as given, and an agreeing incidence to its stated decimals', () => {
    const r = complete({ year: 2020, poorPopulation: 300, ruralPopulation: 30100, povertyIncidence: 1.0 });
    expect(r.problems).toEqual([]);
    expect(r.figures).toMatchObject({ poorPopulation: 300, ruralPopulation: 30100, povertyIncidence: 1, households: null, collectiveIncomeTotal: null });
    // 300 / 30100 = 0.9967 %: "1.00" states two decimals and is off by more than half of the last one
    const [mismatch] = complete({ year: 2020, poorPopulation: 300, ruralPopulation: 30100, povertyIncidence: 1.01 }).problems;
    expect(mismatch).toMatchObject({ field: 'povertyIncidence', reason: '贫困发生率 1.01% 与 贫困人口 300 ÷ 农村人口 30100 = 1.00% 不符' });
    // the importer's report in English (--lang en) from the same code
    expect(formatMessage(mismatch!.message!, 'en')).toBe('poverty incidence 1.01% does not agree with poor population 300 ÷ rural population 30100 = 1.00%');
  });

  it('derives the missing population from the incidence, rounded', () => {
    expect(complete({ year: 2019, poorPopulation: 800, povertyIncidence: 2.5 }).figures).toMatchObject({ poorPopulation: 800, ruralPopulation: 32000 });
    expect(complete({ year: 2019, ruralPopulation: 20001, povertyIncidence: 6.5 }).figures).toMatchObject({ poorPopulation: 1300, ruralPopulation: 20001 });
  });

  it('refuses what gives no count, and counts that contradict each other', () => {
    expect(complete({ year: 2019, povertyIncidence: 3 }).problems).toMatchObject([{ field: 'poorPopulation', reason: '只有贫困发生率无法得出人数：请同时给出贫困人口或农村人口' }]);
    expect(complete({ year: 2019, poorPopulation: 10 }).problems).toMatchObject([{ field: 'ruralPopulation', reason: '缺少农村人口：请给出农村人口，或给出贫困发生率以推算' }]);
    expect(complete({ year: 2019, poorPopulation: 10, povertyIncidence: 0 }).problems[0]!.field).toBe('ruralPopulation');
    expect(complete({ year: 2019, poorPopulation: 10, ruralPopulation: 5 }).problems).toMatchObject([{ field: 'poorPopulation', reason: '贫困人口 10 不能多于农村人口 5' }]);
    expect(complete({ year: 2019, poorPopulation: 10, ruralPopulation: 50, poorHouseholds: 11 }).problems.map((p) => p.field)).toEqual(['poorHouseholds']);
    expect(complete({ year: 2019, poorPopulation: 2.5, ruralPopulation: -1, povertyIncidence: 120 }).problems.map((p) => p.field)).toEqual(['ruralPopulation', 'poorPopulation', 'povertyIncidence']);
    expect(complete({ year: 1999, poorPopulation: 1, ruralPopulation: 2 }).problems.map((p) => p.field)).toEqual(['year']);
  });
});
