/** Assessment scoring and scheme checks against hand-computed cases (pure functions, no database). */
import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../../../server/src/domain/assessment/indicators.js';
import { schemeProblems, type Scheme } from '../../../server/src/domain/assessment/scheme.js';
import { assessAreas, competitionRanks, gradeOf, indicatorsAt, linearPoints, NotAssessable, passes, rankPoints } from '../../../server/src/domain/assessment/scoring.js';

const BANDS = { good: 90, fair: 80, average: 60 };

describe('scoring rules', () => {
  it('LINEAR: 0 at the floor, the whole weight at the target, capped past it, linear between', () => {
    expect(linearPoints(20, 5, 5, 10)).toBe(0);
    expect(linearPoints(20, 10, 5, 10)).toBe(20);
    expect(linearPoints(20, 15, 5, 10)).toBe(20);
    expect(linearPoints(20, 2, 5, 10)).toBe(0);
    expect(linearPoints(20, 7.5, 5, 10)).toBe(10);
  });

  it('LINEAR with the floor above the target scores lower values more (lower is better)', () => {
    expect(linearPoints(30, 10, 10, 2)).toBe(0);
    expect(linearPoints(30, 2, 10, 2)).toBe(30);
    expect(linearPoints(30, 0.5, 10, 2)).toBe(30);
    expect(linearPoints(30, 6, 10, 2)).toBe(15);
    expect(linearPoints(30, 12, 10, 2)).toBe(0);
  });

  it('THRESHOLD passes at the threshold itself, in the good direction only', () => {
    expect(passes(50, 50, 'HIGHER_IS_BETTER')).toBe(true);
    expect(passes(49.99, 50, 'HIGHER_IS_BETTER')).toBe(false);
    expect(passes(3, 3, 'HIGHER_IS_WORSE')).toBe(true);
    expect(passes(3.01, 3, 'HIGHER_IS_WORSE')).toBe(false);
  });

  it('ranks ties equally and skips the next rank (competition ranking); nulls are not ranked', () => {
    expect(competitionRanks([70, 90, 80, 90, null, 10], true)).toEqual([4, 1, 3, 1, null, 5]);
    expect(competitionRanks([3, 1, 1, 2], false)).toEqual([4, 1, 1, 3]);
  });

  it('RANK points: first the whole weight, last 0, linear between; a lone area the whole weight', () => {
    expect(rankPoints(30, 1, 4)).toBe(30);
    expect(rankPoints(30, 4, 4)).toBe(0);
    expect(rankPoints(30, 2, 4)).toBe(20);
    expect(rankPoints(30, 1, 1)).toBe(30);
  });

  it('grades at the band edges: a bound belongs to the higher grade', () => {
    expect(gradeOf(90, BANDS)).toBe('GOOD');
    expect(gradeOf(89.99, BANDS)).toBe('FAIR');
    expect(gradeOf(80, BANDS)).toBe('FAIR');
    expect(gradeOf(60, BANDS)).toBe('AVERAGE');
    expect(gradeOf(59.99, BANDS)).toBe('POOR');
    expect(gradeOf(0, BANDS)).toBe('POOR');
  });
});

