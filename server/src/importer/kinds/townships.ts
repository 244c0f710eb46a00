/**
 * Townships: their county (the code's first 6 digits) must be in the
 * database, their boundary a valid polygon lying inside the county's. Real
 * boundaries from different surveys disagree along the edges, so "inside"
 * allows a sliver: a township is outside when more than OUTSIDE_SHARE of its
 * area lies beyond the county.
 */
import { message, rowProblem, townships, type RowProblem, type TownshipRecord } from '@lingyan/data';
import { areaSql, checkValidity } from '../geometry-checks.js';
import { upsertRows } from '../upsert.js';
import type { KindWriter } from '../writer.js';

export const OUTSIDE_SHARE = 0.01;

export const townshipsWriter: KindWriter<TownshipRecord> = {
  spec: townships,
  entity: 'Township',
  rules: () => [],
  async check(tx, rows, options) {
    const validity = await checkValidity(tx, rows, (t) => ({ name: t.name, code: t.code, geometry: t.boundary }), 'boundary', options.repair);
    await options.probe?.measure(tx, 'township', rows.map((r) => ({ code: r.record.code, parent: r.record.countyCode, geometry: r.record.boundary })));
    const problems: RowProblem[] = [...validity.problems];
    const placed = await tx.execute<Array<{ i: number; county: string | null; outside: string | null }>>(
      `with r as (select r.i, r.county, ${areaSql('r.g', options.repair)} as g from json_to_recordset(?::json) as r(i int, county text, g json))
       select r.i, c.code as county,
              case when c.code is null or ST_CoveredBy(r.g, c.boundary) then 0
                   else ST_Area(ST_Difference(r.g, c.boundary)) / nullif(ST_Area(r.g), 0) end as outside
         from r left join county c on c.code = r.county`,
      [JSON.stringify(validity.ok.map((r, i) => ({ i, county: r.record.countyCode, g: r.record.boundary })))],
    );
    for (const p of placed) {
      const r = validity.ok[p.i]!;
      const area = { code: r.record.code, name: r.record.name };
      if (p.county === null) {
        problems.push(rowProblem(r.row, r.label('code'), message('township.countyMissing', { county: r.record.countyCode }), area));
      } else if (Number(p.outside) > OUTSIDE_SHARE) {
        problems.push(rowProblem(r.row, r.label('boundary'), message('township.outsideCounty', { share: (Number(p.outside) * 100).toFixed(1), county: p.county }), area));
      }
    }
    return { problems, repaired: validity.repaired };
  },
  upsert: (tx, rows, given, options) =>
    upsertRows(
      tx,
      {
        table: 'township',
        conflict: ['code'],
        columns: [
          { name: 'code', type: 'text' },
          { name: 'county_code', type: 'text' },
          { name: 'name', type: 'text' },
          { name: 'name_en', type: 'text', field: 'nameEn' },
          { name: 'kind', type: 'text', field: 'kind' },
          { name: 'boundary', type: 'json', expr: areaSql('r.boundary', options.repair) },
        ],
      },
      rows.map((r) => r.record),
      given,
    ),
};
