/** Recording a village's figures for a year (upsert by village and year). */
import { LockMode } from '@mikro-orm/core';
import { countyOf } from '../../auth/roles.js';
import { Village, VillageYear } from '../entities.js';
import type { BranchRating } from '../enums.js';
import { checkVillageFigures, enforce, type VillageFigures } from '../planning.js';
import { audit, snapshot } from '../audit/audit.service.js';
import { Missing, checkVersion, type EditContext } from './edit.js';
import { poorBelowCausesProblem } from '../causes/poverty-cause.js';
import { recordedCauseTotals } from '../../spatial/poverty-causes.js';

export interface FiguresInput extends VillageFigures {
  villageCode: string;
  secretaryIsDirector: boolean;
  softLax: boolean;
  branchRating: BranchRating;
  /** required when figures for the year exist already */
  version?: number | null;
}

export async function upsertVillageYear(c: EditContext, input: FiguresInput, authorise: (county: string) => void): Promise<VillageYear> {
  const village = await c.em.findOne(Village, { code: input.villageCode });
  if (!village) throw new Missing('Village', input.villageCode, 'villageCode');
  const county = countyOf(village.code);
  authorise(county);
  enforce(checkVillageFigures(input));
  const { villageCode: _code, version, ...values } = input;
  let row = await c.em.findOne(VillageYear, { village: village.code, year: input.year }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const before = snapshot(row);
  if (row) {
    if (version === undefined || version === null) {
      enforce([{ field: 'version', reason: `figures of ${village.code} for ${input.year} exist already (version ${row.version}); send that version to change them` }]);
    }
    checkVersion('VillageYear', `${village.code}/${input.year}`, row, version!);
    // The causes of poverty recorded for the year must still fit (domain/causes/poverty-cause.ts).
    const recorded = (await recordedCauseTotals(c.em, [{ villageCode: village.code, year: input.year }])).get(`${village.code}/${input.year}`) ?? 0;
    const fewer = poorBelowCausesProblem({ villageCode: village.code, villageName: village.name, year: input.year, poorHouseholds: input.poorHouseholds }, recorded);
    if (fewer) enforce([{ field: 'poorHouseholds', reason: fewer }]);
    Object.assign(row, values);
  } else {
    row = c.em.create(VillageYear, { ...values, village: village.code });
  }
  await c.em.flush();
  audit(c.em, c.principal, { action: 'upsertVillageYear', entity: 'VillageYear', entityId: `${village.code}/${input.year}`, countyCode: county, before, after: snapshot(row) });
  await c.em.flush();
  return row;
}
