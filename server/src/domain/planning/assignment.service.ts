/** Assigning an assisting unit (定点帮扶单位) to a village with yearly funds. */
import { countyOf } from '../../auth/roles.js';
import { Assignment, AssignmentFund, AssistingUnit, Village } from '../entities.js';
import { checkFunds, checkPeriod, enforce } from '../planning.js';
import { audit, snapshot } from '../audit/audit.service.js';
import { Missing, type EditContext } from './edit.js';

export interface AssignmentInput {
  unitId: number;
  villageCode: string;
  startYear: number;
  endYear?: number | null;
  funds: Array<{ year: number; amount: number; committed?: number | null }>;
}

export async function assignUnit(c: EditContext, input: AssignmentInput, authorise: (county: string) => void): Promise<Assignment> {
  const village = await c.em.findOne(Village, { code: input.villageCode });
  if (!village) throw new Missing('Village', input.villageCode, 'villageCode');
  authorise(countyOf(village.code));
  if (!(await c.em.count(AssistingUnit, { id: input.unitId }))) throw new Missing('AssistingUnit', input.unitId, 'unitId');
  const end = input.endYear ?? null;
  enforce([...checkPeriod('startYear', input.startYear, 'endYear', end), ...checkFunds(input.funds, input.startYear, end)]);
  const assignment = c.em.create(Assignment, { unit: input.unitId, village: village.code, startYear: input.startYear, endYear: end });
  await c.em.flush();
  for (const f of input.funds) c.em.create(AssignmentFund, { assignment: assignment.id, year: f.year, amount: f.amount, committed: f.committed ?? null });
  await c.em.flush();
  audit(c.em, c.principal, {
    action: 'assignUnit',
    entity: 'Assignment',
    entityId: assignment.id,
    countyCode: countyOf(village.code),
    before: null,
    after: { ...snapshot(assignment), funds: input.funds },
  });
  await c.em.flush();
  return assignment;
}
