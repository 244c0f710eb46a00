/**
 * Which findings belong to a year's picture: those raised by a visit on or
 * before the day asked about (asOf, in the year) that were not already
 * rectified before the year began, so a finding still open from last year is
 * counted again, and one rectified during the year is counted as rectified.
 * Its SQL twin is findingInYearSql (finding-sql.ts); the twin test holds them equal.
 */
import type { IsoDate } from './finding-status.js';

export function yearStart(year: number): IsoDate {
  return `${year}-01-01`;
}

export function findingInYear(inspectedOn: IsoDate, rectifiedOn: IsoDate | null, year: number, asOf: IsoDate): boolean {
  return inspectedOn <= asOf && (rectifiedOn === null || rectifiedOn >= yearStart(year));
}
