/**
 * The warning rules (预警规则), their levels and the thresholds a prefecture
 * sets (prefecture.warning_settings, jsonb; null uses the defaults here).
 *
 * Levels follow the usual three-colour scheme of 预警 in Chinese
 * administration: RED 红色 (act at once: a household may fall back into
 * poverty, a poor village has nobody stationed), ORANGE 橙色 (a standing duty
 * is not met: a weak village alone, a branch lax year after year, a deadline
 * missed), YELLOW 黄色 (watch: a helper weakening, a project not yet reaching
 * the poor, funds short of the commitment). A prefecture may move any rule to
 * another level.
 */

export const WARNING_RULES = [
  'RETURN_RISK',
  'WEAK_UNPAIRED',
  'HELPER_WEAK',
  'SOFT_LAX_REPEATED',
  'POOR_VILLAGE_UNSTAFFED',
  'PROJECT_NO_POOR_BENEFIT',
  'FUNDS_BELOW_COMMITMENT',
  'FINDING_OVERDUE',
] as const;
export type WarningRule = (typeof WARNING_RULES)[number];

/** Most severe first. */
export const WARNING_LEVELS = ['RED', 'ORANGE', 'YELLOW'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

export const LEVEL_NAMES: Record<WarningLevel, { name: string; nameEn: string }> = {
  RED: { name: '红色', nameEn: 'red' },
  ORANGE: { name: '橙色', nameEn: 'orange' },
  YELLOW: { name: '黄色', nameEn: 'yellow' },
};

export interface WarningRuleInfo {
  name: string;
  nameEn: string;
  defaultLevel: WarningLevel;
}

export const RULE_INFO: Record<WarningRule, WarningRuleInfo> = {
  RETURN_RISK: { name: '返贫风险', nameEn: 'Risk of falling back into poverty', defaultLevel: 'RED' },
  WEAK_UNPAIRED: { name: '弱村无结对', nameEn: 'Weak village without a pairing', defaultLevel: 'ORANGE' },
  HELPER_WEAK: { name: '帮扶村转弱', nameEn: 'Helper village has become weak', defaultLevel: 'YELLOW' },
  SOFT_LAX_REPEATED: { name: '软弱涣散连续', nameEn: 'Branch soft and lax years running', defaultLevel: 'ORANGE' },
  POOR_VILLAGE_UNSTAFFED: { name: '贫困村无工作队', nameEn: 'Poor village without a work team', defaultLevel: 'RED' },
  PROJECT_NO_POOR_BENEFIT: { name: '项目未带贫', nameEn: 'Project not benefiting the poor', defaultLevel: 'YELLOW' },
  FUNDS_BELOW_COMMITMENT: { name: '帮扶资金未到位', nameEn: 'Assistance funds below commitment', defaultLevel: 'YELLOW' },
  FINDING_OVERDUE: { name: '整改逾期', nameEn: 'Rectification overdue', defaultLevel: 'ORANGE' },
};

export interface WarningSettings {
  /** 返贫风险: incidence up by at least this many percentage points on the previous year (default 1) */
  returnRiskIncidencePoints: number;
  /** 返贫风险: poor population up by at least this many people on the previous year (default 10) */
  returnRiskPoorPopulation: number;
  /** 软弱涣散连续: soft and lax at least this many years running (default 2) */
  softLaxYears: number;
  /** 帮扶资金未到位: delivered below this share of the commitment, whole percent (default 80) */
  fundsBelowPercent: number;
  /** each rule's level */
  levels: Record<WarningRule, WarningLevel>;
}

export const DEFAULT_WARNING_SETTINGS: WarningSettings = Object.freeze({
  returnRiskIncidencePoints: 1,
  returnRiskPoorPopulation: 10,
  softLaxYears: 2,
  fundsBelowPercent: 80,
  levels: Object.freeze(Object.fromEntries(WARNING_RULES.map((r) => [r, RULE_INFO[r].defaultLevel])) as Record<WarningRule, WarningLevel>),
}) as WarningSettings;

/** What an admin may change; what is left out keeps its current value. */
export type WarningSettingsChange = Partial<Omit<WarningSettings, 'levels'>> & { levels?: Partial<Record<WarningRule, WarningLevel>> };

/** A threshold's bounds and how a person reads it. */
const LIMITS: Record<Exclude<keyof WarningSettings, 'levels'>, { label: string; min: number; max: number; integer: boolean; unit: string }> = {
  returnRiskIncidencePoints: { label: '返贫风险的贫困发生率升幅', min: 0.01, max: 100, integer: false, unit: '个百分点' },
  returnRiskPoorPopulation: { label: '返贫风险的贫困人口增加数', min: 1, max: 1_000_000, integer: true, unit: '人' },
  softLaxYears: { label: '软弱涣散连续年数', min: 2, max: 20, integer: true, unit: '年' },
  fundsBelowPercent: { label: '帮扶资金到位比例下限', min: 1, max: 100, integer: true, unit: '%' },
};

/** What is wrong with the settings, in Chinese, each naming the setting and its allowed range; empty when they are valid. */
export function checkWarningSettings(s: WarningSettings): string[] {
  const problems: string[] = [];
  for (const [key, l] of Object.entries(LIMITS) as Array<[keyof typeof LIMITS, (typeof LIMITS)[keyof typeof LIMITS]]>) {
    const v = s[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < l.min || v > l.max || (l.integer && !Number.isInteger(v))) {
      problems.push(`${l.label}（${key}）须为 ${l.min} 至 ${l.max} ${l.unit}之间的${l.integer ? '整数' : '数'}，收到 ${String(v)}`);
    }
  }
  for (const [rule, level] of Object.entries(s.levels)) {
    if (!(WARNING_RULES as readonly string[]).includes(rule)) problems.push(`没有预警规则 ${rule}`);
    else if (!(WARNING_LEVELS as readonly string[]).includes(level)) problems.push(`${RULE_INFO[rule as WarningRule].name}（${rule}）的预警等级须为 RED、ORANGE 或 YELLOW，收到 ${String(level)}`);
  }
  return problems;
}

/** The settings after a change. */
export function applyWarningSettings(current: WarningSettings, change: WarningSettingsChange): WarningSettings {
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
  const { levels, ...thresholds } = change;
  return { ...current, ...defined(thresholds), levels: { ...current.levels, ...defined(levels ?? {}) } as Record<WarningRule, WarningLevel> };
}

/** The settings a prefecture row holds (null or partial: the defaults fill in). */
export function warningSettingsOf(stored: unknown): WarningSettings {
  if (stored === null || typeof stored !== 'object') return DEFAULT_WARNING_SETTINGS;
  return applyWarningSettings(DEFAULT_WARNING_SETTINGS, stored as WarningSettingsChange);
}
