/**
 * Villages: their township (the code's first 9 digits) must be in the
 * database and the point inside its boundary, give or take INSIDE_TOLERANCE_M
 * (village points are often digitised on the village office, which can sit
 * on the boundary road).
 */
import { villages, type RowProblem, type VillageRecord } from '@lingyan/data';
import { checkYear } from '../../domain/planning.js';
import { geometrySql } from '../geometry-checks.js';
import { upsertRows } from '../upsert.js';
import type { KindWriter } from '../writer.js';

export const INSIDE_TOLERANCE_M = 100;

export const villagesWriter: KindWriter<VillageRecord> = {
  spec: villages,
  entity: 'Village',
  rules: (v) => checkYear('exitedYear', v.exitedYear),
  async check(tx, rows) {
    const problems: RowProblem[] = [];
    const placed = await tx.execute<Array<{ i: number; township: string | null; metres: number | null }>>(
      `with r as (select r.i, r.township, ${geometrySql('r.p')} as p from json_to_recordset(?::json) as r(i int, township text, p json))
       select r.i, t.code as township,
              case when t.code is null or ST_Intersects(t.boundary, r.p) then 0
                   else ST_Distance(t.boundary::geography, r.p::geography) end as metres
         from r left join township t on t.code = r.township`,
      [JSON.stringify(rows.map((r, i) => ({ i, township: r.record.townshipCode, p: r.record.location })))],
    );
    for (const p of placed) {
      const r = rows[p.i]!;
      if (p.township === null) {
        problems.push({ row: r.row, field: r.label('code'), reason: `its township ${r.record.townshipCode} (the code's first 9 digits) is not in the database; import the townships first` });
      } else if (Number(p.metres) > INSIDE_TOLERANCE_M) {
        const where = Number(p.metres) >= 1000 ? `${(Number(p.metres) / 1000).toFixed(1)} km` : `${Math.round(Number(p.metres))} m`;
        problems.push({ row: r.row, field: r.label('location'), reason: `lies ${where} outside its township ${p.township}` });
      }
    }
    return { problems, repaired: [] };
  },
  upsert: (tx, rows, given) =>
    upsertRows(
      tx,
      {
        table: 'village',
        conflict: ['code'],
        columns: [
          { name: 'code', type: 'text' },
          { name: 'township_code', type: 'text' },
          { name: 'name', type: 'text' },
          { name: 'name_en', type: 'text', field: 'nameEn' },
          { name: 'kind', type: 'text', field: 'kind' },
          { name: 'location', type: 'json', expr: geometrySql('r.location') },
          { name: 'is_poor_village', type: 'boolean', field: 'isPoorVillage' },
          { name: 'exited_year', type: 'int', field: 'exitedYear' },
          { name: 'branch_name', type: 'text', field: 'branchName' },
          { name: 'branch_focus', type: 'text', field: 'branchFocus' },
          { name: 'branch_governance15', type: 'boolean', field: 'branchGovernance15' },
        ],
      },
      rows.map((r) => r.record),
      given,
    ),
};
