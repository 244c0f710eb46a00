/**
 * 考核办法: a year's scheme — indicators with weights (赋分权重) and a scoring
 * rule each, and the grade bands (等次). Checked here before it is written;
 * the problems are in Chinese, naming the indicator and the field.
 */
import { INDICATOR_BY_KEY, LEVEL_NAMES, type AssessmentLevel } from './indicators.js';

export type ScoringRule = 'LINEAR' | 'THRESHOLD' | 'RANK';
export const SCORING_RULES: readonly ScoringRule[] = ['LINEAR', 'THRESHOLD', 'RANK'];

export interface SchemeIndicator {
  key: string;
  /** points the indicator is worth (赋分权重); a scheme's weights add up to 100 */
  weight: number;
  rule: ScoringRule;
  /** LINEAR: the value worth 0 points (下限) and the value worth the whole weight (目标); floor > target when lower is better */
  floor?: number | null;
  target?: number | null;
  /** THRESHOLD: the value to reach (达标值), in the indicator's good direction */
  threshold?: number | null;
}

/** Lower bounds of the grades, descending: a score ≥ good is 好, ≥ fair 较好, ≥ average 一般, else 差. */
export interface GradeBands {
  good: number;
  fair: number;
  average: number;
}

export interface Scheme {
  name: string;
  indicators: SchemeIndicator[];
  gradeBands: GradeBands;
}

export interface SchemeProblem {
  /** the input field, e.g. "indicators[2].target" */
  field: string;
  message: string;
}

/** The levels every scheme is computed at; village level uses those of its indicators that exist there. */
export const SCHEME_LEVELS: readonly AssessmentLevel[] = ['COUNTY', 'TOWNSHIP'];

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const given = (x: unknown) => x !== null && x !== undefined;
const WEIGHT_TOLERANCE = 1e-6;

/** What is wrong with a scheme to be computed at `levels`; empty when nothing is. */
export function schemeProblems(s: Scheme, levels: readonly AssessmentLevel[] = SCHEME_LEVELS): SchemeProblem[] {
  const problems: SchemeProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!s.name || !s.name.trim()) add('name', '考核办法名称不能为空');
  if (s.indicators.length === 0) add('indicators', '考核办法至少要有一项指标');
  const seen = new Set<string>();
  s.indicators.forEach((item, n) => {
    const at = `indicators[${n}]`;
    const rule = INDICATOR_BY_KEY.get(item.key);
    const label = `第${n + 1}项指标「${rule?.name ?? item.key}」`;
    if (!rule) add(`${at}.key`, `${label}：未知的指标代码 ${item.key}`);
    else {
      for (const level of levels) if (!rule.levels.includes(level)) add(`${at}.key`, `${label}：该指标没有${LEVEL_NAMES[level].zh}级数值`);
    }
    if (seen.has(item.key)) add(`${at}.key`, `${label}：指标重复`);
    seen.add(item.key);
    if (!finite(item.weight) || item.weight <= 0) add(`${at}.weight`, `${label}：权重 weight 必须大于 0`);
    if (!SCORING_RULES.includes(item.rule)) add(`${at}.rule`, `${label}：未知的计分规则 ${item.rule}`);
    if (item.rule === 'LINEAR') {
      if (!finite(item.floor)) add(`${at}.floor`, `${label}：线性计分需要下限 floor`);
      if (!finite(item.target)) add(`${at}.target`, `${label}：线性计分需要目标值 target`);
      if (finite(item.floor) && finite(item.target) && item.floor === item.target) add(`${at}.target`, `${label}：下限 floor 与目标值 target 不能相等（${item.floor}）`);
      if (given(item.threshold)) add(`${at}.threshold`, `${label}：线性计分不用达标值 threshold`);
    } else if (item.rule === 'THRESHOLD') {
      if (!finite(item.threshold)) add(`${at}.threshold`, `${label}：达标计分需要达标值 threshold`);
      if (given(item.floor) || given(item.target)) add(`${at}.floor`, `${label}：达标计分不用下限 floor 和目标值 target`);
    } else if (item.rule === 'RANK') {
      if (given(item.floor) || given(item.target) || given(item.threshold)) add(`${at}.rule`, `${label}：排名计分不用下限、目标值和达标值`);
    }
  });
  const total = s.indicators.reduce((sum, i) => sum + (finite(i.weight) ? i.weight : 0), 0);
  if (s.indicators.length > 0 && Math.abs(total - 100) > WEIGHT_TOLERANCE) add('indicators', `各项指标权重之和须为 100，现为 ${round2(total)}`);
  const { good, fair, average } = s.gradeBands;
  const bands: Array<[keyof GradeBands, string, number]> = [['good', '好', good], ['fair', '较好', fair], ['average', '一般', average]];
  for (const [field, name, v] of bands) if (!finite(v) || v < 0 || v > 100) add(`gradeBands.${field}`, `等次「${name}」的下限须在 0 到 100 之间`);
  if (finite(good) && finite(fair) && !(good > fair)) add('gradeBands.fair', `等次「较好」的下限（${fair}）须低于「好」的下限（${good}）`);
  if (finite(fair) && finite(average) && !(fair > average)) add('gradeBands.average', `等次「一般」的下限（${average}）须低于「较好」的下限（${fair}）`);
  return problems;
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
