/**
 * Writes a whole RegionDataset (the demo region, or a generated one) into an
 * empty database, in one transaction: either all of it lands or none; then
 * the planner's statistics of what landed (db/statistics.ts).
 * Batch inserts go through MikroORM, so geometry passes the same GeoJSON type
 * as every other write.
 */
import type { EntityClass, EntityManager, RequiredEntityData } from '@mikro-orm/postgresql';
import type { RegionDataset } from '@lingyan/data';
import {
  Alliance,
  AssessmentScheme,
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
} from '../domain/entities.js';
import { refreshStatistics } from '../db/statistics.js';

const CHUNK = 1000;

async function insertChunked<T extends object>(em: EntityManager, entity: EntityClass<T>, rows: RequiredEntityData<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await em.insertMany(entity, rows.slice(i, i + CHUNK));
  }
}

/** True when the database holds no region yet. */
export async function isEmpty(em: EntityManager): Promise<boolean> {
  return (await em.fork().count(Prefecture, {})) === 0;
}

export async function loadDataset(rootEm: EntityManager, d: RegionDataset): Promise<void> {
  await rootEm.fork().transactional(async (em) => {
    const p = d.prefecture;
    await em.insert(Prefecture, { code: p.code, name: p.name, nameEn: p.nameEn, boundary: p.boundary, ...p.thresholds });
    await insertChunked(em, County, d.counties.map(({ prefectureCode, ...c }) => ({ ...c, prefecture: prefectureCode })));
    await insertChunked(em, Township, d.townships.map(({ countyCode, ...t }) => ({ ...t, county: countyCode })));
    await insertChunked(em, Village, d.villages.map(({ townshipCode, ...v }) => ({ ...v, township: townshipCode, alliance: null })));
    await insertChunked(em, VillageYear, d.villageYears.map(({ villageCode, ...y }) => ({ ...y, village: villageCode })));
    await insertChunked(em, Organisation, d.organisations.map(({ villageCode, ...o }) => ({ ...o, village: villageCode })));
    await insertChunked(
      em,
      Alliance,
      d.alliances.map((a) => ({ id: a.id, name: a.name, centre: a.centreVillageCode, platformCompany: a.platformCompanyId, foundedYear: a.foundedYear })),
    );
    for (const a of d.alliances) {
      await em.nativeUpdate(Village, { code: { $in: a.memberVillageCodes } }, { alliance: a.id });
    }
    await insertChunked(em, IndustryProject, d.industryProjects.map(({ villageCode, operatorId, ...x }) => ({ ...x, village: villageCode, operator: operatorId })));
    await insertChunked(em, ProjectYear, d.projectYears.map(({ projectId, ...y }) => ({ ...y, project: projectId })));
    await insertChunked(
      em,
      Pairing,
      d.pairings.map(({ helperVillageCode, helperOrganisationId, helpedVillageCode, ...x }) => ({
        ...x,
        helperVillage: helperVillageCode,
        helperOrganisation: helperOrganisationId,
        helpedVillage: helpedVillageCode,
      })),
    );
    await insertChunked(em, AssistingUnit, d.assistingUnits);
    await insertChunked(em, Assignment, d.assignments.map(({ unitId, villageCode, funds: _funds, ...x }) => ({ ...x, unit: unitId, village: villageCode })));
    await insertChunked(em, AssignmentFund, d.assignments.flatMap((a) => a.funds.map((f) => ({ assignment: a.id, year: f.year, amount: f.amount, committed: f.committed ?? null }))));
    await insertChunked(em, WorkTeam, d.workTeams.map(({ villageCode, dispatchingUnitId, ...x }) => ({ ...x, village: villageCode, dispatchingUnit: dispatchingUnitId })));
    await insertChunked(em, VillagePovertyCause, d.povertyCauses.map(({ villageCode, ...x }) => ({ ...x, village: villageCode })));
    await insertChunked(em, Inspection, d.inspections);
    await insertChunked(em, Finding, d.findings.map(({ inspectionId, ...x }) => ({ ...x, inspection: inspectionId })));
    await insertChunked(em, AssessmentScheme, d.assessmentSchemes);
    // Rows came with their own ids: move each sequence past them.
    for (const table of ['organisation', 'alliance', 'industry_project', 'project_year', 'pairing', 'assisting_unit', 'assignment', 'assignment_fund', 'work_team', 'village_year', 'inspection', 'finding']) {
      await em.execute(`select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`);
    }
  });
  await refreshStatistics(rootEm);
}
