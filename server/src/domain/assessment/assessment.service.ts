/** Reading a year's scheme and computing its assessment, and the admins' writes of schemes (audited, versioned per year). */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit, snapshot } from '../audit/audit.service.js';
import { Missing, StaleVersion, checkVersion, type EditContext } from '../planning/edit.js';
import type { Thresholds } from '../rules.js';
import { AssessmentScheme } from './assessment-scheme.entity.js';
import { indicatorValues } from './indicator-values.js';
import type { AssessmentLevel } from './indicators.js';
import { schemeProblems, type Scheme, type SchemeProblem } from './scheme.js';
import { assessAreas, indicatorsAt, type AreaResult } from './scoring.js';

export interface Assessment {
  year: number;
  level: AssessmentLevel;
  scheme: AssessmentScheme;
  /** every area of the level, by rank then code */
  results: AreaResult[];
}

/** The year's assessment at the level; null when the year has no scheme. */
/** `among`: the areas compared (a request's prefecture); default every area of the level held. */
export async function computeAssessment(em: EntityManager, year: number, level: AssessmentLevel, t: Thresholds, today: Date = new Date(), among: (code: string) => boolean = () => true): Promise<Assessment | null> {
  const scheme = await em.findOne(AssessmentScheme, { year });
  if (!scheme) return null;
  const used = indicatorsAt(scheme, level).map((u) => u.rule);
  const areas = used.length === 0 ? [] : (await indicatorValues(em, level, year, used, t, today)).filter((a) => among(a.code));
  return { year, level, scheme, results: assessAreas(scheme, level, areas) };
}

export class SchemeInvalid extends Error {
  override name = 'SchemeInvalid';
  constructor(
    readonly year: number,
    readonly problems: SchemeProblem[],
  ) {
    super(`${year}年考核办法不合格：${problems.map((p) => p.message).join('；')}`);
  }
}

export interface SchemeSave extends Scheme {
  year: number;
  /** the version the admin edited; null or absent to create the year's first scheme */
  version?: number | null;
}

const picture = (s: AssessmentScheme) => {
  const { updatedAt: _, ...rest } = snapshot(s) as Record<string, unknown>;
  return rest;
};

/** Creates the year's scheme or replaces it (the version sent must be the current one). */
export async function saveScheme(c: EditContext, input: SchemeSave): Promise<AssessmentScheme> {
  const scheme: Scheme = { name: input.name.trim(), indicators: input.indicators, gradeBands: input.gradeBands };
  const problems = schemeProblems(scheme);
  if (problems.length > 0) throw new SchemeInvalid(input.year, problems);
  const indicators = scheme.indicators.map((i) => ({ key: i.key, weight: i.weight, rule: i.rule, floor: i.floor ?? null, target: i.target ?? null, threshold: i.threshold ?? null }));
  const existing = await c.em.findOne(AssessmentScheme, { year: input.year }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!existing) {
    if (input.version !== null && input.version !== undefined) throw new StaleVersion('AssessmentScheme', input.year, input.version, 0);
    const created = c.em.create(AssessmentScheme, { year: input.year, name: scheme.name, indicators, gradeBands: { ...scheme.gradeBands } });
    await c.em.flush();
    audit(c.em, c.principal, { action: 'saveAssessmentScheme', entity: 'AssessmentScheme', entityId: input.year, countyCode: null, before: null, after: picture(created) });
    await c.em.flush();
    return created;
  }
  checkVersion('AssessmentScheme', input.year, existing, input.version ?? 0);
  const before = picture(existing);
  existing.name = scheme.name;
  existing.indicators = indicators;
  existing.gradeBands = { ...scheme.gradeBands };
  await c.em.flush();
  audit(c.em, c.principal, { action: 'saveAssessmentScheme', entity: 'AssessmentScheme', entityId: input.year, countyCode: null, before, after: picture(existing) });
  await c.em.flush();
  return existing;
}

/** Deletes the year's scheme (the version sent must be the current one). */
export async function deleteScheme(c: EditContext, year: number, version: number): Promise<void> {
  const existing = await c.em.findOne(AssessmentScheme, { year }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!existing) throw new Missing('AssessmentScheme', year, 'year');
  checkVersion('AssessmentScheme', year, existing, version);
  const before = picture(existing);
  c.em.remove(existing);
  audit(c.em, c.principal, { action: 'deleteAssessmentScheme', entity: 'AssessmentScheme', entityId: year, countyCode: null, before, after: null });
  await c.em.flush();
}