describe('assessAreas', () => {
  const scheme: Scheme = {
    name: '测试办法',
    gradeBands: BANDS,
    indicators: [
      { key: 'POVERTY_INCIDENCE', weight: 40, rule: 'LINEAR', floor: 10, target: 2 },
      { key: 'SECRETARY_IS_DIRECTOR_SHARE', weight: 30, rule: 'THRESHOLD', threshold: 50 },
      { key: 'INCOME_TARGET_SHARE', weight: 30, rule: 'RANK' },
    ],
  };
  const area = (code: string, incidence: number | null, secretary: number | null, target: number | null) => ({
    code,
    name: code,
    nameEn: code,
    values: new Map([
      ['POVERTY_INCIDENCE', incidence],
      ['SECRETARY_IS_DIRECTOR_SHARE', secretary],
      ['INCOME_TARGET_SHARE', target],
    ]),
  });

  it('adds up each indicator\'s points, ranks with ties, grades and explains every point', () => {
    const results = assessAreas(scheme, 'COUNTY', [
      area('A', 2, 50, 80), // 40 + 30 + 30 (rank 1 of 5) = 100
      area('B', 6, 49, 60), // 20 + 0 + 22.5 (rank 2, tied with D: 30 × 3 / 4) = 42.5
      area('C', 1, 60, 40), // 40 + 30 + 7.5 (rank 4, tied with E; rank 3 skipped: 30 × 1 / 4) = 77.5
      area('D', 10, 50, 60), // 0 + 30 + 22.5 = 52.5
      area('E', null, 80, 40), // 0 (missing) + 30 + 7.5 = 37.5
    ]);
    const byCode = new Map(results.map((r) => [r.code, r]));
    expect(byCode.get('A')!.score).toBe(100);
    expect(byCode.get('C')!.score).toBe(77.5);
    expect(byCode.get('D')!.score).toBe(52.5);
    expect(byCode.get('B')!.score).toBe(42.5);
    expect(byCode.get('E')!.score).toBe(37.5);
    expect(results.map((r) => [r.code, r.rank, r.grade])).toEqual([
      ['A', 1, 'GOOD'],
      ['C', 2, 'AVERAGE'],
      ['D', 3, 'POOR'],
      ['B', 4, 'POOR'],
      ['E', 5, 'POOR'],
    ]);
    const e = byCode.get('E')!.breakdown;
    expect(e[0]).toMatchObject({ key: 'POVERTY_INCIDENCE', value: null, points: 0, missing: true, weight: 40 });
    expect(e[0]!.explanation).toContain('无数值');
    expect(e[0]!.explanationEn).toContain('no value');
    const c = byCode.get('C')!.breakdown;
    expect(c[0]).toMatchObject({ points: 40, floor: 10, target: 2 });
    expect(c[0]!.explanation).toContain('已达目标');
    expect(c[2]).toMatchObject({ rule: 'RANK', rank: 4, ranked: 5, points: 7.5 });
    expect(byCode.get('B')!.breakdown[1]).toMatchObject({ rule: 'THRESHOLD', threshold: 50, points: 0 });
    expect(byCode.get('B')!.breakdown[1]!.explanation).toContain('未达标');
    expect(byCode.get('D')!.breakdown[0]!.explanation).toContain('未超过下限');
    for (const r of results) expect(r.score).toBeCloseTo(r.breakdown.reduce((s, l) => s + l.points, 0), 9);
  });

  it('gives equal totals one rank and skips the next', () => {
    const results = assessAreas(scheme, 'COUNTY', [area('A', 2, 60, 50), area('B', 2, 60, 50), area('C', 10, 0, 10)]);
    expect(results.map((r) => [r.code, r.rank, r.score])).toEqual([
      ['A', 1, 100],
      ['B', 1, 100],
      ['C', 3, 0],
    ]);
  });

  it('at village level keeps the indicators that exist there, their weights rescaled to 100', () => {
    const used = indicatorsAt(scheme, 'VILLAGE');
    expect(used.map((u) => [u.rule.key, u.weight])).toEqual([['POVERTY_INCIDENCE', 100]]);
    const [r] = assessAreas(scheme, 'VILLAGE', [area('V', 6, null, null)]);
    expect(r!.breakdown).toHaveLength(1);
    expect(r!.score).toBe(50);
    const none: Scheme = { ...scheme, indicators: [{ key: 'SECRETARY_IS_DIRECTOR_SHARE', weight: 100, rule: 'THRESHOLD', threshold: 50 }] };
    expect(() => assessAreas(none, 'VILLAGE', [])).toThrow(NotAssessable);
    expect(() => assessAreas(none, 'VILLAGE', [])).toThrow('没有适用于嘎查村级的指标');
  });
});

