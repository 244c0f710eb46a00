/** Forming and changing alliances (联合党委): centre, members, platform company. */
import { LockMode, ref, type Ref } from '@mikro-orm/core';
import { countyOf } from '../../auth/roles.js';
import { adjacentTownships } from '../../spatial/topology.js';
import { Alliance, Organisation, Village } from '../entities.js';
import { checkAlliance, checkOrganisationKind, checkYear, enforce } from '../planning.js';
import { audit, snapshot } from '../audit/audit.service.js';
import { Missing, checkVersion, type EditContext } from './edit.js';

export interface AllianceInput {
  name: string;
  centreCode: string;
  memberCodes: string[];
  foundedYear: number;
  platformCompanyId?: number | null;
}

async function picture(c: EditContext, a: Alliance): Promise<Record<string, unknown>> {
  const members = await c.em.find(Village, { alliance: a.id }, { orderBy: { code: 'asc' } });
  return { ...snapshot(a), memberCodes: members.map((m) => m.code) };
}

/** Checks the alliance rules for `memberCodes` around `centreCode`, then sets membership. */
async function applyMembers(c: EditContext, allianceId: number | null, centreCode: string, memberCodes: string[], authorise: (county: string) => void): Promise<Village[]> {
  const villages = await c.em.find(Village, { code: { $in: memberCodes } });
  for (const code of memberCodes) if (!villages.some((v) => v.code === code)) throw new Missing('Village', code, 'memberCodes');
  const centre = villages.find((v) => v.code === centreCode) ?? (await c.em.findOne(Village, { code: centreCode }));
  if (!centre) throw new Missing('Village', centreCode, 'centreCode');
  for (const v of villages) authorise(countyOf(v.code));
  const otherAllianceOf = new Map<string, number>();
  for (const v of villages) if (v.alliance && v.alliance.id !== allianceId) otherAllianceOf.set(v.code, v.alliance.id);
  enforce(
    checkAlliance({
      centreCode,
      memberCodes,
      townshipOf: new Map([...villages, centre].map((v) => [v.code, v.township.code])),
      adjacentToCentre: await adjacentTownships(c.em, centre.township.code),
      otherAllianceOf,
    }),
  );
  return villages;
}

async function platform(c: EditContext, id: number | null | undefined): Promise<Ref<Organisation> | null> {
  if (id === null || id === undefined) return null;
  const o = await c.em.findOne(Organisation, { id });
  if (!o) throw new Missing('Organisation', id, 'platformCompanyId');
  enforce(checkOrganisationKind('platformCompanyId', o, 'PLATFORM_COMPANY'));
  return ref(o);
}

export async function createAlliance(c: EditContext, input: AllianceInput, authorise: (county: string) => void): Promise<Alliance> {
  enforce([...checkYear('foundedYear', input.foundedYear), ...(input.name.trim() ? [] : [{ field: 'name', reason: 'must not be empty' }])]);
  const members = await applyMembers(c, null, input.centreCode, input.memberCodes, authorise);
  const alliance = c.em.create(Alliance, { name: input.name.trim(), centre: input.centreCode, platformCompany: await platform(c, input.platformCompanyId), foundedYear: input.foundedYear });
  await c.em.flush();
  for (const m of members) m.alliance = ref(alliance);
  await c.em.flush();
  audit(c.em, c.principal, { action: 'createAlliance', entity: 'Alliance', entityId: alliance.id, countyCode: countyOf(input.centreCode), before: null, after: await picture(c, alliance) });
  await c.em.flush();
  return alliance;
}

export interface AllianceChange {
  id: number;
  version: number;
  name?: string | null;
  centreCode?: string | null;
  platformCompanyId?: number | null;
  /** the whole new member list (centre included); omit to keep the members */
  memberCodes?: string[] | null;
}

/** Updates name, centre, platform company and/or members, checking the rules on the result. */
export async function updateAlliance(c: EditContext, change: AllianceChange, action: string, authorise: (county: string) => void): Promise<Alliance> {
  const alliance = await c.em.findOne(Alliance, { id: change.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!alliance) throw new Missing('Alliance', change.id, 'id');
  authorise(countyOf(alliance.centre.code));
  checkVersion('Alliance', change.id, alliance, change.version);
  const before = await picture(c, alliance);
  const current = (before.memberCodes as string[]) ?? [];
  const centreCode = change.centreCode ?? alliance.centre.code;
  const memberCodes = change.memberCodes ?? current;
  const members = await applyMembers(c, alliance.id, centreCode, memberCodes, authorise);
  if (change.name !== undefined && change.name !== null) {
    enforce(change.name.trim() ? [] : [{ field: 'name', reason: 'must not be empty' }]);
    alliance.name = change.name.trim();
  }
  if (change.platformCompanyId !== undefined) alliance.platformCompany = await platform(c, change.platformCompanyId);
  alliance.centre = c.em.getReference(Village, centreCode, { wrapped: true });
  for (const code of current) {
    if (!memberCodes.includes(code)) {
      const gone = await c.em.findOneOrFail(Village, { code });
      authorise(countyOf(code));
      gone.alliance = null;
    }
  }
  for (const m of members) m.alliance = ref(alliance);
  await c.em.flush();
  // One step of the version per change, also when only membership (village rows) changed;
  // the row is locked and was at the sent version, so the next one is sent + 1.
  await c.em.nativeUpdate(Alliance, { id: alliance.id }, { version: change.version + 1 });
  await c.em.refresh(alliance);
  audit(c.em, c.principal, { action, entity: 'Alliance', entityId: alliance.id, countyCode: countyOf(centreCode), before, after: await picture(c, alliance) });
  await c.em.flush();
  return alliance;
}
