/**
 * Lists of villages read only the columns their selection needs
 * (server/src/graphql/village-reads.ts): every field of the Village type,
 * asked alone, gives in `villages` and `nearestVillages` the answer the
 * single `village(code)` gives from the whole entity. A field that reads a
 * property its entry in VILLAGE_FIELD_READS does not name comes back empty or
 * wrong here.
 */
import { getIntrospectionQuery, type IntrospectionObjectType, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VILLAGE_FIELD_READS, villageReadsOf } from '../../server/src/graphql/village-reads.js';
import { VILLAGE_PROPERTIES } from '../../server/src/spatial/village-records.js';
import { sql } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let year: number;
/** Villages with and without an alliance, poor, exited and never poor: every kind of record. */
let sample: string[];
let townshipOf: Map<string, string>;
let near: { lon: number; lat: number };

/** How each field is asked for (object fields with a small selection of their own). */
function selectionOf(field: string): string {
  const objects: Record<string, string> = {
    status: `status(year: ${year})`,
    figures: `figures(year: ${year}) { year poorPopulation }`,
    years: 'years { year }',
    township: 'township { code }',
    county: 'county { code }',
    branch: 'branch { name focus governance15 }',
    alliance: 'alliance { id }',
    pairingsReceived: 'pairingsReceived { id }',
    pairingsGiven: 'pairingsGiven { id }',
    industryProjects: 'industryProjects { id }',
    organisations: 'organisations { id }',
    assignments: 'assignments { id }',
    workTeams: 'workTeams { id }',
    povertyCauses: `povertyCauses(year: ${year}) { cause households share }`,
  };
  return objects[field] ?? field;
}

beforeAll(async () => {
  // Hundreds of requests in a minute, each a page of up to 500 villages: what is tested is the columns, not the rate limit.
  server = await startTestServer({ rateLimitPerMinute: 0 });
  [{ year }] = (await sql<{ year: number }>('select max(year) as year from village_year')) as [{ year: number }];
  const rows = await sql<{ code: string; township_code: string }>(
    `(select code, township_code from village where alliance_id is not null order by code limit 4)
     union (select code, township_code from village where alliance_id is null order by code limit 4)
     union (select code, township_code from village where is_poor_village and exited_year is not null order by code limit 4)
     union (select code, township_code from village where is_poor_village and exited_year is null order by code limit 4)
     union (select code, township_code from village where branch_focus is not null order by code limit 4)`,
  );
  sample = rows.map((r) => r.code).sort();
  townshipOf = new Map(rows.map((r) => [r.code, r.township_code]));
  [near] = (await sql<{ lon: number; lat: number }>('select ST_X(location) as lon, ST_Y(location) as lat from village where code = $1', [sample[0]])) as [
    { lon: number; lat: number },
  ];
});
afterAll(async () => {
  await server?.close();
});

async function villageFields(): Promise<string[]> {
  const { data } = await server.graphql<IntrospectionQuery>(getIntrospectionQuery());
  const village = data!.__schema.types.find((t) => t.name === 'Village') as IntrospectionObjectType;
  return village.fields.map((f) => f.name).sort();
}

describe('village lists read only the columns their selection needs', () => {
  it('names what every Village field reads', async () => {
    // A field missing here would read the whole record (correct, only slower): name it, and the test below checks it.
    expect(Object.keys(VILLAGE_FIELD_READS).filter((f) => f !== '__typename').sort()).toEqual(await villageFields());
  });

  it('answers every field, asked alone, as the village itself answers it', async () => {
    const fields = await villageFields();
    expect(fields.length).toBeGreaterThan(15);
    expect(sample.length).toBeGreaterThan(8);
    for (const field of fields) {
      const s = selectionOf(field);
      const single = await Promise.all(
        sample.map(async (code) => {
          const { data, errors } = await server.graphql(`query ($code: String!) { village(code: $code) { code ${s} } }`, { code });
          expect(errors, `${field}: ${JSON.stringify(errors)}`).toBeUndefined();
          return data.village;
        }),
      );
      const listed: unknown[] = [];
      for (const code of sample) {
        const { data, errors } = await server.graphql(`query ($t: String!) { villages(filter: { townshipCode: $t }, limit: 500) { items { code ${s} } } }`, {
          t: townshipOf.get(code),
        });
        expect(errors, `${field}: ${JSON.stringify(errors)}`).toBeUndefined();
        listed.push((data.villages.items as Array<{ code: string }>).find((v) => v.code === code));
      }
      expect(listed, field).toEqual(single);
      if (field === 'distanceMeters') continue; // measured from the reference in a nearest search, null elsewhere
      // The nearest village to a point on the first sample is that village.
      const { data, errors } = await server.graphql(`query ($p: GeoJSON!) { nearestVillages(to: { point: $p }, k: 1) { code ${s} } }`, {
        p: { type: 'Point', coordinates: [near.lon, near.lat] },
      });
      expect(errors, `${field}: ${JSON.stringify(errors)}`).toBeUndefined();
      expect(data.nearestVillages, field).toEqual([single[0]]);
    }
  }, 120_000);

  it('reads the union of what the selected fields read, and everything for a field it does not know', () => {
    expect(villageReadsOf(['code', 'name', 'location']).sort()).toEqual(['location', 'name']);
    expect(villageReadsOf(['county', 'status']).sort()).toEqual(['exitedYear', 'isPoorVillage', 'township']);
    expect(villageReadsOf(['code', 'figures', 'pairingsReceived'])).toEqual([]);
    expect(villageReadsOf(['name', 'somethingNew'])).toEqual(VILLAGE_PROPERTIES);
    expect(villageReadsOf(['constructor'])).toEqual(VILLAGE_PROPERTIES);
  });
});
