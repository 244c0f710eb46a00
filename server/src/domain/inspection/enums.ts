/**
 * 督查整改's enumerations: what a finding is about, and its status on a day
 * (the status itself is computed by findingStatus, never stored).
 */
import type { FindingStatus as FindingStatusName } from './finding-status.js';

export const FindingCategory = {
  PARTY_BUILDING: 'PARTY_BUILDING',
  FUNDS: 'FUNDS',
  PROJECTS: 'PROJECTS',
  ASSISTANCE: 'ASSISTANCE',
  POLICY: 'POLICY',
  CONDUCT: 'CONDUCT',
} as const;
export type FindingCategory = (typeof FindingCategory)[keyof typeof FindingCategory];

/** The categories' names as inspectors write them (问题类别). */
export const FINDING_CATEGORY_ZH: Record<FindingCategory, string> = {
  PARTY_BUILDING: '基层党建',
  FUNDS: '扶贫资金',
  PROJECTS: '项目管理',
  ASSISTANCE: '驻村帮扶',
  POLICY: '政策落实',
  CONDUCT: '作风问题',
};

export const FindingStatus = { OPEN: 'OPEN', RECTIFIED: 'RECTIFIED', OVERDUE: 'OVERDUE' } as const satisfies Record<FindingStatusName, FindingStatusName>;

export const FINDING_STATUS_ZH: Record<FindingStatusName, string> = { OPEN: '未整改', RECTIFIED: '已整改', OVERDUE: '已逾期' };

export function isFindingCategory(value: unknown): value is FindingCategory {
  return typeof value === 'string' && value in FINDING_CATEGORY_ZH;
}
