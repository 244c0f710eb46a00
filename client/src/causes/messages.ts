/**
 * Words of the causes of poverty (致贫原因), in both languages: the causes'
 * names as the registration form writes them, the map metric's name for one
 * cause, and the panels' chart.
 */
import type { PovertyCause } from '../graphql/documents';

export interface CausesMessages {
  numberLocale: string;
  /** each cause's name */
  causeNames: Record<PovertyCause, string>;
  /** the layer panel's select of the cause mapped */
  causeLabel: string;
  /** the map metric for one cause, e.g. 因病致贫占比 */
  shareName(cause: PovertyCause): string;
  /** the chart's heading */
  chartTitle: string;
  /** poor households with a recorded cause, under the heading */
  chartTotal(year: number, households: string): string;
  /** a bar's figures */
  barValue(households: string, share: string): string;
  /** the chart as one sentence, for screen readers */
  chartSummary(year: number, parts: string[]): string;
  /** one cause in that sentence */
  summaryPart(cause: string, households: string, share: string): string;
  /** no records in the year */
  chartEmpty(year: number): string;
}

export const causesZhCN: CausesMessages = {
  numberLocale: 'zh-CN',
  causeNames: {
    ILLNESS: '因病',
    DISABILITY: '因残',
    SCHOOLING: '因学',
    DISASTER: '因灾',
    LACK_OF_LAND: '缺土地',
    LACK_OF_WATER: '缺水',
    LACK_OF_SKILLS: '缺技术',
    LACK_OF_LABOUR: '缺劳力',
    LACK_OF_FUNDS: '缺资金',
    POOR_TRANSPORT: '交通条件落后',
    LACK_OF_DRIVE: '自身发展动力不足',
  },
  causeLabel: '致贫原因',
  shareName: (cause) => `${causesZhCN.causeNames[cause]}致贫占比`,
  chartTitle: '致贫原因',
  chartTotal: (year, households) => `${year} 年有致贫原因记录的贫困户 ${households} 户`,
  barValue: (households, share) => `${households} 户 · ${share}%`,
  chartSummary: (year, parts) => `${year} 年贫困户按主要致贫原因：${parts.join('；')}。`,
  summaryPart: (cause, households, share) => `${cause} ${households} 户，占 ${share}%`,
  chartEmpty: (year) => `${year} 年没有致贫原因记录`,
};

export const causesEn: CausesMessages = {
  numberLocale: 'en',
  causeNames: {
    ILLNESS: 'Illness',
    DISABILITY: 'Disability',
    SCHOOLING: 'Schooling costs',
    DISASTER: 'Disaster',
    LACK_OF_LAND: 'Lack of land',
    LACK_OF_WATER: 'Lack of water',
    LACK_OF_SKILLS: 'Lack of skills',
    LACK_OF_LABOUR: 'Lack of labour',
    LACK_OF_FUNDS: 'Lack of funds',
    POOR_TRANSPORT: 'Poor transport',
    LACK_OF_DRIVE: 'Lack of drive',
  },
  causeLabel: 'Cause of poverty',
  shareName: (cause) => `Poverty from ${causesEn.causeNames[cause].toLowerCase()} (share)`,
  chartTitle: 'Causes of poverty',
  chartTotal: (year, households) => `${households} poor households with a recorded cause in ${year}`,
  barValue: (households, share) => `${households} households · ${share}%`,
  chartSummary: (year, parts) => `Poor households by main cause of poverty in ${year}: ${parts.join('; ')}.`,
  summaryPart: (cause, households, share) => `${cause.toLowerCase()} ${households} households, ${share}%`,
  chartEmpty: (year) => `No causes of poverty recorded for ${year}`,
};

/** The table of the panel's language (panels know their language by the name field they show). */
export const causesMessagesFor = (nameField: 'name' | 'nameEn'): CausesMessages => (nameField === 'nameEn' ? causesEn : causesZhCN);
