/**
 * Causes of poverty (致贫原因): each registered poor household has one main
 * cause, and a village's poor households are counted by it, per year.
 * Counts only: no household is named.
 */
import { enumValues } from '../enums.js';

/** The main causes, in the order of the 建档立卡 registration form. */
export const PovertyCause = {
  ILLNESS: 'ILLNESS',
  DISABILITY: 'DISABILITY',
  SCHOOLING: 'SCHOOLING',
  DISASTER: 'DISASTER',
  LACK_OF_LAND: 'LACK_OF_LAND',
  LACK_OF_WATER: 'LACK_OF_WATER',
  LACK_OF_SKILLS: 'LACK_OF_SKILLS',
  LACK_OF_LABOUR: 'LACK_OF_LABOUR',
  LACK_OF_FUNDS: 'LACK_OF_FUNDS',
  POOR_TRANSPORT: 'POOR_TRANSPORT',
  LACK_OF_DRIVE: 'LACK_OF_DRIVE',
} as const;
export type PovertyCause = (typeof PovertyCause)[keyof typeof PovertyCause];

export const POVERTY_CAUSES: readonly PovertyCause[] = enumValues(PovertyCause);

/** Each cause's name as the registration form writes it, and in English. */
export const CAUSE_LABELS: Record<PovertyCause, { zh: string; en: string }> = {
  ILLNESS: { zh: '因病', en: 'Illness' },
  DISABILITY: { zh: '因残', en: 'Disability' },
  SCHOOLING: { zh: '因学', en: 'Schooling costs' },
  DISASTER: { zh: '因灾', en: 'Disaster' },
  LACK_OF_LAND: { zh: '缺土地', en: 'Lack of land' },
  LACK_OF_WATER: { zh: '缺水', en: 'Lack of water' },
  LACK_OF_SKILLS: { zh: '缺技术', en: 'Lack of skills' },
  LACK_OF_LABOUR: { zh: '缺劳力', en: 'Lack of labour' },
  LACK_OF_FUNDS: { zh: '缺资金', en: 'Lack of funds' },
  POOR_TRANSPORT: { zh: '交通条件落后', en: 'Poor transport' },
  LACK_OF_DRIVE: { zh: '自身发展动力不足', en: 'Lack of drive' },
};

export function isPovertyCause(value: unknown): value is PovertyCause {
  return typeof value === 'string' && (POVERTY_CAUSES as readonly string[]).includes(value);
}

export type CauseCounts = Partial<Record<PovertyCause, number>>;

/** The village-year a set of cause counts belongs to, as a message names it. */
export interface CauseSubject {
  villageCode: string;
  villageName: string;
  year: number;
  /** the village-year's registered poor households; null when it has no figures for the year */
  poorHouseholds: number | null;
}

/**
 * The rule for a village-year's cause counts; null when they keep it, else
 * the problem in Chinese, naming the village, the year and the figures.
 *
 * The counts add up to AT MOST the poor households, not exactly to them:
 * a household's main cause is recorded when the household is registered or
 * reviewed, so during a review some are not yet recorded, and the shares the
 * hub shows are of the households WITH a recorded cause. Requiring equality
 * would also make every change of the poor households (figures imported
 * before the causes, a household that exits) refuse until the causes follow.
 * Each count is a whole number ≥ 0; causes without households need no count.
 */
export function causeCountsProblem(s: CauseSubject, counts: CauseCounts): string | null {
  const where = `${s.villageName}（${s.villageCode}）${s.year} 年`;
  for (const [cause, n] of Object.entries(counts)) {
    if (!isPovertyCause(cause)) return `${where}：“${cause}”不是致贫原因（可选：${POVERTY_CAUSES.map((c) => CAUSE_LABELS[c].zh).join('、')}）`;
    if (n === undefined) continue;
    if (!Number.isInteger(n) || n < 0) return `${where}：${CAUSE_LABELS[cause].zh}户数应为不小于 0 的整数，而不是 ${n}`;
  }
  const total = causeTotal(counts);
  if (s.poorHouseholds === null) {
    return total === 0 ? null : `${where}没有年度指标（贫困户数），不能录入致贫原因（合计 ${total} 户）；请先录入该年的指标`;
  }
  if (total > s.poorHouseholds) return `${where}致贫原因户数合计 ${total} 户，超过该村当年贫困户数 ${s.poorHouseholds} 户`;
  return null;
}

/**
 * The same rule seen from the figures: new poor households of a village-year
 * may not fall below the households already recorded by cause (lower the
 * causes first). Null when they keep it.
 */
export function poorBelowCausesProblem(s: CauseSubject & { poorHouseholds: number }, recorded: number): string | null {
  if (recorded <= s.poorHouseholds) return null;
  return `${s.villageName}（${s.villageCode}）${s.year} 年贫困户数 ${s.poorHouseholds} 户，少于已录入的致贫原因户数合计 ${recorded} 户；请先修改该村当年的致贫原因`;
}

export function causeTotal(counts: CauseCounts): number {
  return Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);
}

/** A rule broken by cause counts; its message is for people, in Chinese. */
export class CauseCountsRefused extends Error {
  override name = 'CauseCountsRefused';
}

export interface CauseShare {
  cause: PovertyCause;
  households: number;
  /** % of the households with a recorded cause; null when none has one */
  share: number | null;
}

/**
 * Counts by cause as the API lists them: causes with households, most
 * households first, ties in the form's order; shares of their total.
 * (The SQL of spatial/poverty-causes.ts orders and divides the same way.)
 */
export function causeShares(counts: CauseCounts): CauseShare[] {
  const total = causeTotal(counts);
  return POVERTY_CAUSES.filter((c) => (counts[c] ?? 0) > 0)
    .map((cause) => ({ cause, households: counts[cause]!, share: total > 0 ? (counts[cause]! / total) * 100 : null }))
    .sort((a, b) => b.households - a.households || POVERTY_CAUSES.indexOf(a.cause) - POVERTY_CAUSES.indexOf(b.cause));
}
