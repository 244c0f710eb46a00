/** The rule on a village-year's cause counts, and the order and shares of a list of causes. */
import { describe, expect, it } from 'vitest';
import { causeCountsProblem, causeShares } from '../../../server/src/domain/causes/poverty-cause.js';

const subject = { villageCode: '152522101201', villageName: '巴彦嘎查', year: 2019, poorHouseholds: 12 };

describe('causeCountsProblem', () => {
  it('accepts counts below and exactly at the poor households, and none at all', () => {
    expect(causeCountsProblem(subject, { ILLNESS: 5, LACK_OF_WATER: 6 })).toBeNull();
    expect(causeCountsProblem(subject, { ILLNESS: 6, LACK_OF_WATER: 6 })).toBeNull();
    expect(causeCountsProblem(subject, {})).toBeNull();
    expect(causeCountsProblem({ ...subject, poorHouseholds: null }, {})).toBeNull();
  });

  it('refuses one household too many, in Chinese with the village, year and both figures', () => {
    expect(causeCountsProblem(subject, { ILLNESS: 7, LACK_OF_WATER: 6 })).toBe('巴彦嘎查（152522101201）2019 年致贫原因户数合计 13 户，超过该村当年贫困户数 12 户');
  });

  it('refuses a count that is not a whole number ≥ 0, an unknown cause and counts without figures', () => {
    expect(causeCountsProblem(subject, { DISASTER: 1.5 })).toBe('巴彦嘎查（152522101201）2019 年：因灾户数应为不小于 0 的整数，而不是 1.5');
    expect(causeCountsProblem(subject, { WAR: 1 } as never)).toMatch(/^巴彦嘎查（152522101201）2019 年：“WAR”不是致贫原因（可选：因病、因残、/);
    expect(causeCountsProblem({ ...subject, poorHouseholds: null }, { ILLNESS: 1 })).toBe('巴彦嘎查（152522101201）2019 年没有年度指标（贫困户数），不能录入致贫原因（合计 1 户）；请先录入该年的指标');
  });
});

describe('causeShares', () => {
  it('lists causes with households, most first, ties in the form\'s order, with shares of their total', () => {
    expect(causeShares({ LACK_OF_DRIVE: 2, DISASTER: 2, ILLNESS: 4, SCHOOLING: 0 })).toEqual([
      { cause: 'ILLNESS', households: 4, share: 50 },
      { cause: 'DISASTER', households: 2, share: 25 },
      { cause: 'LACK_OF_DRIVE', households: 2, share: 25 },
    ]);
    expect(causeShares({})).toEqual([]);
  });
});
