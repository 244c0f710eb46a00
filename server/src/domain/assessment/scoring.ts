/**
 * Scoring (计分): the points of each indicator by its rule, the total, the
 * rank among the level's areas and the grade, and for every area where each
 * point came from. Pure functions; the indicator values come from SQL
 * (indicator-values.ts).
 */
import { INDICATOR_BY_KEY, LEVEL_NAMES, type AssessmentLevel, type IndicatorRule, type Polarity } from './indicators.js';
import { round2, type GradeBands, type Scheme, type SchemeIndicator, type ScoringRule } from './scheme.js';

export type Grade = 'GOOD' | 'FAIR' | 'AVERAGE' | 'POOR';
export const GRADE_NAMES: Record<Grade, { zh: string; en: string }> = {
  GOOD: { zh: '好', en: 'Good' },
  FAIR: { zh: '较好', en: 'Fairly good' },
  AVERAGE: { zh: '一般', en: 'Average' },
  POOR: { zh: '差', en: 'Poor' },
};

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** LINEAR: weight × clamp((v − floor) / (target − floor), 0, 1); with floor > target lower values score more. */
export function linearPoints(weight: number, value: number, floor: number, target: number): number {
  return weight * clamp01((value - floor) / (target - floor));
}

/** THRESHOLD: whether the value reaches the threshold in the indicator's good direction (the threshold itself passes). */
export function passes(value: number, threshold: number, polarity: Polarity): boolean {
  return polarity === 'HIGHER_IS_BETTER' ? value >= threshold : value <= threshold;
}

/**
 * Competition ranking (1, 2, 2, 4): equal values share a rank and the next
 * rank is skipped. Null values are not ranked.
 */
export function competitionRanks(values: readonly (number | null)[], higherIsBetter: boolean): (number | null)[] {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => (higherIsBetter ? b - a : a - b));
  const first = new Map<number, number>();
  sorted.forEach((v, i) => {
    if (!first.has(v)) first.set(v, i + 1);
  });
  return values.map((v) => (v === null ? null : first.get(v)!));
}

/** RANK: first place gets the whole weight, last place 0, linear between; a lone area gets the whole weight. */
export function rankPoints(weight: number, rank: number, ranked: number): number {
  return ranked <= 1 ? weight : (weight * (ranked - rank)) / (ranked - 1);
}

export function gradeOf(score: number, bands: GradeBands): Grade {
  if (score >= bands.good) return 'GOOD';
  if (score >= bands.fair) return 'FAIR';
  if (score >= bands.average) return 'AVERAGE';
  return 'POOR';
}

/** Where an indicator's points came from (得分说明). */
export interface PointLine {
  key: string;
  name: string;
  nameEn: string;
  unit: string;
  rule: ScoringRule;
  /** the weight in this level's scoring (rescaled to 100 where some indicators do not exist at the level) */
  weight: number;
  value: number | null;
  floor: number | null;
  target: number | null;
  threshold: number | null;
  /** RANK: the place among the areas with a value, and how many they are */
  rank: number | null;
  ranked: number | null;
  points: number;
  /** true when the area has no value: 0 points */
  missing: boolean;
  explanation: string;
  explanationEn: string;
}

export interface AreaResult {
  code: string;
  name: string;
  nameEn: string;
  score: number;
  rank: number;
  grade: Grade;
  breakdown: PointLine[];
}

export interface AreaInput {
  code: string;
  name: string;
  nameEn: string;
  values: ReadonlyMap<string, number | null>;
}

/** The scheme's indicators that exist at the level, each with its weight rescaled so the level's weights add up to 100. */
export function indicatorsAt(scheme: Scheme, level: AssessmentLevel): Array<{ item: SchemeIndicator; rule: IndicatorRule; weight: number }> {
  const used = scheme.indicators.flatMap((item) => {
    const rule = INDICATOR_BY_KEY.get(item.key);
    return rule && rule.levels.includes(level) ? [{ item, rule }] : [];
  });
  const total = used.reduce((s, u) => s + u.item.weight, 0);
  return used.map((u) => ({ ...u, weight: total > 0 ? (u.item.weight * 100) / total : 0 }));
}

const fmt = (x: number) => String(round2(x));

