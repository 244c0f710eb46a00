/** Words of early warnings (预警) in the atlas: the list, the KPI, the map layer's legend and the export, Chinese first. */
import type { WarningLevel, WarningRule } from '../graphql/documents';

export interface WarningMessages {
  /** the list's toggle and the KPI's label */
  title: string;
  listTitle(year: number): string;
  close: string;
  levels: Record<WarningLevel, string>;
  rules: Record<WarningRule, string>;
  allRules: string;
  allLevels: string;
  ruleFilter: string;
  levelFilter: string;
  loading: string;
  none(year: number): string;
  /** "n shown of total" */
  shown(n: string, total: string): string;
  more(total: string): string;
  responsible: string;
  /** the levels' counts in words: red / orange / yellow (panels, the KPI's accessible name) */
  kpiLevels(red: string, orange: string, yellow: string): string;
  /** the KPI's label, naming the order of its three figures, short enough for a phone's strip */
  kpiLabel: string;
  openList: string;
  /** the map layer's legend */
  legendItem(level: string, n: string): string;
  legendNote: string;
  /** the panels' section */
  section: string;
  sectionNone(year: number): string;
  sectionMore(n: string): string;
  /** the export menu's CSV */
  csv: string;
  csvHeaders: readonly string[];
}

export const warningsZhCN: WarningMessages = {
  title: '预警',
  listTitle: (year) => `${year}年预警清单`,
  close: '关闭',
  levels: { RED: '红色', ORANGE: '橙色', YELLOW: '黄色' },
  rules: {
    RETURN_RISK: '返贫风险',
    WEAK_UNPAIRED: '弱村无结对',
    HELPER_WEAK: '帮扶村转弱',
    SOFT_LAX_REPEATED: '软弱涣散连续',
    POOR_VILLAGE_UNSTAFFED: '贫困村无工作队',
    PROJECT_NO_POOR_BENEFIT: '项目未带贫',
    FUNDS_BELOW_COMMITMENT: '帮扶资金未到位',
    FINDING_OVERDUE: '整改逾期',
  },
  allRules: '全部规则',
  allLevels: '全部等级',
  ruleFilter: '预警规则',
  levelFilter: '预警等级',
  loading: '正在读取预警…',
  none: (year) => `${year}年没有符合条件的预警。`,
  shown: (n, total) => `显示 ${n} 条，共 ${total} 条`,
  more: (total) => `共 ${total} 条，清单只列出前 500 条；导出可得全部。`,
  responsible: '责任主体',
  kpiLevels: (red, orange, yellow) => `红 ${red} · 橙 ${orange} · 黄 ${yellow}`,
  kpiLabel: '预警 红/橙/黄',
  openList: '打开预警清单',
  legendItem: (level, n) => `${level}预警（${n}处）`,
  legendNote: '红色为三角形，橙色为菱形，黄色为圆形；一处有多条预警时取最高等级。',
  section: '预警',
  sectionNone: (year) => `${year}年没有预警。`,
  sectionMore: (n) => `另有 ${n} 条，见预警清单。`,
  csv: '预警清单（CSV）',
  csvHeaders: ['年份', '预警等级', '预警规则', '旗县', '苏木乡镇', '嘎查村', '预警说明', '责任主体'],
};

export const warningsEn: WarningMessages = {
  title: 'Warnings',
  listTitle: (year) => `Warnings of ${year}`,
  close: 'Close',
  levels: { RED: 'Red', ORANGE: 'Orange', YELLOW: 'Yellow' },
  rules: {
    RETURN_RISK: 'Risk of falling back into poverty',
    WEAK_UNPAIRED: 'Weak village without a pairing',
    HELPER_WEAK: 'Helper village has become weak',
    SOFT_LAX_REPEATED: 'Branch soft and lax years running',
    POOR_VILLAGE_UNSTAFFED: 'Poor village without a work team',
    PROJECT_NO_POOR_BENEFIT: 'Project not benefiting the poor',
    FUNDS_BELOW_COMMITMENT: 'Assistance funds below commitment',
    FINDING_OVERDUE: 'Rectification overdue',
  },
  allRules: 'All rules',
  allLevels: 'All levels',
  ruleFilter: 'Rule',
  levelFilter: 'Level',
  loading: 'Loading warnings…',
  none: (year) => `No warnings match in ${year}.`,
  shown: (n, total) => `${n} shown of ${total}`,
  more: (total) => `${total} in all; the list shows the first 500. Export the CSV for all of them.`,
  responsible: 'Responsible',
  kpiLevels: (red, orange, yellow) => `red ${red} · orange ${orange} · yellow ${yellow}`,
  kpiLabel: 'Warnings R/O/Y',
  openList: 'Open the warnings list',
  legendItem: (level, n) => `${level} warning (${n} places)`,
  legendNote: 'Red as triangles, orange as diamonds, yellow as circles; a place with several warnings shows the most severe.',
  section: 'Warnings',
  sectionNone: (year) => `No warnings in ${year}.`,
  sectionMore: (n) => `${n} more: see the warnings list.`,
  csv: 'Warnings (CSV)',
  csvHeaders: ['Year', 'Level', 'Rule', 'County', 'Township', 'Village', 'Warning', 'Responsible'],
};

export function warningMessagesFor(nameField: 'name' | 'nameEn'): WarningMessages {
  return nameField === 'nameEn' ? warningsEn : warningsZhCN;
}

export function warningMessagesForLocale(numberLocale: string): WarningMessages {
  return numberLocale.startsWith('zh') ? warningsZhCN : warningsEn;
}
