/** Every MikroORM entity, for the ORM config. */
import 'reflect-metadata';
import { Alliance } from './alliance/alliance.entity.js';
import { AssessmentScheme } from './assessment/assessment-scheme.entity.js';
import { AuditEntry } from './audit/audit-entry.entity.js';
import { Assignment, AssignmentFund } from './assistance/assignment.entity.js';
import { AssistingUnit } from './assistance/assisting-unit.entity.js';
import { VillagePovertyCause } from './causes/village-poverty-cause.entity.js';
import { Finding } from './inspection/finding.entity.js';
import { Inspection } from './inspection/inspection.entity.js';
import { WorkTeam } from './assistance/work-team.entity.js';
import { Organisation } from './organisation/organisation.entity.js';
import { Pairing } from './pairing/pairing.entity.js';
import { IndustryProject } from './project/industry-project.entity.js';
import { ProjectYear } from './project/project-year.entity.js';
import { County } from './region/county.entity.js';
import { Prefecture } from './region/prefecture.entity.js';
import { Township } from './region/township.entity.js';
import { VillageYear } from './village/village-year.entity.js';
import { Village } from './village/village.entity.js';

export {
  Alliance,
  AssessmentScheme,
  AuditEntry,
  Assignment,
  AssignmentFund,
  AssistingUnit,
  County,
  Finding,
  IndustryProject,
  Inspection,
  Organisation,
  Pairing,
  Prefecture,
  ProjectYear,
  Township,
  Village,
  VillagePovertyCause,
  VillageYear,
  WorkTeam,
};

export const entities = [
  Prefecture,
  County,
  Township,
  Village,
  VillageYear,
  Organisation,
  Alliance,
  IndustryProject,
  ProjectYear,
  Pairing,
  AssistingUnit,
  Assignment,
  AssignmentFund,
  WorkTeam,
  AuditEntry,
  AssessmentScheme,
  VillagePovertyCause,
  Inspection,
  Finding,
];
