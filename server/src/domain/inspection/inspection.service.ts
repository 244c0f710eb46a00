/**
 * Planners' changes to visits and findings: the place resolved from its code,
 * the rules (rules.ts), the county's rights, the version check, and the audit
 * entry in the same transaction (edit.ts).
 */
import { LockMode } from '@mikro-orm/core';
import { audit, snapshot } from '../audit/audit.service.js';
import { County, Township, Village } from '../entities.js';
import { enforce } from '../planning.js';
import { Missing, checkVersion, type EditContext } from '../planning/edit.js';
import type { FindingCategory } from './enums.js';
import { Finding } from './finding.entity.js';
import type { IsoDate } from './finding-status.js';
import { Inspection } from './inspection.entity.js';
import { checkFinding, checkInspectedPlace, checkRectification, checkVisit, findingLabel, todayIso, visitLabel, type InspectedPlaceCodes } from './rules.js';

export interface FindingFields {
  category: FindingCategory;
  description: string;
  responsibleUnit: string;
  deadline: IsoDate;
  rectifiedOn?: IsoDate | null;
  evidence?: string | null;
}

export interface InspectionFields {
  inspectedOn: IsoDate;
  inspectingUnit: string;
  /** the county, township or village inspected */
  placeCode: string;
  note?: string | null;
  findings: FindingFields[];
}

type Authorise = (county: string) => void;

/** The county, township and village of a place code, from the database; a refusal names the code. */
export async function resolvePlace(c: EditContext, code: string, field = 'placeCode'): Promise<InspectedPlaceCodes> {
  const village = await c.em.findOne(Village, { code });
  if (village) {
    const township = village.township.code;
    return { countyCode: `${township.slice(0, 6)}000000`, townshipCode: township, villageCode: village.code };
  }
  const township = await c.em.findOne(Township, { code });
  if (township) return { countyCode: township.county.code, townshipCode: township.code, villageCode: null };
  if (await c.em.count(County, { code })) return { countyCode: code, townshipCode: null, villageCode: null };
  enforce([{ field, reason: `被督查单位代码 ${code} 不是本地区的旗县、苏木乡镇或嘎查村` }]);
  throw new Error('unreachable');
}

function findingValues(f: FindingFields) {
  return {
    category: f.category,
    description: f.description.trim(),
    responsibleUnit: f.responsibleUnit.trim(),
    deadline: f.deadline,
    rectifiedOn: f.rectifiedOn ?? null,
    evidence: f.evidence?.trim() || null,
  };
}

function auditPicture(inspection: Inspection, findings: Finding[]) {
  return { ...snapshot(inspection), findings: findings.map((f) => snapshot(f)) };
}

export async function recordInspection(c: EditContext, input: InspectionFields, authorise: Authorise, today = todayIso()): Promise<Inspection> {
  const place = await resolvePlace(c, input.placeCode);
  authorise(place.countyCode);
  const visit = { inspectedOn: input.inspectedOn, inspectingUnit: input.inspectingUnit };
  enforce([
    ...checkInspectedPlace(place),
    ...checkVisit(visit),
    ...input.findings.flatMap((f, i) => checkFinding(visit, findingValues(f), today, `findings[${i}].`, i + 1)),
  ]);
  const inspection = c.em.create(Inspection, { ...place, inspectedOn: input.inspectedOn, inspectingUnit: input.inspectingUnit.trim(), note: input.note?.trim() || null });
  const findings = input.findings.map((f) => c.em.create(Finding, { ...findingValues(f), inspection }));
  await c.em.flush();
  audit(c.em, c.principal, { action: 'recordInspection', entity: 'Inspection', entityId: inspection.id, countyCode: place.countyCode, before: null, after: auditPicture(inspection, findings) });
  await c.em.flush();
  return inspection;
}

async function lockInspection(c: EditContext, id: number, authorise: Authorise): Promise<Inspection> {
  const inspection = await c.em.findOne(Inspection, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!inspection) throw new Missing('Inspection', id, 'inspectionId');
  authorise(inspection.countyCode);
  return inspection;
}

async function lockFinding(c: EditContext, id: number, version: number, authorise: Authorise): Promise<{ finding: Finding; inspection: Inspection }> {
  const finding = await c.em.findOne(Finding, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!finding) throw new Missing('Finding', id, 'id');
  const inspection = await c.em.findOneOrFail(Inspection, { id: finding.inspection.id });
  authorise(inspection.countyCode);
  checkVersion('Finding', id, finding, version);
  return { finding, inspection };
}

export async function addFinding(c: EditContext, inspectionId: number, f: FindingFields, authorise: Authorise, today = todayIso()): Promise<Finding> {
  const inspection = await lockInspection(c, inspectionId, authorise);
  enforce(checkFinding(inspection, findingValues(f), today, 'input.'));
  const finding = c.em.create(Finding, { ...findingValues(f), inspection });
  await c.em.flush();
  audit(c.em, c.principal, { action: 'addFinding', entity: 'Finding', entityId: finding.id, countyCode: inspection.countyCode, before: null, after: snapshot(finding) });
  await c.em.flush();
  return finding;
}

export async function updateFinding(c: EditContext, id: number, version: number, f: FindingFields, authorise: Authorise, today = todayIso()): Promise<Finding> {
  const { finding, inspection } = await lockFinding(c, id, version, authorise);
  const before = snapshot(finding);
  enforce(checkFinding(inspection, findingValues(f), today, 'input.', id));
  c.em.assign(finding, findingValues(f));
  await c.em.flush();
  audit(c.em, c.principal, { action: 'updateFinding', entity: 'Finding', entityId: id, countyCode: inspection.countyCode, before, after: snapshot(finding) });
  await c.em.flush();
  return finding;
}

/** 整改销号: a finding rectified on a day, with its evidence. */
export async function rectifyFinding(c: EditContext, id: number, version: number, rectifiedOn: IsoDate, evidence: string, authorise: Authorise, today = todayIso()): Promise<Finding> {
  const { finding, inspection } = await lockFinding(c, id, version, authorise);
  const before = snapshot(finding);
  const label = `${visitLabel(inspection)}的${findingLabel(finding, id)}`;
  enforce(checkRectification(inspection, { rectifiedOn, evidence }, today, '', label));
  c.em.assign(finding, { rectifiedOn, evidence: evidence.trim() });
  await c.em.flush();
  audit(c.em, c.principal, { action: 'rectifyFinding', entity: 'Finding', entityId: id, countyCode: inspection.countyCode, before, after: snapshot(finding) });
  await c.em.flush();
  return finding;
}

/** Deletes a visit and its findings (a visit recorded by mistake). */
export async function deleteInspection(c: EditContext, id: number, version: number, authorise: Authorise): Promise<void> {
  const inspection = await lockInspection(c, id, authorise);
  checkVersion('Inspection', id, inspection, version);
  const findings = await c.em.find(Finding, { inspection: id }, { orderBy: { id: 'asc' } });
  const before = auditPicture(inspection, findings);
  c.em.remove([...findings, inspection]);
  await c.em.flush();
  audit(c.em, c.principal, { action: 'deleteInspection', entity: 'Inspection', entityId: id, countyCode: inspection.countyCode, before, after: null });
  await c.em.flush();
}
