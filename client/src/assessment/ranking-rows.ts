/** The rows of the ranking table: rank, area name in the page's language, score and grade, as shown. */
import type { AtlasAssessmentQuery } from '../graphql/documents';
import { formatPoints, type AssessmentMessages } from './messages';

type Item = NonNullable<AtlasAssessmentQuery['assessment']>['items'][number];

export interface RankingRow {
  code: string;
  rank: number;
  /** a shared rank is written "=3" on every row that shares it */
  rankText: string;
  name: string;
  score: string;
  grade: Item['grade'];
  gradeText: string;
}

export function rankingRows(items: readonly Item[], nameField: 'name' | 'nameEn', m: AssessmentMessages): RankingRow[] {
  const count = new Map<number, number>();
  for (const i of items) count.set(i.rank, (count.get(i.rank) ?? 0) + 1);
  return items.map((i) => ({
    code: i.code,
    rank: i.rank,
    rankText: (count.get(i.rank) ?? 0) > 1 ? `=${i.rank}` : String(i.rank),
    name: i[nameField],
    score: formatPoints(i.score, m.numberLocale),
    grade: i.grade,
    gradeText: m.grades[i.grade],
  }));
}
