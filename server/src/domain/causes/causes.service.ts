/** Recording a village-year's poor households by main cause: the whole set at once, replacing what was there. */
import { LockMode } from '@mikro-orm/core';
import { countyOf } from '../../auth/roles.js';
import { audit } from '../audit/audit.service.js';
import { Village, VillageYear } from '../entities.js';
import { Missing, type EditContext } from '../planning/edit.js';
import { CAUSE_LABELS, CauseCountsRefused, causeCountsProblem, type CauseCounts, type PovertyCause } from './poverty-cause.js';
import { VillagePovertyCause } from './village-poverty-cause.entity.js';

export interface CausesInput {
  villageCode: string;
  year: number;
  causes: ReadonlyArray<{ cause: PovertyCause; households: number }>;
}

/** The input's list as counts by cause; a cause listed twice is refused (which of the two would count?). */
function countsOf(village: Village, year: number, list: CausesInput['causes']): CauseCounts {
  const counts: CauseCounts = {};
  for (const { cause, households } of list) {
    if (counts[cause] !== undefined) throw new CauseCountsRefused(`${village.name}（${village.code}）${year} 年：${CAUSE_LABELS[cause].zh}出现了两次，每个致贫原因只能填一个户数`);
    counts[cause] = households;
  }
  return counts;
}

/**
 * Sets the village-year's counts to `input.causes` (causes not listed have
 * none). No version is asked for: the set is replaced whole, so two planners
 * cannot leave a mixture of their two sets, and the audit entry keeps the
 * set it replaced. Rows are kept only for causes with households.
 */
export async function setVillagePovertyCauses(c: EditContext, input: CausesInput, authorise: (county: string) => void): Promise<CauseCounts> {
  const village = await c.em.findOne(Village, { code: input.villageCode });
  if (!village) throw new Missing('Village', input.villageCode, 'villageCode');
  const county = countyOf(village.code);
  authorise(county);
  const counts = countsOf(village, input.year, input.causes);
  // Locks the figures the rule is checked against until the causes are written.
  const figures = await c.em.findOne(VillageYear, { village: village.code, year: input.year }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const problem = causeCountsProblem({ villageCode: village.code, villageName: village.name, year: input.year, poorHouseholds: figures?.poorHouseholds ?? null }, counts);
  if (problem) throw new CauseCountsRefused(problem);
  const old = await c.em.find(VillagePovertyCause, { village: village.code, year: input.year });
  const before: CauseCounts = Object.fromEntries(old.map((r) => [r.cause, r.households]));
  old.forEach((r) => c.em.remove(r));
  await c.em.flush();
  for (const [cause, households] of Object.entries(counts) as Array<[PovertyCause, number]>) {
    if (households > 0) c.em.create(VillagePovertyCause, { village: village.code, year: input.year, cause, households });
  }
  const after: CauseCounts = Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
  audit(c.em, c.principal, {
    action: 'setVillagePovertyCauses',
    entity: 'VillagePovertyCause',
    entityId: `${village.code}/${input.year}`,
    countyCode: county,
    before: old.length > 0 ? before : null,
    after,
  });
  await c.em.flush();
  return after;
}
