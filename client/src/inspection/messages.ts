/** Words of inspections and rectification (督查整改) in the atlas: the map layer, the finding panel, the areas' section and the KPI; Chinese first. */
import type { FindingCategory, FindingStatus } from '../graphql/documents';

export interface FindingMessages {
  statuses: Record<FindingStatus, string>;
  categories: Record<FindingCategory, string>;
  placeKinds: Record<'COUNTY' | 'TOWNSHIP' | 'VILLAGE', string>;
  /** the legend's entries and note */
  legendOpen: (n: number) => string;
  legendOverdue: (n: number) => string;
  legendNote: string;
  /** the panel */
  finding: string;
  status: string;
  deadline: string;
  responsibleUnit: string;
  rectifiedOn: string;
  onTime: string;
  late: string;
  evidence: string;
  noEvidence: string;
  inspection: string;
  inspectedOn: string;
  inspectingUnit: string;
  place: string;
  asOf: (day: string) => string;
  /** the areas' section */
  section: string;
  counts: (c: { open: number; overdue: number; rectified: number; late: number }) => string;
  noFindings: (year: number) => string;
  more: (n: number) => string;
  /** the KPI bar */
  kpi: string;
  /** the tooltip */
  due: (day: string) => string;
  /** the export's table */
  tableName: string;
  columns: Record<'id' | 'placeCode' | 'place' | 'placeKind' | 'category' | 'description' | 'responsibleUnit' | 'inspectedOn' | 'deadline' | 'status' | 'longitude' | 'latitude', string>;
}

const ZH: FindingMessages = {
  statuses: { OPEN: '未整改', OVERDUE: '已逾期', RECTIFIED: '已整改' },
  categories: { PARTY_BUILDING: '基层党建', FUNDS: '扶贫资金', PROJECTS: '项目管理', ASSISTANCE: '驻村帮扶', POLICY: '政策落实', CONDUCT: '作风问题' },
  placeKinds: { COUNTY: '旗县区', TOWNSHIP: '苏木乡镇', VILLAGE: '嘎查村' },
  legendOpen: (n) => `未整改（期限内）（${n} 个）`,
  legendOverdue: (n) => `已逾期（${n} 个）`,
  legendNote: '实心大圆为已逾期，空心圆为期限内未整改；同一地点的多个问题环绕排列。',
  finding: '督查问题',
  status: '整改状态',
  deadline: '整改时限',
  responsibleUnit: '责任单位',
  rectifiedOn: '整改完成日期',
  onTime: '按期整改',
  late: '逾期整改',
  evidence: '整改佐证',
  noEvidence: '尚无整改佐证',
  inspection: '督查',
  inspectedOn: '督查日期',
  inspectingUnit: '督查单位',
  place: '被督查单位',
  asOf: (day) => `截至 ${day}`,
  section: '督查整改',
  counts: ({ open, overdue, rectified, late }) => `未整改 ${open} 个，已逾期 ${overdue} 个，已整改 ${rectified} 个（其中逾期整改 ${late} 个）`,
  noFindings: (year) => `${year} 年无督查问题`,
  more: (n) => `另有 ${n} 个`,
  kpi: '督查问题 未整改/已逾期',
  due: (day) => `整改时限 ${day}`,
  tableName: '督查问题',
  columns: { id: '问题编号', placeCode: '被督查单位代码', place: '被督查单位', placeKind: '层级', category: '问题类别', description: '问题描述', responsibleUnit: '责任单位', inspectedOn: '督查日期', deadline: '整改时限', status: '整改状态', longitude: '经度', latitude: '纬度' },
};

const EN: FindingMessages = {
  statuses: { OPEN: 'Open', OVERDUE: 'Overdue', RECTIFIED: 'Rectified' },
  categories: { PARTY_BUILDING: 'Party building', FUNDS: 'Poverty funds', PROJECTS: 'Project management', ASSISTANCE: 'Village assistance', POLICY: 'Policy implementation', CONDUCT: 'Work style' },
  placeKinds: { COUNTY: 'County', TOWNSHIP: 'Township', VILLAGE: 'Village' },
  legendOpen: (n) => `Open, within deadline (${n})`,
  legendOverdue: (n) => `Overdue (${n})`,
  legendNote: 'Large solid circles are overdue, hollow circles open within the deadline; several findings of one place sit in a ring around it.',
  finding: 'Inspection finding',
  status: 'Status',
  deadline: 'Deadline',
  responsibleUnit: 'Responsible unit',
  rectifiedOn: 'Rectified on',
  onTime: 'on time',
  late: 'late',
  evidence: 'Evidence of rectification',
  noEvidence: 'No evidence yet',
  inspection: 'Inspection',
  inspectedOn: 'Inspected on',
  inspectingUnit: 'Inspecting unit',
  place: 'Place inspected',
  asOf: (day) => `as of ${day}`,
  section: 'Inspections and rectification',
  counts: ({ open, overdue, rectified, late }) => `${open} open, ${overdue} overdue, ${rectified} rectified (${late} of them late)`,
  noFindings: (year) => `No inspection findings in ${year}`,
  more: (n) => `${n} more`,
  kpi: 'Findings open/late',
  due: (day) => `due ${day}`,
  tableName: 'Inspection findings',
  columns: { id: 'Finding id', placeCode: 'Place code', place: 'Place inspected', placeKind: 'Level', category: 'Category', description: 'Finding', responsibleUnit: 'Responsible unit', inspectedOn: 'Inspected on', deadline: 'Deadline', status: 'Status', longitude: 'Longitude', latitude: 'Latitude' },
};

/** The messages of the atlas's language, told by which name field it shows (as the other panels' sections tell it). */
export function findingMessagesFor(nameField: 'name' | 'nameEn'): FindingMessages {
  return nameField === 'nameEn' ? EN : ZH;
}

/** The same, told by a number locale (the KPI bar knows only that). */
export function findingMessagesForLocale(numberLocale: string): FindingMessages {
  return numberLocale.startsWith('zh') ? ZH : EN;
}
