/** Industry projects: create, update, retire — location inside the village's township, investment adding up. */
import { LockMode } from '@mikro-orm/core';
import type { Point } from 'geojson';
import { countyOf } from '../../auth/roles.js';
import { townshipCovers } from '../../spatial/topology.js';
import { IndustryProject, Organisation, Village } from '../entities.js';
import type { IndustryType } from '../enums.js';
import { checkPeriod, checkProject, checkProjectLocation, enforce, type InvestmentSplit } from '../planning.js';
import { audit, snapshot } from '../audit/audit.service.js';
import { Missing, checkVersion, type EditContext } from './edit.js';

export interface ProjectFields extends InvestmentSplit {
  name: string;
  type: IndustryType;
  villageCode: string;
  operatorId?: number | null;
  /** GeoJSON Point, already checked for structure */
  location: Point;
  startYear: number;
  endYear?: number | null;
  beneficiaryHouseholds: number;
  beneficiaryPoorHouseholds: number;
}

async function validate(c: EditContext, f: ProjectFields, authorise: (county: string) => void): Promise<Village> {
  const village = await c.em.findOne(Village, { code: f.villageCode });
  if (!village) throw new Missing('Village', f.villageCode, 'villageCode');
  authorise(countyOf(village.code));
  if (f.operatorId !== undefined && f.operatorId !== null && !(await c.em.count(Organisation, { id: f.operatorId }))) throw new Missing('Organisation', f.operatorId, 'operatorId');
  const covered = await townshipCovers(c.em, village.township.code, JSON.stringify(f.location));
  enforce([...checkProject(f), ...checkProjectLocation(village.code, village.township.code, covered)]);
  return village;
}

function values(f: ProjectFields) {
  const { villageCode, operatorId, ...rest } = f;
  return { ...rest, name: f.name.trim(), endYear: f.endYear ?? null, village: villageCode, operator: operatorId ?? null };
}

export async function createProject(c: EditContext, f: ProjectFields, authorise: (county: string) => void): Promise<IndustryProject> {
  await validate(c, f, authorise);
  const project = c.em.create(IndustryProject, values(f));
  await c.em.flush();
  audit(c.em, c.principal, { action: 'createIndustryProject', entity: 'IndustryProject', entityId: project.id, countyCode: countyOf(f.villageCode), before: null, after: snapshot(project) });
  await c.em.flush();
  return project;
}

async function lockProject(c: EditContext, id: number, version: number, authorise: (county: string) => void): Promise<IndustryProject> {
  const project = await c.em.findOne(IndustryProject, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!project) throw new Missing('IndustryProject', id, 'id');
  authorise(countyOf(project.village.code));
  checkVersion('IndustryProject', id, project, version);
  return project;
}

export async function updateProject(c: EditContext, id: number, version: number, f: ProjectFields, authorise: (county: string) => void): Promise<IndustryProject> {
  const project = await lockProject(c, id, version, authorise);
  const before = snapshot(project);
  await validate(c, f, authorise);
  c.em.assign(project, values(f));
  await c.em.flush();
  audit(c.em, c.principal, { action: 'updateIndustryProject', entity: 'IndustryProject', entityId: id, countyCode: countyOf(f.villageCode), before, after: snapshot(project) });
  await c.em.flush();
  return project;
}

export async function retireProject(c: EditContext, id: number, version: number, endYear: number, authorise: (county: string) => void): Promise<IndustryProject> {
  const project = await lockProject(c, id, version, authorise);
  const before = snapshot(project);
  enforce(project.endYear !== null ? [{ field: 'id', reason: `project ${id} was already retired in ${project.endYear}` }] : checkPeriod('startYear', project.startYear, 'endYear', endYear));
  project.endYear = endYear;
  await c.em.flush();
  audit(c.em, c.principal, { action: 'retireIndustryProject', entity: 'IndustryProject', entityId: id, countyCode: countyOf(project.village.code), before, after: snapshot(project) });
  await c.em.flush();
  return project;
}