describe('schemeProblems', () => {
  const good: Scheme = {
    name: '2025年考核办法',
    gradeBands: BANDS,
    indicators: [
      { key: 'POVERTY_INCIDENCE', weight: 60, rule: 'LINEAR', floor: 5, target: 1 },
      { key: 'FUNDS_DELIVERED', weight: 40, rule: 'THRESHOLD', threshold: 100 },
    ],
  };
  const fields = (s: Scheme, levels?: Parameters<typeof schemeProblems>[1]) => schemeProblems(s, levels).map((p) => p.field);

  it('accepts a sound scheme', () => {
    expect(schemeProblems(good)).toEqual([]);
  });

  it('refuses weights that are not positive or do not add up to 100, naming the indicator', () => {
    const s = { ...good, indicators: [{ ...good.indicators[0]!, weight: 0 }, good.indicators[1]!] };
    const problems = schemeProblems(s);
    expect(problems.map((p) => p.field)).toEqual(['indicators[0].weight', 'indicators']);
    expect(problems[0]!.message).toBe('第1项指标「贫困发生率」：权重 weight 必须大于 0');
    expect(problems[1]!.message).toBe('各项指标权重之和须为 100，现为 40');
  });

  it('refuses an unknown key, a duplicate, and a key without values at a level asked', () => {
    const s: Scheme = { ...good, indicators: [{ key: 'NOPE', weight: 50, rule: 'RANK' }, { key: 'NOPE', weight: 50, rule: 'RANK' }] };
    expect(schemeProblems(s).map((p) => p.message)).toEqual(['第1项指标「NOPE」：未知的指标代码 NOPE', '第2项指标「NOPE」：未知的指标代码 NOPE', '第2项指标「NOPE」：指标重复']);
    const village: Scheme = { ...good, indicators: [{ key: 'WEAK_PAIRING_COVERAGE', weight: 100, rule: 'RANK' }] };
    expect(schemeProblems(village, ['VILLAGE'])).toEqual([{ field: 'indicators[0].key', message: '第1项指标「弱村结对覆盖率」：该指标没有嘎查村级数值' }]);
    expect(schemeProblems(village)).toEqual([]);
  });

  it('refuses floor equal to target, a missing target, and fields the rule does not use', () => {
    expect(schemeProblems({ ...good, indicators: [{ key: 'POVERTY_INCIDENCE', weight: 100, rule: 'LINEAR', floor: 3, target: 3 }] })).toEqual([
      { field: 'indicators[0].target', message: '第1项指标「贫困发生率」：下限 floor 与目标值 target 不能相等（3）' },
    ]);
    expect(fields({ ...good, indicators: [{ key: 'POVERTY_INCIDENCE', weight: 100, rule: 'LINEAR', floor: 3 }] })).toEqual(['indicators[0].target']);
    expect(fields({ ...good, indicators: [{ key: 'POVERTY_INCIDENCE', weight: 100, rule: 'THRESHOLD', floor: 3 }] })).toEqual(['indicators[0].threshold', 'indicators[0].floor']);
    expect(fields({ ...good, indicators: [{ key: 'POVERTY_INCIDENCE', weight: 100, rule: 'RANK', threshold: 3 }] })).toEqual(['indicators[0].rule']);
  });

  it('refuses grade bands that do not descend within 0–100, and an empty name', () => {
    expect(fields({ ...good, gradeBands: { good: 80, fair: 80, average: 60 } })).toEqual(['gradeBands.fair']);
    expect(fields({ ...good, gradeBands: { good: 101, fair: 80, average: 85 } })).toEqual(['gradeBands.good', 'gradeBands.average']);
    expect(fields({ ...good, gradeBands: { good: 90, fair: 80, average: -1 } })).toEqual(['gradeBands.average']);
    expect(schemeProblems({ ...good, name: '  ' })).toEqual([{ field: 'name', message: '考核办法名称不能为空' }]);
  });

  it('the registry has one line per key, each with names, unit and levels', () => {
    expect(new Set(INDICATORS.map((i) => i.key)).size).toBe(INDICATORS.length);
    for (const i of INDICATORS) {
      expect(i.name.length).toBeGreaterThan(0);
      expect(i.nameEn.length).toBeGreaterThan(0);
      expect(i.levels).toContain('COUNTY');
      expect(i.levels).toContain('TOWNSHIP');
    }
  });
});
