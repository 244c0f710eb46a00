/** Words of assessment (考核) in the atlas: the ranking panel and the panels' section, Chinese first. */
import type { AssessmentGrade } from '../graphql/documents';

export interface AssessmentMessages {
  /** the ranking panel's toggle and heading */
  ranking: string;
  close: string;
  levels: { COUNTY: string; TOWNSHIP: string };
  levelLabel: string;
  /** column heads */
  rank: string;
  area: string;
  score: string;
  grade: string;
  grades: Record<AssessmentGrade, string>;
  /** the scheme line under the heading */
  scheme: (name: string) => string;
  noScheme: (year: number) => string;
  loading: string;
  /** the table's accessible summary */
  tableLabel: (year: number, level: string) => string;
  /** the panels' section */
  section: string;
  summary: (score: string, rank: number, of: number, grade: string) => string;
  indicator: string;
  points: string;
  /** "12.5 / 20" */
  pointsOf: (points: string, weight: string) => string;
  missing: string;
  /** which explanation text of a breakdown line to show */
  explanationField: 'explanation' | 'explanationEn';
  numberLocale: string;
}

export const assessmentZhCN: AssessmentMessages = {
  ranking: '考核排名',
  close: '关闭考核排名',
  levels: { COUNTY: '旗县', TOWNSHIP: '苏木乡镇' },
  levelLabel: '考核层级',
  rank: '排名',
  area: '地区',
  score: '考核得分',
  grade: '等次',
  grades: { GOOD: '好', FAIR: '较好', AVERAGE: '一般', POOR: '差' },
  scheme: (name) => `依据：${name}`,
  noScheme: (year) => `${year}年尚无考核办法`,
  loading: '正在计算考核得分…',
  tableLabel: (year, level) => `${year}年${level}考核排名`,
  section: '考核得分',
  summary: (score, rank, of, grade) => `${score} 分，第 ${rank} 名（共 ${of} 个），等次：${grade}`,
  indicator: '指标',
  points: '得分',
  pointsOf: (points, weight) => `${points} / ${weight}`,
  missing: '无数值',
  explanationField: 'explanation',
  numberLocale: 'zh-CN',
};

export const assessmentEn: AssessmentMessages = {
  ranking: 'Assessment ranking',
  close: 'Close the assessment ranking',
  levels: { COUNTY: 'Counties', TOWNSHIP: 'Townships' },
  levelLabel: 'Level assessed',
  rank: 'Rank',
  area: 'Area',
  score: 'Score',
  grade: 'Grade',
  grades: { GOOD: 'Good', FAIR: 'Fairly good', AVERAGE: 'Average', POOR: 'Poor' },
  scheme: (name) => `Scheme: ${name}`,
  noScheme: (year) => `No assessment scheme for ${year}`,
  loading: 'Computing the assessment…',
  tableLabel: (year, level) => `Assessment ranking of ${level.toLowerCase()}, ${year}`,
  section: 'Assessment score',
  summary: (score, rank, of, grade) => `${score} points, rank ${rank} of ${of}, grade: ${grade}`,
  indicator: 'Indicator',
  points: 'Points',
  pointsOf: (points, weight) => `${points} / ${weight}`,
  missing: 'no value',
  explanationField: 'explanationEn',
  numberLocale: 'en',
};

/** The table matching a panel's language (the detail messages say which name field they show). */
export function assessmentMessagesFor(nameField: 'name' | 'nameEn'): AssessmentMessages {
  return nameField === 'nameEn' ? assessmentEn : assessmentZhCN;
}

/** A score or points as shown: two decimals at most, trailing zeros dropped (12.5, 80, 54.17). */
export function formatPoints(value: number, locale: string): string {
  return value.toLocaleString(locale, { minimumFractionDigits: 0, maximumFractionDigits: 2 });
}
