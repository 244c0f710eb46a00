/** The warning settings (defaults, changes, validation) and the pure helpers of the warning rules. */
import { describe, expect, it } from 'vitest';
import { daysBetween, fundsBelowCommitment, returnRisk, softLaxRun } from '../../../server/src/domain/warning/rules.js';
import { DEFAULT_WARNING_SETTINGS, applyWarningSettings, checkWarningSettings, warningSettingsOf } from '../../../server/src/domain/warning/settings.js';

describe('warning settings', () => {
  it('fills what a prefecture left out with the defaults', () => {
    expect(warningSettingsOf(null)).toEqual(DEFAULT_WARNING_SETTINGS);
    const partial = warningSettingsOf({ softLaxYears: 3, levels: { HELPER_WEAK: 'RED' } });
    expect(partial).toMatchObject({ softLaxYears: 3, fundsBelowPercent: 80 });
    expect(partial.levels).toMatchObject({ HELPER_WEAK: 'RED', RETURN_RISK: 'RED', FUNDS_BELOW_COMMITMENT: 'YELLOW' });
  });

  it('a change keeps what it leaves out and never changes the defaults', () => {
    const changed = applyWarningSettings(DEFAULT_WARNING_SETTINGS, { fundsBelowPercent: 90, levels: { RETURN_RISK: 'ORANGE' } });
    expect(changed).toMatchObject({ fundsBelowPercent: 90, softLaxYears: 2 });
    expect(changed.levels.RETURN_RISK).toBe('ORANGE');
    expect(DEFAULT_WARNING_SETTINGS.levels.RETURN_RISK).toBe('RED');
  });

  it('names every bad threshold and level in Chinese, and accepts the bounds themselves', () => {
    expect(checkWarningSettings(DEFAULT_WARNING_SETTINGS)).toEqual([]);
    expect(checkWarningSettings({ ...DEFAULT_WARNING_SETTINGS, softLaxYears: 20, fundsBelowPercent: 1, returnRiskIncidencePoints: 0.01 })).toEqual([]);
    const problems = checkWarningSettings({
      ...DEFAULT_WARNING_SETTINGS,
      softLaxYears: 2.5,
      returnRiskPoorPopulation: 0,
      levels: { ...DEFAULT_WARNING_SETTINGS.levels, WEAK_UNPAIRED: 'PURPLE' as never },
    });
    expect(problems).toEqual([
      '返贫风险的贫困人口增加数（returnRiskPoorPopulation）须为 1 至 1000000 人之间的整数，收到 0',
      '软弱涣散连续年数（softLaxYears）须为 2 至 20 年之间的整数，收到 2.5',
      '弱村无结对（WEAK_UNPAIRED）的预警等级须为 RED、ORANGE 或 YELLOW，收到 PURPLE',
    ]);
  });
});

describe('rule helpers', () => {
  it('counts a soft-and-lax run back from the year; a missing or good year ends it', () => {
    const h = [
      { year: 2020, softLax: true },
      { year: 2022, softLax: true },
      { year: 2023, softLax: true },
      { year: 2024, softLax: false },
    ];
    expect(softLaxRun(h, 2023)).toBe(2);
    expect(softLaxRun(h, 2024)).toBe(0);
    expect(softLaxRun(h, 2020)).toBe(1);
  });

  it('holds an incidence rise at the threshold despite binary rounding (1.3 → 2.3 points)', () => {
    const f = { incidence: 2.3, previousIncidence: 1.3, poorPopulation: 0, previousPoorPopulation: 0 };
    expect(2.3 - 1.3).toBeLessThan(1);
    expect(returnRisk(f, DEFAULT_WARNING_SETTINGS)).toBe(true);
    expect(returnRisk({ ...f, incidence: 2.29 }, DEFAULT_WARNING_SETTINGS)).toBe(false);
    expect(returnRisk({ ...f, incidence: null, poorPopulation: 10 }, DEFAULT_WARNING_SETTINGS)).toBe(true);
  });

  it('compares funds in whole cents: 80 % of the commitment is not short, 0.01 less is', () => {
    expect(fundsBelowCommitment({ delivered: 10, committed: 12.5 }, DEFAULT_WARNING_SETTINGS)).toBe(false);
    expect(fundsBelowCommitment({ delivered: 9.99, committed: 12.5 }, DEFAULT_WARNING_SETTINGS)).toBe(true);
    expect(fundsBelowCommitment({ delivered: 0, committed: 0 }, DEFAULT_WARNING_SETTINGS)).toBe(false);
    expect(daysBetween('2024-12-30', '2024-12-31')).toBe(1);
  });
});
