/**
 * 整改状态: a finding is RECTIFIED once it has a rectification date (on time
 * when that date is on or before its deadline), OVERDUE when it is still open
 * after its deadline on the day asked about, OPEN otherwise. The database
 * computes the same with finding_status() (migration 000009); the twin test
 * tests/api/finding-status.test.ts holds them equal.
 */

export type FindingStatus = 'OPEN' | 'RECTIFIED' | 'OVERDUE';

/** ISO date (yyyy-mm-dd); compared as text, which orders ISO dates. */
export type IsoDate = string;

export function findingStatus(deadline: IsoDate, rectifiedOn: IsoDate | null, asOf: IsoDate): FindingStatus {
  if (rectifiedOn !== null && rectifiedOn <= asOf) return 'RECTIFIED';
  return deadline < asOf ? 'OVERDUE' : 'OPEN';
}

/** Whether a rectified finding was rectified by its deadline (the deadline day itself counts as on time). */
export function rectifiedOnTime(deadline: IsoDate, rectifiedOn: IsoDate | null): boolean {
  return rectifiedOn !== null && rectifiedOn <= deadline;
}

/**
 * The day a year's picture is taken on: its last day, or today while the year
 * runs. A finding due in a year is judged as of that day.
 */
export function asOfDate(year: number, today: Date = new Date()): IsoDate {
  const todayIso = today.toISOString().slice(0, 10);
  const yearEnd = `${year}-12-31`;
  return todayIso < yearEnd ? todayIso : yearEnd;
}
