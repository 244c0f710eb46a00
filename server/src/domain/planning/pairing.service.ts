/** Creating and ending pairings (强村带弱村 …), under the rules of domain/planning.ts. */
import { LockMode } from '@mikro-orm/core';
import { countyOf } from '../../auth/roles.js';
import { Organisation, Pairing, Village } from '../entities.js';
import { PairingKind } from '../enums.js';
import { checkPairing, checkPeriod, enforce, type HelperFacts } from '../planning.js';
import type { Thresholds } from '../rules.js';
import { verdictOf } from './pairing-analysis.service.js';
import { audit, snapshot } from '../audit/audit.service.js';
import { Missing, checkVersion, type EditContext } from './edit.js';

export interface NewPairing {
  kind: PairingKind;
  helperVillageCode?: string | null;
  helperOrganisationId?: number | null;
  helpedVillageCode: string;
  startYear: number;
}

/** Scope checks are the caller's: it passes the county the change touches to `authorise` before anything is written. */
export async function createPairing(c: EditContext, input: NewPairing, t: Thresholds, authorise: (county: string) => void): Promise<Pairing> {
  enforce(checkPeriod('startYear', input.startYear, 'endYear', null));
  const helped = await c.em.findOne(Village, { code: input.helpedVillageCode });
  if (!helped) throw new Missing('Village', input.helpedVillageCode, 'helpedVillageCode');
  authorise(countyOf(helped.code));

  let helper: HelperFacts;
  if (input.helperVillageCode) {
    const village = await c.em.findOne(Village, { code: input.helperVillageCode });
    if (!village) throw new Missing('Village', input.helperVillageCode, 'helperVillageCode');
    helper = { kind: 'village', code: village.code, year: input.startYear, verdict: await verdictOf(c.em, village, input.startYear, t) };
  } else if (input.helperOrganisationId) {
    const organisation = await c.em.findOne(Organisation, { id: input.helperOrganisationId });
    if (!organisation) throw new Missing('Organisation', input.helperOrganisationId, 'helperOrganisationId');
    helper = { kind: 'organisation', id: organisation.id, organisationKind: organisation.kind };
  } else {
    throw new Missing('helper', '(none given)', 'helperVillageCode');
  }
  const duplicate =
    (await c.em.count(Pairing, {
      helpedVillage: helped.code,
      endYear: null,
      ...(helper.kind === 'village' ? { helperVillage: helper.code } : { helperOrganisation: helper.id }),
    })) > 0;
  enforce(checkPairing(input.kind, helper, helped.code, duplicate));

  const pairing = c.em.create(Pairing, {
    kind: input.kind,
    helperVillage: helper.kind === 'village' ? helper.code : null,
    helperOrganisation: helper.kind === 'organisation' ? helper.id : null,
    helpedVillage: helped.code,
    startYear: input.startYear,
    endYear: null,
  });
  await c.em.flush();
  audit(c.em, c.principal, { action: 'createPairing', entity: 'Pairing', entityId: pairing.id, countyCode: countyOf(helped.code), before: null, after: snapshot(pairing) });
  await c.em.flush();
  return pairing;
}

export async function endPairing(c: EditContext, id: number, endYear: number, version: number, authorise: (county: string) => void): Promise<Pairing> {
  const pairing = await c.em.findOne(Pairing, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!pairing) throw new Missing('Pairing', id, 'id');
  const county = countyOf(pairing.helpedVillage.code);
  authorise(county);
  checkVersion('Pairing', id, pairing, version);
  const before = snapshot(pairing);
  enforce(pairing.endYear !== null ? [{ field: 'id', reason: `pairing ${id} already ended in ${pairing.endYear}` }] : checkPeriod('startYear', pairing.startYear, 'endYear', endYear));
  pairing.endYear = endYear;
  await c.em.flush();
  audit(c.em, c.principal, { action: 'endPairing', entity: 'Pairing', entityId: id, countyCode: county, before, after: snapshot(pairing) });
  await c.em.flush();
  return pairing;
}
