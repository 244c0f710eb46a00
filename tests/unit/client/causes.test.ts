/**
 * client/src/causes: the chart's bars and sentence, the names of a map of
 * CAUSE_SHARE once its cause is known, and the cause in a link.
 */
import { describe, expect, it } from 'vitest';
import { causeBars, causeTotal, causesSummary, withCauseNames } from '../../../client/src/causes/causes';
import { causesEn, causesZhCN } from '../../../client/src/causes/messages';
import { en } from '../../../client/src/app/i18n/en';
import { zhCN } from '../../../client/src/app/i18n/zh-CN';
import { DEFAULT_VIEW, formatView, parseView } from '../../../client/src/state/view-state';

const LIST = [
  { cause: 'ILLNESS' as const, households: 1234, share: 61.7 },
  { cause: 'LACK_OF_WATER' as const, households: 617, share: 30.85 },
  { cause: 'LACK_OF_DRIVE' as const, households: 149, share: 7.45 },
];

describe('the causes chart', () => {
  it('draws the top cause full length and the others in proportion, with households and share', () => {
    const bars = causeBars(causesZhCN, LIST);
    expect(bars.map((b) => [b.cause, b.label, b.width])).toEqual([
      ['ILLNESS', '因病', 100],
      ['LACK_OF_WATER', '缺水', 50],
      ['LACK_OF_DRIVE', '自身发展动力不足', (100 * 149) / 1234],
    ]);
    expect(bars[0]!.text).toBe('1,234 户 · 61.7%');
    expect(causeBars(causesEn, LIST)[1]!.text).toBe('617 households · 30.9%');
    expect(causeBars(causesZhCN, [])).toEqual([]);
  });

  it('says the whole chart in one sentence in either language, and when nothing is recorded', () => {
    expect(causesSummary(causesZhCN, 2018, LIST)).toBe('2018 年贫困户按主要致贫原因：因病 1,234 户，占 61.7%；缺水 617 户，占 30.9%；自身发展动力不足 149 户，占 7.5%。');
    expect(causesSummary(causesEn, 2018, LIST.slice(0, 1))).toBe('Poor households by main cause of poverty in 2018: illness 1,234 households, 61.7%.');
    expect(causesSummary(causesZhCN, 2024, [])).toBe('2024 年没有致贫原因记录');
    expect(causeTotal(causesZhCN, 2018, LIST)).toBe('2018 年有致贫原因记录的贫困户 2,000 户');
  });
});

describe('the names of a map of CAUSE_SHARE', () => {
  it('name the cause in the legend, title and map label, in both languages', () => {
    const zh = withCauseNames(zhCN, causesZhCN, 'CAUSE_SHARE', 'DISASTER');
    expect(zh.metricNames.CAUSE_SHARE).toBe('因灾致贫占比');
    expect(zh.legendTitle('CAUSE_SHARE', '%')).toBe('因灾致贫占比 (%)');
    expect(zh.mapLabel('CAUSE_SHARE')).toBe('旗县因灾致贫占比地图');
    expect(zh.appSubtitle('某盟', 'CAUSE_SHARE')).toBe('某盟 · 旗县因灾致贫占比');
    const english = withCauseNames(en, causesEn, 'CAUSE_SHARE', 'LACK_OF_WATER');
    expect(english.legendTitle('CAUSE_SHARE', '%')).toBe('Poverty from lack of water (share) (%)');
    expect(english.mapLabel('CAUSE_SHARE')).toBe('Map of poverty from lack of water (share) by county');
  });

  it('leave every other metric\'s names as they are', () => {
    expect(withCauseNames(zhCN, causesZhCN, 'POVERTY_INCIDENCE', 'DISASTER')).toBe(zhCN);
    const zh = withCauseNames(zhCN, causesZhCN, 'CAUSE_SHARE', 'ILLNESS');
    expect(zh.legendTitle('POOR_POPULATION', '人')).toBe(zhCN.legendTitle('POOR_POPULATION', '人'));
    expect(zh.metricNames.POVERTY_INCIDENCE).toBe('贫困发生率');
  });
});

describe('the cause in a link', () => {
  it('is written only for a map of CAUSE_SHARE and not for the default cause, and reads back', () => {
    const view = { ...DEFAULT_VIEW, metric: 'CAUSE_SHARE' as const, cause: 'LACK_OF_WATER' as const };
    expect(formatView(view)).toBe('metric=cause_share&cause=lack_of_water');
    expect(parseView(`?${formatView(view)}`).state).toMatchObject({ metric: 'CAUSE_SHARE', cause: 'LACK_OF_WATER' });
    expect(formatView({ ...view, cause: 'ILLNESS' })).toBe('metric=cause_share');
    expect(formatView({ ...view, metric: 'POOR_POPULATION' })).toBe('metric=poor_population');
  });

  it('drops an unknown cause and names it', () => {
    expect(parseView('?metric=cause_share&cause=bad_luck')).toMatchObject({ state: { cause: 'ILLNESS' }, rejected: ['cause'] });
  });
});
