/**
 * 督查问题清单: each row a finding with its visit. Visits are found (or
 * made) by date, inspecting unit and place; findings by their visit and
 * description, so a re-import changes nothing and a later list closes the
 * findings it gives a rectification date. The place must be a county,
 * township or village in the database; dates obey the rules recordInspection
 * enforces (server/src/domain/inspection/rules.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { findings, visitKey, type FindingImport, type RowProblem } from '@lingyan/data';
import { checkFinding, checkVisit, todayIso, type InspectedPlaceCodes } from '../../domain/inspection/rules.js';
import type { KindWriter, UpsertCounts } from '../writer.js';

/** A place code's county, township and village, by the code's shape (the importer checked the shape). */
export function placeCodes(code: string): InspectedPlaceCodes {
  const county = `${code.slice(0, 6)}000000`;
  if (code === county) return { countyCode: county, townshipCode: null, villageCode: null };
  const township = `${code.slice(0, 9)}000`;
  return code === township ? { countyCode: county, townshipCode: township, villageCode: null } : { countyCode: county, townshipCode: township, villageCode: code };
}

async function knownPlaces(tx: EntityManager, codes: string[]): Promise<Set<string>> {
  const rows = await tx.execute<Array<{ code: string }>>(
    `with c(code) as (select jsonb_array_elements_text(?::jsonb))
     select code from c where exists (select 1 from county where county.code = c.code)
        or exists (select 1 from township where township.code = c.code) or exists (select 1 from village where village.code = c.code)`,
    [JSON.stringify([...new Set(codes)])],
  );
  return new Set(rows.map((r) => r.code));
}

export const findingsWriter: KindWriter<FindingImport> = {
  spec: findings,
  entity: 'Finding',
  rules: (f) => {
    const visit = { inspectedOn: f.inspectedOn, inspectingUnit: f.inspectingUnit };
    return [...checkVisit(visit), ...checkFinding(visit, f, todayIso())];
  },
  async check(tx, rows) {
    const known = await knownPlaces(tx, rows.map((r) => r.record.placeCode));
    const problems: RowProblem[] = rows
      .filter((r) => !known.has(r.record.placeCode))
      .map((r) => ({ row: r.row, field: r.label('placeCode'), reason: `被督查单位代码 ${r.record.placeCode} 不是本地区的旗县、苏木乡镇或嘎查村（请先导入区划与嘎查村）` }));
    return { problems, repaired: [] };
  },
  async upsert(tx, rows) {
    const visits = new Map<string, FindingImport>();
    for (const r of rows) if (!visits.has(visitKey(r.record))) visits.set(visitKey(r.record), r.record);
    const wanted = [...visits].map(([key, f]) => ({ key, inspected_on: f.inspectedOn, inspecting_unit: f.inspectingUnit, ...snake(placeCodes(f.placeCode)) }));
    const RECORDSET = `jsonb_to_recordset(?::jsonb) as w(key text, inspected_on date, inspecting_unit text, county_code text, township_code text, village_code text)`;
    // The visits already stored, then the missing ones inserted: both give each key its id.
    const found = await tx.execute<Array<{ key: string; id: number }>>(
      `select w.key, min(i.id) as id from ${RECORDSET} join inspection i on i.inspected_on = w.inspected_on and i.inspecting_unit = w.inspecting_unit
         and i.county_code = w.county_code and i.township_code is not distinct from w.township_code and i.village_code is not distinct from w.village_code
       group by w.key`,
      [JSON.stringify(wanted)],
    );
    const ids = new Map(found.map((f) => [f.key, Number(f.id)]));
    const missing = wanted.filter((w) => !ids.has(w.key));
    if (missing.length) {
      const made = await tx.execute<Array<{ id: number; inspected_on: string; inspecting_unit: string; county_code: string; township_code: string | null; village_code: string | null }>>(
        `insert into inspection (inspected_on, inspecting_unit, county_code, township_code, village_code)
         select inspected_on, inspecting_unit, county_code, township_code, village_code from ${RECORDSET} order by key
         returning id, inspected_on::text, inspecting_unit, county_code, township_code, village_code`,
        [JSON.stringify(missing)],
      );
      for (const m of made) ids.set(visitKey({ inspectedOn: m.inspected_on, inspectingUnit: m.inspecting_unit, placeCode: m.village_code ?? m.township_code ?? m.county_code }), Number(m.id));
    }
    const records = rows.map((r) => {
      const f = r.record;
      return { inspection_id: ids.get(visitKey(f))!, category: f.category, description: f.description, responsible_unit: f.responsibleUnit, deadline: f.deadline, rectified_on: f.rectifiedOn, evidence: f.evidence };
    });
    const FINDINGS = `jsonb_to_recordset(?::jsonb) as r(inspection_id int, category text, description text, responsible_unit text, deadline date, rectified_on date, evidence text)`;
    const [updated] = await tx.execute<Array<{ n: number }>>(
      `with u as (update finding f set category = r.category, responsible_unit = r.responsible_unit, deadline = r.deadline, rectified_on = r.rectified_on,
                    evidence = r.evidence, version = f.version + 1
                  from ${FINDINGS}
                  where f.inspection_id = r.inspection_id and f.description = r.description
                    and (f.category, f.responsible_unit, f.deadline, f.rectified_on, f.evidence) is distinct from (r.category, r.responsible_unit, r.deadline, r.rectified_on, r.evidence)
                  returning 1)
       select count(*)::int as n from u`,
      [JSON.stringify(records)],
    );
    const [inserted] = await tx.execute<Array<{ n: number }>>(
      `with i as (insert into finding (inspection_id, category, description, responsible_unit, deadline, rectified_on, evidence)
                  select r.inspection_id, r.category, r.description, r.responsible_unit, r.deadline, r.rectified_on, r.evidence from ${FINDINGS}
                   where not exists (select 1 from finding f where f.inspection_id = r.inspection_id and f.description = r.description)
                  returning 1)
       select count(*)::int as n from i`,
      [JSON.stringify(records)],
    );
    return { inserted: inserted!.n, updated: updated!.n } satisfies UpsertCounts;
  },
};

function snake(p: InspectedPlaceCodes) {
  return { county_code: p.countyCode, township_code: p.townshipCode, village_code: p.villageCode };
}
