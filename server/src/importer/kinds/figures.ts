/**
 * A village's yearly figures: the village must exist; the counts obey
 * checkVillageFigures, the same rule the API's upsertVillageYear enforces.
 * An update bumps the row's version, so a planner holding the old version is
 * told the figures changed under them.
 */
import { figures, type RowProblem, type VillageYearRecord } from '@lingyan/data';
import { checkVillageFigures } from '../../domain/planning.js';
import { upsertRows } from '../upsert.js';
import type { KindWriter } from '../writer.js';

export const figuresWriter: KindWriter<VillageYearRecord> = {
  spec: figures,
  entity: 'VillageYear',
  rules: (f) => checkVillageFigures(f),
  async check(tx, rows) {
    const codes = [...new Set(rows.map((r) => r.record.villageCode))];
    const known = new Set(
      (await tx.execute<Array<{ code: string }>>(`select code from village where code in (select json_array_elements_text(?::json))`, [JSON.stringify(codes)])).map((v) => v.code),
    );
    const problems: RowProblem[] = rows
      .filter((r) => !known.has(r.record.villageCode))
      .map((r) => ({ row: r.row, field: r.label('villageCode'), reason: `village ${r.record.villageCode} is not in the database; import the villages first` }));
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
      rows.map(({ record: f }) => ({
        village_code: f.villageCode,
        year: f.year,
        households: f.households,
        rural_population: f.ruralPopulation,
        poor_households: f.poorHouseholds,
        poor_population: f.poorPopulation,
        collective_income: f.collectiveIncome,
        party_members: f.partyMembers,
        member_pairings: f.memberPairings,
        secretary_is_director: f.secretaryIsDirector,
        soft_lax: f.softLax,
        branch_rating: f.branchRating,
      })),
      given,
    ),
};
