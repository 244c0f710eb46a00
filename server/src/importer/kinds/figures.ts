/**
 * A village's yearly figures: the village must exist; the counts obey
 * checkVillageFigures, the same rule the API's upsertVillageYear enforces.
 * An update bumps the row's version, so a planner holding the old version is
 * told the figures changed under them.
 */
import { figures, type RowProblem, type VillageYearRecord } from '@lingyan/data';
import { checkVillageFigures } from '../../domain/planning.js';
import { notImported, villagesByCode } from '../references.js';
import { upsertRows } from '../upsert.js';
import type { KindWriter } from '../writer.js';
import { figuresBelowCauses } from './causes.js';

export const figuresWriter: KindWriter<VillageYearRecord> = {
  spec: figures,
  entity: 'VillageYear',
  rules: (f) => checkVillageFigures(f),
  async check(tx, rows) {
    const known = await villagesByCode(tx, rows.map((r) => r.record.villageCode));
    const problems: RowProblem[] = rows
      .filter((r) => !known.has(r.record.villageCode))
      .map((r) => ({ row: r.row, field: r.label('villageCode'), reason: notImported(r.record.villageCode) }));
    problems.push(...(await figuresBelowCauses(tx, rows)));
    return { problems, repaired: [] };
  },
  upsert: (tx, rows, given) =>
    upsertRows(
      tx,
      {
        table: 'village_year',
        conflict: ['village_code', 'year'],
        columns: [
          { name: 'village_code', type: 'text' },
          { name: 'year', type: 'int' },
          { name: 'households', type: 'int' },
          { name: 'rural_population', type: 'int' },
          { name: 'poor_households', type: 'int' },
          { name: 'poor_population', type: 'int' },
          { name: 'collective_income', type: 'numeric' },
          { name: 'party_members', type: 'int', field: 'partyMembers' },
          { name: 'member_pairings', type: 'int', field: 'memberPairings' },
          { name: 'secretary_is_director', type: 'boolean', field: 'secretaryIsDirector' },
          { name: 'soft_lax', type: 'boolean', field: 'softLax' },
          { name: 'branch_rating', type: 'text', field: 'branchRating' },
        ],
        onUpdate: 'version = village_year.version + 1',
      },
      rows.map((r) => r.record),
      given,
    ),
};
