/** The atlas's assessment helpers: ranking rows, points as written, the export's columns, and the messages in both languages. */
import { describe, expect, it } from 'vitest';
import { en } from '../../../client/src/app/i18n/en';
import { zhCN } from '../../../client/src/app/i18n/zh-CN';
import { assessmentByCode, assessmentCells, assessmentHeader } from '../../../client/src/assessment/export-columns';
import { assessmentEn, assessmentMessagesFor, assessmentZhCN, formatPoints } from '../../../client/src/assessment/messages';
import { rankingRows } from '../../../client/src/assessment/ranking-rows';
import { exportTable } from '../../../client/src/export/layer-tables';
import { parseViews, type RotationProblem } from '../../../client/src/screen/rotation';
import { fakeData, fakeView } from './export-fixtures';

const item = (code: string, score: number, rank: number, grade: 'GOOD' | 'FAIR' | 'AVERAGE' | 'POOR') => ({ code, name: `${code}旗`, nameEn: `${code} Banner`, score, rank, grade });

describe('ranking rows', () => {
  it('writes a shared rank with "=" on every row that shares it, names in the page\'s language, grades in words', () => {
    const items = [item('A', 80, 1, 'GOOD'), item('B', 62.5, 2, 'FAIR'), item('C', 62.5, 2, 'FAIR'), item('D', 41.25, 4, 'POOR')];
    expect(rankingRows(items, 'name', assessmentZhCN).map((r) => [r.rankText, r.name, r.score, r.gradeText])).toEqual([
      ['1', 'A旗', '80', '好'],
      ['=2', 'B旗', '62.5', '较好'],
      ['=2', 'C旗', '62.5', '较好'],
      ['4', 'D旗', '41.25', '差'],
    ]);
    expect(rankingRows(items, 'nameEn', assessmentEn).map((r) => [r.name, r.gradeText])[3]).toEqual(['D Banner', 'Poor']);
  });

  it('writes points with two decimals at most, trailing zeros dropped', () => {
    expect(formatPoints(54.17, 'zh-CN')).toBe('54.17');
    expect(formatPoints(70, 'en')).toBe('70');
    expect(formatPoints(12.5, 'en')).toBe('12.5');
    expect(formatPoints(1234.5, 'en')).toBe('1,234.5');
  });

  it('picks the table of the panel\'s language', () => {
    expect(assessmentMessagesFor('name')).toBe(assessmentZhCN);
    expect(assessmentMessagesFor('nameEn')).toBe(assessmentEn);
    expect(zhCN.assessment).toBe(assessmentZhCN);
    expect(en.assessment).toBe(assessmentEn);
  });

  it('has every word in both languages, Chinese in Chinese and English without Chinese', () => {
    expect(Object.keys(assessmentEn).sort()).toEqual(Object.keys(assessmentZhCN).sort());
    expect(Object.values(assessmentZhCN.grades)).toEqual(['好', '较好', '一般', '差']);
    const han = /[\u4e00-\u9fff]/;
    for (const [key, value] of Object.entries(assessmentEn)) if (typeof value === 'string') expect(value, key).not.toMatch(han);
    expect(assessmentEn.summary('54.17', 11, 11, 'Poor')).toBe('54.17 points, rank 11 of 11, grade: Poor');
    expect(assessmentZhCN.summary('54.17', 11, 11, '差')).toBe('54.17 分，第 11 名（共 11 个），等次：差');
  });
});

describe('assessment columns of the county export', () => {
  const answer = {
    assessment: {
      __typename: 'Assessment' as const,
      year: 2017,
      level: 'COUNTY' as const,
      totalCount: 2,
      scheme: { name: '办法', gradeBands: { good: 65, fair: 58, average: 50 } },
      items: [item('152501000000', 66.5, 1, 'GOOD'), item('152502000000', 49, 2, 'POOR')],
    },
  };

  it('adds 考核得分, 排名 and 等次 after the figures, empty for a county without a score', () => {
    const table = exportTable(fakeView(), 'counties', zhCN.export.menu, { ...fakeData(), assessment: assessmentByCode(answer as never) });
    expect(table.header.slice(-3)).toEqual(['考核得分', '排名', '等次']);
    expect(table.rows.map((r) => r.slice(-3))).toEqual([
      [66.5, 1, '好'],
      [49, 2, '差'],
      [null, null, null],
    ]);
    const english = exportTable({ ...fakeView(), messages: en }, 'counties', en.export.menu, { ...fakeData(), assessment: assessmentByCode(answer as never) });
    expect(english.header.slice(-3)).toEqual(['Score', 'Rank', 'Grade']);
    expect(english.rows[0]!.slice(-3)).toEqual([66.5, 1, 'Good']);
  });

  it('adds nothing when the year has no scheme', () => {
    const table = exportTable(fakeView(), 'counties', zhCN.export.menu, { ...fakeData(), assessment: assessmentByCode({ assessment: null } as never) });
    expect(table.header).toHaveLength(12);
    expect(assessmentHeader('en')).toEqual(['Score', 'Rank', 'Grade']);
    expect(assessmentCells('zh-CN', undefined)).toEqual([null, null, null]);
  });
});

describe('the big screen', () => {
  it('takes the score as a view of its rotation, ranked like any metric (views=2025:assessment_score)', () => {
    const problems: RotationProblem[] = [];
    const [view] = parseViews('2025:assessment_score:policy', 'link', problems);
    expect(problems).toEqual([]);
    expect(view).toMatchObject({ year: 2025, metric: 'ASSESSMENT_SCORE', method: 'POLICY' });
  });
});
