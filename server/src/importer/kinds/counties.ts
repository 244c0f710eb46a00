/**
 * Counties: the prefecture their code names (first 4 digits) must exist, or
 * be created, named by the row's 地市 column (prefectureName) or else by
 * --prefecture-name (its boundary then becomes the union of its counties);
 * boundaries must be valid polygons.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { counties, message, rowProblem, type CountyImport, type RowProblem } from '@lingyan/data';
import { checkYear } from '../../domain/planning.js';
import { areaSql, checkValidity } from '../geometry-checks.js';
import { upsertRows } from '../upsert.js';
import type { KindWriter } from '../writer.js';

/** Prefectures created by this import, whose boundary is the union of their counties. */
const created = new Set<string>();

export const countiesWriter: KindWriter<CountyImport> = {
  spec: counties,
  entity: 'County',
  start: () => created.clear(),
  rules: (c) => checkYear('exitedYear', c.exitedYear),
  async check(tx, rows, options) {
    const validity = await checkValidity(tx, rows, (c) => ({ name: c.name, code: c.code, geometry: c.boundary }), 'boundary', options.repair);
    await options.probe?.measure(tx, 'county', rows.map((r) => ({ code: r.record.code, geometry: r.record.boundary })));
    const wanted = [...new Set(rows.map((r) => r.record.prefectureCode))];
    const present = new Set(
      (await tx.execute<Array<{ code: string }>>(`select code from prefecture where code in (select json_array_elements_text(?::json))`, [JSON.stringify(wanted)])).map((p) => p.code),
    );
    const problems: RowProblem[] = [...validity.problems];
    for (const r of rows) {
      const p = r.record.prefectureCode;
      if (present.has(p) || created.has(p)) continue;
      if (options.prefectureName || r.record.prefectureName) continue;
      problems.push(rowProblem(r.row, r.label('code'), message('county.prefectureMissing', { prefecture: p }), { code: r.record.code, name: r.record.name }));
    }
    return { problems, repaired: validity.repaired };
  },
  async upsert(tx, rows, given, options) {
    await createPrefectures(tx, rows.map((r) => r.record), options.prefectureName);
    return upsertRows(
      tx,
      {
        table: 'county',
        conflict: ['code'],
        columns: [
          { name: 'code', type: 'text' },
          { name: 'prefecture_code', type: 'text' },
          { name: 'name', type: 'text' },
          { name: 'name_en', type: 'text', field: 'nameEn' },
          { name: 'kind', type: 'text', field: 'kind' },
          { name: 'key_poor_county', type: 'boolean', field: 'keyPoorCounty' },
          { name: 'exited_year', type: 'int', field: 'exitedYear' },
          { name: 'boundary', type: 'json', expr: areaSql('r.boundary', options.repair) },
        ],
      },
      rows.map((r) => r.record),
      given,
    );
  },
  async finish(tx) {
    for (const code of created) {
      await tx.execute(`update prefecture set boundary = (select ST_Multi(ST_Union(boundary)) from county where prefecture_code = ?) where code = ?`, [code, code]);
    }
    created.clear();
  },
};

async function createPrefectures(tx: EntityManager, records: CountyImport[], fallback: string | null): Promise<void> {
  for (const c of records) {
    const name = c.prefectureName ?? fallback;
    if (!name || created.has(c.prefectureCode)) continue;
    // A placeholder boundary (the first county's) until finish() sets the union of all of them.
    const made = await tx.execute<Array<{ code: string }>>(
      `insert into prefecture (code, name, name_en, boundary) values (?, ?, '', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)))
       on conflict (code) do nothing returning code`,
      [c.prefectureCode, name, JSON.stringify(c.boundary)],
    );
    if (made.length > 0) created.add(c.prefectureCode);
  }
}
