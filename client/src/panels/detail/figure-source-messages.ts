/** Words of the county panel's figure-source line (数据来源 / 报送与汇总差异), Chinese first. */
import type { FigureSource } from '../../graphql/documents';

export interface FigureSourceMessages {
  section: string;
  /** "数据来源：报送" */
  source: (source: string) => string;
  sources: Record<FigureSource, string>;
  /** reported and summed poor population, and their gap (reported − villages) */
  difference: (reported: string, villages: string, gap: string) => string;
  /** the incidence gap in percentage points, signed */
  incidenceGap: (points: string) => string;
  same: string;
}

const zhCN: FigureSourceMessages = {
  section: '数据来源',
  source: (s) => `本年数字来自：${s}`,
  sources: { REPORTED: '报送', FROM_VILLAGES: '由村汇总' },
  difference: (reported, villages, gap) => `贫困人口报送 ${reported}，由村汇总 ${villages}，相差 ${gap}`,
  incidenceGap: (points) => `贫困发生率相差 ${points} 个百分点`,
  same: '报送与由村汇总一致',
};

const en: FigureSourceMessages = {
  section: 'Source of figures',
  source: (s) => `This year's figures: ${s}`,
  sources: { REPORTED: 'reported by the bureau', FROM_VILLAGES: 'summed from villages' },
  difference: (reported, villages, gap) => `Poor population reported ${reported}, summed from villages ${villages}, gap ${gap}`,
  incidenceGap: (points) => `Poverty incidence differs by ${points} percentage points`,
  same: 'Reported and village figures agree',
};

export function figureSourceMessagesFor(nameField: 'name' | 'nameEn'): FigureSourceMessages {
  return nameField === 'nameEn' ? en : zhCN;
}
