/**
 * client/src/panels/detail/figure-source: the county panel's line on where
 * its figures come from and how far reported and summed figures differ, in
 * Chinese and English; nothing for a county with village figures only.
 */
import { describe, expect, it } from 'vitest';
import { figureSourceLines } from '../../../client/src/panels/detail/figure-source';
import { figureSourceMessagesFor } from '../../../client/src/panels/detail/figure-source-messages';

const format = { int: (n: number) => n.toLocaleString('en'), points: (n: number) => n.toLocaleString('en', { maximumFractionDigits: 2 }) };
const county = (source: 'REPORTED' | 'FROM_VILLAGES', gap: number | null) => ({
  code: '152501000000',
  figures: { year: 2020, source },
  figureDifferences:
    gap === null
      ? []
      : [{ year: 2020, used: source, reportedPoorPopulation: 1300 + gap, villagesPoorPopulation: 1300, poorPopulationGap: gap, incidenceGap: gap === 0 ? 0 : 0.257 }],
});

describe('the figure-source line', () => {
  it('says nothing for village figures alone', () => {
    expect(figureSourceLines(figureSourceMessagesFor('name'), format, county('FROM_VILLAGES', null))).toEqual([]);
  });

  it('names the source and the gap in Chinese', () => {
    expect(figureSourceLines(figureSourceMessagesFor('name'), format, county('REPORTED', 100)).map((l) => [l.testId, l.text, l.value])).toEqual([
      ['figure-source', '本年数字来自：报送', 'REPORTED'],
      ['figure-difference', '贫困人口报送 1,400，由村汇总 1,300，相差 +100', '100'],
      ['figure-incidence-gap', '贫困发生率相差 +0.26 个百分点', '0.257'],
    ]);
    expect(figureSourceLines(figureSourceMessagesFor('name'), format, county('FROM_VILLAGES', 0)).map((l) => l.text)).toEqual(['本年数字来自：由村汇总', '报送与由村汇总一致']);
  });

  it('and in English, with a reported-only county', () => {
    expect(figureSourceLines(figureSourceMessagesFor('nameEn'), format, county('REPORTED', -20)).map((l) => l.text)).toEqual([
      "This year's figures: reported by the bureau",
      'Poor population reported 1,280, summed from villages 1,300, gap -20',
      'Poverty incidence differs by +0.26 percentage points',
    ]);
    expect(figureSourceLines(figureSourceMessagesFor('nameEn'), format, county('REPORTED', null)).map((l) => l.text)).toEqual(["This year's figures: reported by the bureau"]);
  });
});
