/** Words of a project's progress (项目进度) in its panel, Chinese first. */
import type { ProjectStage } from '../../graphql/documents';
import type { ProgressSource } from './project-progress';

export interface ProgressMessages {
  section: string;
  stages: Record<ProjectStage, string>;
  sources: Record<ProgressSource, string>;
  /** nothing recorded for the project */
  none: string;
  /** the atlas year's line */
  inYear: (year: number, stage: string) => string;
  notInYear: (year: number) => string;
  /** "planned 120.00, delivered 100.00 万元 (83.3%)" */
  funds: (planned: string, delivered: string, percent: string | null) => string;
  jobs: (n: string) => string;
  dividends: (households: string, amount: string) => string;
  shareCapital: (amount: string) => string;
  noDividend: string;
  /** the table */
  tableLabel: string;
  year: string;
  stage: string;
  planned: string;
  delivered: string;
  jobsHead: string;
  dividendsHead: string;
  shareCapitalHead: string;
  /** marks the atlas year's row for screen readers */
  currentYear: string;
  lagging: string;
  /** the by-source toggle */
  showSources: string;
  hideSources: string;
  sourcesLabel: (year: number) => string;
  source: string;
  /** sums over the years */
  totals: (years: number, planned: string, delivered: string, dividends: string, shareCapital: string) => string;
  /** between the parts of the year's line */
  separator: string;
  numberLocale: string;
}

export const progressZhCN: ProgressMessages = {
  section: '项目进度',
  stages: { PLANNED: '规划', BUILDING: '在建', OPERATING: '投产', EFFECTIVE: '见效' },
  sources: { fiscal: '财政', assisting: '帮扶', collective: '村集体', enterprise: '企业', other: '其他' },
  none: '尚无进度记录',
  inYear: (year, stage) => `${year}年：${stage}`,
  notInYear: (year) => `${year}年无进度记录`,
  funds: (planned, delivered, percent) => `计划投资 ${planned} 万元，到位 ${delivered} 万元${percent ? `（${percent}）` : ''}`,
  jobs: (n) => `带动就业 ${n} 人`,
  dividends: (households, amount) => `分红 ${households} 户 ${amount} 万元`,
  shareCapital: (amount) => `股金注入 ${amount} 万元`,
  noDividend: '投产后未分红',
  tableLabel: '历年项目进度（万元）',
  year: '年份',
  stage: '阶段',
  planned: '计划',
  delivered: '到位',
  jobsHead: '就业',
  dividendsHead: '分红',
  shareCapitalHead: '股金',
  currentYear: '（当前年份）',
  lagging: '到位滞后',
  showSources: '按资金来源显示',
  hideSources: '收起资金来源',
  sourcesLabel: (year) => `${year}年资金来源（万元）`,
  source: '来源',
  totals: (years, planned, delivered, dividends, shareCapital) => `${years} 年累计：计划 ${planned} 万元，到位 ${delivered} 万元，分红 ${dividends} 万元，股金注入 ${shareCapital} 万元`,
  separator: '；',
  numberLocale: 'zh-CN',
};

export const progressEn: ProgressMessages = {
  section: 'Project progress',
  stages: { PLANNED: 'Planned', BUILDING: 'Building', OPERATING: 'Operating', EFFECTIVE: 'Effective' },
  sources: { fiscal: 'Fiscal', assisting: 'Assisting units', collective: 'Village collective', enterprise: 'Enterprise', other: 'Other' },
  none: 'No progress recorded yet',
  inYear: (year, stage) => `${year}: ${stage}`,
  notInYear: (year) => `No progress recorded for ${year}`,
  funds: (planned, delivered, percent) => `planned ${planned}, delivered ${delivered} (10k yuan)${percent ? `, ${percent}` : ''}`,
  jobs: (n) => `${n} jobs`,
  dividends: (households, amount) => `dividends to ${households} poor households: ${amount} (10k yuan)`,
  shareCapital: (amount) => `share capital put in: ${amount} (10k yuan)`,
  noDividend: 'no dividend since operating',
  tableLabel: 'Progress by year (10k yuan)',
  year: 'Year',
  stage: 'Stage',
  planned: 'Planned',
  delivered: 'Delivered',
  jobsHead: 'Jobs',
  dividendsHead: 'Dividends',
  shareCapitalHead: 'Shares',
  currentYear: ' (current year)',
  lagging: 'delivery lagging',
  showSources: 'Show by source of funds',
  hideSources: 'Hide sources of funds',
  sourcesLabel: (year) => `Sources of funds, ${year} (10k yuan)`,
  source: 'Source',
  totals: (years, planned, delivered, dividends, shareCapital) =>
    `Over ${years} years: planned ${planned}, delivered ${delivered}, dividends ${dividends}, share capital ${shareCapital} (10k yuan)`,
  separator: '; ',
  numberLocale: 'en',
};

/** The table matching a panel's language (the detail messages say which name field they show). */
export function progressMessagesFor(nameField: 'name' | 'nameEn'): ProgressMessages {
  return nameField === 'nameEn' ? progressEn : progressZhCN;
}
