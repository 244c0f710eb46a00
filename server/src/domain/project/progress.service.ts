/** Recording a project's progress for a year (upsert by project and year) and deleting one, as planners of the project's county. */
import { LockMode } from '@mikro-orm/core';
import { countyOf } from '../../auth/roles.js';
import { audit, snapshot } from '../audit/audit.service.js';
import { Missing, checkVersion, type EditContext } from '../planning/edit.js';
import { enforce } from '../planning.js';
import { IndustryProject } from './industry-project.entity.js';
import { checkProjectYear, checkStageOrder, type ProgressFigures, type ProjectFacts } from './progress-rules.js';
import { ProjectYear } from './project-year.entity.js';

export interface ProjectYearFields extends ProgressFigures {
  projectId: number;
  /** required when the year is recorded already */
  version?: number | null;
}

export const factsOf = (p: IndustryProject): ProjectFacts => ({
  id: p.id,
  name: p.name,
  startYear: p.startYear,
  endYear: p.endYear,
  beneficiaryPoorHouseholds: p.beneficiaryPoorHouseholds,
});

async function projectFor(c: EditContext, id: number, authorise: (county: string) => void): Promise<IndustryProject> {
  // Locked: a concurrent change of the project's years or beneficiaries would void the checks.
  const project = await c.em.findOne(IndustryProject, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!project) throw new Missing('IndustryProject', id, 'projectId');
  authorise(countyOf(project.village.code));
  return project;
}

export async function upsertProjectYear(c: EditContext, input: ProjectYearFields, authorise: (county: string) => void): Promise<ProjectYear> {
  const project = await projectFor(c, input.projectId, authorise);
  const facts = factsOf(project);
  const { projectId: _id, version, ...values } = input;
  enforce(checkProjectYear(facts, values));
  const years = await c.em.find(ProjectYear, { project: project.id }, { orderBy: { year: 'asc' } });
  let row = years.find((y) => y.year === input.year) ?? null;
  const others = years.filter((y) => y !== row).map((y) => ({ year: y.year, stage: y.stage }));
  const written = { year: input.year, stage: input.stage };
  enforce(checkStageOrder(facts, [...others, written], (earlier, later) => (earlier === written ? earlier : later)).filter((p) => p.year === input.year));
  const before = snapshot(row);
  if (row) {
    if (version === undefined || version === null) {
      enforce([{ field: 'version', reason: `项目「${project.name}」（编号 ${project.id}）${input.year} 年的进度已有记录（版本 ${row.version}），修改时须带上这个版本` }]);
    }
    checkVersion('ProjectYear', `${project.id}/${input.year}`, row, version!);
    Object.assign(row, values);
  } else {
    row = c.em.create(ProjectYear, { ...values, project: project.id });
  }
  await c.em.flush();
  audit(c.em, c.principal, { action: 'upsertProjectYear', entity: 'ProjectYear', entityId: `${project.id}/${input.year}`, countyCode: countyOf(project.village.code), before, after: snapshot(row) });
  await c.em.flush();
  return row;
}

export async function deleteProjectYear(c: EditContext, projectId: number, year: number, version: number, authorise: (county: string) => void): Promise<IndustryProject> {
  const project = await projectFor(c, projectId, authorise);
  const row = await c.em.findOne(ProjectYear, { project: project.id, year }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!row) throw new Missing('ProjectYear', `${projectId}/${year}`, 'year');
  checkVersion('ProjectYear', `${projectId}/${year}`, row, version);
  // Removing a year keeps the others in order: a sequence that never went back still never does.
  const before = snapshot(row);
  c.em.remove(row);
  await c.em.flush();
  audit(c.em, c.principal, { action: 'deleteProjectYear', entity: 'ProjectYear', entityId: `${projectId}/${year}`, countyCode: countyOf(project.village.code), before, after: null });
  await c.em.flush();
  return project;
}
