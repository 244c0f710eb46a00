/** 考核得分, 排名 and 等次 as columns of the county table of an export, in the export's language. */
import type { AtlasAssessmentQuery } from '../graphql/documents';
import type { CsvValue } from '../export/csv';
import { assessmentEn, assessmentZhCN, type AssessmentMessages } from './messages';

type Item = NonNullable<AtlasAssessmentQuery['assessment']>['items'][number];
export type AssessmentCells = Pick<Item, 'score' | 'rank' | 'grade'>;

/** Each area's score, rank and grade, by code (empty when the year has no scheme). */
export function assessmentByCode(answer: AtlasAssessmentQuery | undefined): ReadonlyMap<string, AssessmentCells> {
  return new Map((answer?.assessment?.items ?? []).map((i) => [i.code, { score: i.score, rank: i.rank, grade: i.grade }]));
}

const messagesFor = (numberLocale: string): AssessmentMessages => (numberLocale.startsWith('zh') ? assessmentZhCN : assessmentEn);

export function assessmentHeader(numberLocale: string): string[] {
  const m = messagesFor(numberLocale);
  return [m.score, m.rank, m.grade];
}

/** The area's cells; empty cells when it has no score (no scheme for the year). */
export function assessmentCells(numberLocale: string, cells: AssessmentCells | undefined): CsvValue[] {
  if (!cells) return [null, null, null];
  return [cells.score, cells.rank, messagesFor(numberLocale).grades[cells.grade]];
}
