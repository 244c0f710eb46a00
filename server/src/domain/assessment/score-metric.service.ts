/**
 * The assessment score as a map metric (考核得分): each county's or
 * township's score in a year with a scheme, or in every such year; and the
 * year's grade bands as the map's policy bands (bounds ascending: 一般, 较好, 好).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Prefecture } from '../region/prefecture.entity.js';
import { AssessmentScheme } from './assessment-scheme.entity.js';
import { computeAssessment } from './assessment.service.js';
import type { GradeBands } from './scheme.js';
import { CHOSEN_PREFECTURE } from '../region/chosen-prefecture.js';

const LEVEL = { county: 'COUNTY', township: 'TOWNSHIP' } as const;

/** The inner bounds of the grades, ascending: the lower bounds of 一般, 较好 and 好. */
export const gradeBounds = (b: GradeBands): number[] => [b.average, b.fair, b.good];

export async function assessmentScores(em: EntityManager, level: 'county' | 'township', year: number | null): Promise<Array<{ code: string; year: number; value: number }>> {
  const schemes = await em.find(AssessmentScheme, year === null ? {} : { year }, { orderBy: { year: 'asc' } });
  if (schemes.length === 0) return [];
  const [prefecture] = await em.find(Prefecture, {}, CHOSEN_PREFECTURE);
  if (!prefecture) return [];
  const t = prefecture.getThresholds();
  const out: Array<{ code: string; year: number; value: number }> = [];
  for (const s of schemes) {
    const a = await computeAssessment(em, s.year, LEVEL[level], t);
    for (const r of a?.results ?? []) out.push({ code: r.code, year: s.year, value: r.score });
  }
  return out;
}

/** The grade bounds of the year's scheme, or of the latest scheme when year is null; null without a scheme. */
export async function assessmentGradeBounds(em: EntityManager, year: number | null): Promise<number[] | null> {
  const [s] = await em.find(AssessmentScheme, year === null ? {} : { year }, { orderBy: { year: 'desc' }, limit: 1 });
  return s ? gradeBounds(s.gradeBands) : null;
}
