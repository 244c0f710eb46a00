/**
 * The rules of a project's yearly progress (项目进度), pure: one
 * implementation for the API, the importer and the tests. Messages are for
 * the planners and bureaus who filled the figures in: Chinese, naming the
 * project, the year, the field and the figures.
 */
import type { Problem } from '../planning.js';
import { STAGE_NAMES_ZH, pays, stageRank, type ProjectStage } from './project-stage.js';

/** The five sources of a project's funds, as the columns name them (planned_<s>, delivered_<s>). */
export const PROGRESS_SOURCES = ['fiscal', 'assisting', 'collective', 'enterprise', 'other'] as const;
export type ProgressSource = (typeof PROGRESS_SOURCES)[number];
const capital = (s: ProgressSource) => `${s[0]!.toUpperCase()}${s.slice(1)}` as Capitalize<ProgressSource>;
export const plannedField = (s: ProgressSource) => `planned${capital(s)}` as const;
export const deliveredField = (s: ProgressSource) => `delivered${capital(s)}` as const;
export type PlannedField = ReturnType<typeof plannedField>;
export type DeliveredField = ReturnType<typeof deliveredField>;

/** A project's year as the API, the importer and the demo give it. */
export type ProgressFigures = { year: number; stage: ProjectStage; jobs: number; dividendHouseholds: number; dividendsPoor: number; shareCapitalPoor: number } & Record<
  PlannedField | DeliveredField,
  number
>;

/** What the rules need to know of the project. */
export interface ProjectFacts {
  id: number;
  name: string;
  startYear: number;
  endYear: number | null;
  beneficiaryPoorHouseholds: number;
}

const SOURCE_ZH: Readonly<Record<ProgressSource, string>> = { fiscal: '财政资金', assisting: '帮扶资金', collective: '村集体资金', enterprise: '企业资金', other: '其他资金' };

/** Every field's name as a person reads it. */
export const PROGRESS_FIELD_ZH: Readonly<Record<keyof ProgressFigures, string>> = {
  year: '年份',
  stage: '阶段',
  jobs: '带动就业',
  dividendHouseholds: '分红户数',
  dividendsPoor: '分红金额',
  shareCapitalPoor: '股金注入',
  ...(Object.fromEntries(PROGRESS_SOURCES.flatMap((s) => [[plannedField(s), `计划${SOURCE_ZH[s]}`], [deliveredField(s), `到位${SOURCE_ZH[s]}`]])) as Record<PlannedField | DeliveredField, string>),
};

const MONEY_FIELDS = [...PROGRESS_SOURCES.flatMap((s) => [plannedField(s), deliveredField(s)]), 'dividendsPoor', 'shareCapitalPoor'] as const;
const COUNT_FIELDS = ['jobs', 'dividendHouseholds'] as const;

/** 项目「名称」（编号 n）2021 年 */
export const projectYearText = (p: Pick<ProjectFacts, 'id' | 'name'>, year: number) => `项目「${p.name}」（编号 ${p.id}）${year} 年`;
const stageText = (s: ProjectStage) => `“${STAGE_NAMES_ZH[s]}”`;
const periodText = (p: ProjectFacts) => `${p.startYear}–${p.endYear ?? '至今'}`;
const cents = (x: number) => Math.round(x * 100);

/** Planned and delivered totals of a year, 万元, summed in whole cents. */
export function progressTotals(y: Record<PlannedField | DeliveredField, number>): { planned: number; delivered: number } {
  let planned = 0;
  let delivered = 0;
  for (const s of PROGRESS_SOURCES) {
    planned += cents(y[plannedField(s)]);
    delivered += cents(y[deliveredField(s)]);
  }
  return { planned: planned / 100, delivered: delivered / 100 };
}

/** The rules one year obeys alone: within the project's years, figures well formed, dividends only once operating and to at most its poor beneficiaries. */
export function checkProjectYear(p: ProjectFacts, y: ProgressFigures): Problem[] {
  const at = projectYearText(p, y.year);
  const problems: Problem[] = [];
  if (!Number.isInteger(y.year) || y.year < p.startYear || (p.endYear !== null && y.year > p.endYear)) {
    problems.push({ field: 'year', reason: `${at}：年份不在项目年限 ${periodText(p)} 之内` });
  }
  for (const field of MONEY_FIELDS) {
    const v = y[field];
    if (!(Number.isFinite(v) && v >= 0) || Math.abs(v * 100 - cents(v)) > 1e-6) {
      problems.push({ field, reason: `${at}：${PROGRESS_FIELD_ZH[field]}须为不小于 0、至多两位小数的金额（万元），填的是 ${v}` });
    }
  }
  for (const field of COUNT_FIELDS) {
    const v = y[field];
    if (!(Number.isInteger(v) && v >= 0)) problems.push({ field, reason: `${at}：${PROGRESS_FIELD_ZH[field]}须为不小于 0 的整数，填的是 ${v}` });
  }
  if (problems.length) return problems;
  if (!pays(y.stage) && (y.dividendsPoor > 0 || y.dividendHouseholds > 0)) {
    problems.push({
      field: 'dividendsPoor',
      reason: `${at}：阶段为${stageText(y.stage)}，还不能分红（分红金额 ${y.dividendsPoor} 万元、分红户数 ${y.dividendHouseholds} 户）；投产或见效后才有分红`,
    });
  }
  if (y.dividendHouseholds > p.beneficiaryPoorHouseholds) {
    problems.push({ field: 'dividendHouseholds', reason: `${at}：分红户数 ${y.dividendHouseholds} 户超过项目的受益贫困户数 ${p.beneficiaryPoorHouseholds} 户` });
  }
  return problems;
}

export interface StagedYear {
  year: number;
  stage: ProjectStage;
}

/**
 * Where the stage goes back between consecutive years of `years` (any order;
 * a year listed once): one problem per backward step, on the year that
 * `blame` picks (the one being written; default the later one).
 */
export function checkStageOrder<Y extends StagedYear>(p: Pick<ProjectFacts, 'id' | 'name'>, years: readonly Y[], blame: (earlier: Y, later: Y) => Y = (_, later) => later): Array<Problem & { year: number }> {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const problems: Array<Problem & { year: number }> = [];
  for (let i = 1; i < sorted.length; i++) {
    const earlier = sorted[i - 1]!;
    const later = sorted[i]!;
    if (stageRank(later.stage) >= stageRank(earlier.stage)) continue;
    const blamed = blame(earlier, later);
    const reason =
      blamed === later
        ? `${projectYearText(p, later.year)}：阶段不能倒退：${earlier.year} 年已是${stageText(earlier.stage)}，${later.year} 年却填${stageText(later.stage)}`
        : `${projectYearText(p, earlier.year)}：阶段不能倒退：${earlier.year} 年填${stageText(earlier.stage)}，而 ${later.year} 年才是${stageText(later.stage)}`;
    problems.push({ field: 'stage', reason, year: blamed.year });
  }
  return problems;
}
