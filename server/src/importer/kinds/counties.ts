/**
 * Counties: the prefecture their code names (first 4 digits) must exist, or
 * be created, named by the row's 地市 column (prefectureName) or else by
 * --prefecture-name (its boundary then becomes the union of its counties);
 * boundaries must be valid polygons.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { counties, DEMO_PREFECTURE_CODE, message, rowProblem, type CountyImport, type RowProblem } from '@lingyan/data';
import { removePrefecture } from '../../domain/region/remove-prefecture.service.js';
import { checkYear } from '../../domain/planning.js';
import { areaSql, checkValidity } from '../geometry-checks.js';
import { upsertRows } from '../upsert.js';
import type { GoodRow, KindWriter, WriteOptions } from '../writer.js';

/** Prefectures created by this import, whose boundary is the union of their counties. */
const created = new Set<string>();

export const countiesWriter: KindWriter<CountyImport> = {
  spec: counties,
  entity: 'County',
  start: () => {
    created.clear();
    demoSettled = false;
  },
  rules: (c) => checkYear('exitedYear', c.exitedYear),
  async check(tx, rows, options) {
    const validity = await checkValidity(tx, rows, (c) => ({ name: c.name, code: c.code, geometry: c.boundary }), 'boundary', options.repair);
    await options.probe?.measure(tx, 'county', rows.map((r) => ({ code: r.record.code, parent: r.record.prefectureCode, geometry: r.record.boundary })));
    const wanted = [...new Set(rows.map((r) => r.record.prefectureCode))];
    const present = new Set(
      (await tx.execute<Array<{ code: string }>>(`select code from prefecture where code in (select json_array_elements_text(?::json))`, [JSON.stringify(wanted)])).map((p) => p.code),
    );
    const problems: RowProblem[] = [...validity.problems];
    problems.push(...(await settleDemoRegion(tx, rows, present, options)));
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

/** Whether this run has dealt with the demo region (asked, replaced or kept it). */
let demoSettled = false;

/**
 * Counties of a prefecture the database lacks, arriving where the demo region
 * is: one region at a time unless told otherwise. Without a choice the import
 * is refused (one line naming both prefectures and the flags); with
 * --replace-demo the demo region is removed in this transaction first.
 */
async function settleDemoRegion(tx: EntityManager, rows: Array<GoodRow<CountyImport>>, present: ReadonlySet<string>, options: WriteOptions): Promise<RowProblem[]> {
  const choice = options.demoRegion ?? 'ask';
  if (demoSettled || choice === 'keep') return [];
  const incoming = rows.find((r) => r.record.prefectureCode !== DEMO_PREFECTURE_CODE && !present.has(r.record.prefectureCode) && !created.has(r.record.prefectureCode));
  if (!incoming) return [];
  demoSettled = true;
  const [demo] = await tx.execute<Array<{ name: string }>>(`select name from prefecture where code = ?`, [DEMO_PREFECTURE_CODE]);
  if (!demo) return [];
  const code = incoming.record.prefectureCode;
  const name = incoming.record.prefectureName ?? options.prefectureName;
  const params = { demo: `${demo.name}（${DEMO_PREFECTURE_CODE}）`, incoming: name ? `${name}（${code}）` : code };
  if (choice === 'ask') return [rowProblem(0, 'prefecture', message('prefecture.demoHeld', params))];
  const removal = await removePrefecture(tx, DEMO_PREFECTURE_CODE, options.actor ?? { subject: 'import@cli', role: 'admin', counties: null });
  options.warnings?.push(message('prefecture.demoReplaced', { ...params, rows: removal.removed.reduce((n, t) => n + t.rows, 0) }));
  return [];
}

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