function line(item: SchemeIndicator, rule: IndicatorRule, weight: number, value: number | null, rank: number | null, ranked: number): PointLine {
  const base = {
    key: rule.key,
    name: rule.name,
    nameEn: rule.nameEn,
    unit: rule.unit,
    rule: item.rule,
    weight: round2(weight),
    value,
    floor: item.floor ?? null,
    target: item.target ?? null,
    threshold: item.threshold ?? null,
    rank: item.rule === 'RANK' ? rank : null,
    ranked: item.rule === 'RANK' ? ranked : null,
  };
  const w = fmt(weight);
  if (value === null) {
    return { ...base, points: 0, missing: true, explanation: `无数值，得 0 分（满分 ${w}）`, explanationEn: `no value: 0 of ${w} points` };
  }
  const v = `${fmt(value)}${rule.unit === '%' ? '%' : ` ${rule.unit}`}`;
  const vEn = `${fmt(value)}${rule.unit === '%' ? '%' : ' points'}`;
  let points: number;
  let explanation: string;
  let explanationEn: string;
  if (item.rule === 'LINEAR') {
    const floor = item.floor!;
    const target = item.target!;
    points = round2(linearPoints(weight, value, floor, target));
    const where = (value - floor) / (target - floor);
    const note = where >= 1 ? '，已达目标，得满分' : where <= 0 ? '，未超过下限，得 0 分' : '';
    const noteEn = where >= 1 ? ', target reached: full points' : where <= 0 ? ', not past the floor: 0 points' : '';
    explanation = `数值 ${v}，下限 ${fmt(floor)}、目标 ${fmt(target)}${note}，得 ${fmt(points)} 分（满分 ${w}）`;
    explanationEn = `value ${vEn}, floor ${fmt(floor)}, target ${fmt(target)}${noteEn}: ${fmt(points)} of ${w} points`;
  } else if (item.rule === 'THRESHOLD') {
    const ok = passes(value, item.threshold!, rule.polarity);
    points = ok ? round2(weight) : 0;
    const dir = rule.polarity === 'HIGHER_IS_BETTER' ? '不低于' : '不高于';
    const dirEn = rule.polarity === 'HIGHER_IS_BETTER' ? 'at least' : 'at most';
    explanation = `数值 ${v}，达标值${dir} ${fmt(item.threshold!)}，${ok ? '达标' : '未达标'}，得 ${fmt(points)} 分（满分 ${w}）`;
    explanationEn = `value ${vEn}, must be ${dirEn} ${fmt(item.threshold!)}: ${ok ? 'passed' : 'failed'}, ${fmt(points)} of ${w} points`;
  } else {
    points = round2(rankPoints(weight, rank!, ranked));
    explanation = `数值 ${v}，在 ${ranked} 个有数值的地区中排第 ${rank}，得 ${fmt(points)} 分（满分 ${w}）`;
    explanationEn = `value ${vEn}, ranked ${rank} of ${ranked} areas with a value: ${fmt(points)} of ${w} points`;
  }
  return { ...base, points, missing: false, explanation, explanationEn };
}

/** The scheme has no indicator at the level asked about. */
export class NotAssessable extends Error {
  override name = 'NotAssessable';
}

/**
 * Scores, ranks and grades every area of a level with the scheme: each
 * indicator's points by its rule (a missing value scores 0 and says so),
 * the total (the sum of the lines' points, to 0.01), competition ranks of
 * the totals, and the grade band. Sorted by rank, then code.
 */
export function assessAreas(scheme: Scheme, level: AssessmentLevel, areas: readonly AreaInput[]): AreaResult[] {
  const used = indicatorsAt(scheme, level);
  if (used.length === 0) throw new NotAssessable(`考核办法「${scheme.name}」没有适用于${LEVEL_NAMES[level].zh}级的指标`);
  const ranksOf = new Map(
    used
      .filter((u) => u.item.rule === 'RANK')
      .map((u) => [u.rule.key, competitionRanks(areas.map((a) => a.values.get(u.rule.key) ?? null), u.rule.polarity === 'HIGHER_IS_BETTER')]),
  );
  const rankedCount = new Map([...ranksOf].map(([key, ranks]) => [key, ranks.filter((r) => r !== null).length]));
  const scored = areas.map((a, n) => {
    const breakdown = used.map((u) => line(u.item, u.rule, u.weight, a.values.get(u.rule.key) ?? null, ranksOf.get(u.rule.key)?.[n] ?? null, rankedCount.get(u.rule.key) ?? 0));
    const score = round2(breakdown.reduce((s, l) => s + l.points, 0));
    return { code: a.code, name: a.name, nameEn: a.nameEn, score, breakdown };
  });
  const ranks = competitionRanks(scored.map((s) => s.score), true);
  return scored
    .map((s, n) => ({ ...s, rank: ranks[n]!, grade: gradeOf(s.score, scheme.gradeBands) }))
    .sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
}
