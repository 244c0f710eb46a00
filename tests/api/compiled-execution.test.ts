/**
 * The hub compiles an operation the second time it runs (graphql-jit,
 * graphql/jit-executor.ts). Every operation the atlas sends and every
 * cookbook example answers the same, byte for byte, interpreted (first run)
 * and compiled (later runs), on the real database; so do refusals. A string
 * literal is never compiled (but a letters-only word), and graphql-jit's date
 * marker in one stays data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/server.js';

const OPERATIONS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../schema/operations');
const graphqlFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort().map((f) => readFileSync(resolve(dir, f), 'utf8'));

/**
 * Each of the atlas's queries on its own, with the fragments it uses (the
 * client sends them so). Subscriptions run over the WebSocket, not POST
 * (tests/api/live-updates.test.ts), so they are not among them.
 */
function atlasOperations(): Array<{ name: string; text: string; variables: string[] }> {
  const texts = graphqlFiles(OPERATIONS);
  const fragments = texts.flatMap((t) => parse(t).definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition'));
  const fragmentText = new Map(fragments.map((f) => [f.name.value, f.loc!.source.body.slice(f.loc!.start, f.loc!.end)]));
  /** The fragments `text` spreads, and the fragments they spread. */
  const spread = (text: string): string[] => {
    const used = new Set<string>();
    const pending = [text];
    while (pending.length > 0) {
      for (const [, name] of pending.pop()!.matchAll(/\.\.\.\s*([A-Za-z_]\w*)/g)) {
        const body = fragmentText.get(name!);
        if (body !== undefined && !used.has(name!)) {
          used.add(name!);
          pending.push(body);
        }
      }
    }
    return [...used].map((n) => fragmentText.get(n)!);
  };
  return texts.flatMap((t) =>
    parse(t)
      .definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && d.operation === 'query')
      .map((op) => {
        const own = t.slice(op.loc!.start, op.loc!.end);
        return {
          name: op.name!.value,
          text: [own, ...spread(own)].join('\n'),
          variables: (op.variableDefinitions ?? []).map((v) => v.variable.name.value),
        };
      }),
  );
}

let server: TestServer;
let values: Record<string, unknown>;

/** The same request three times: the first interpreted, the others compiled; the raw answers. */
async function thrice(query: string, variables: Record<string, unknown> = {}): Promise<string[]> {
  const answers: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    answers.push(`${res.status} ${await res.text()}`);
  }
  return answers;
}

beforeAll(async () => {
  server = await startTestServer();
  const [county] = await sql<{ code: string; name: string }>(`select code, name from county order by code limit 1`);
  const [township] = await sql<{ code: string }>(`select code from township order by code limit 1`);
  const [village] = await sql<{ code: string }>(`select code from village where alliance_id is not null order by code limit 1`);
  const [alliance] = await sql<{ id: number }>(`select id from alliance order by id limit 1`);
  const [pairing] = await sql<{ id: number }>(`select id from pairing order by id limit 1`);
  const [project] = await sql<{ id: number }>(`select id from industry_project order by id limit 1`);
  const [finding] = await sql<{ id: number }>(`select id from finding order by id limit 1`);
  values = { year: 2017, metric: 'POVERTY_INCIDENCE', method: 'QUANTILE', classes: 5, scope: 'ALL_YEARS', breaks: null, offset: 0, limit: 20, weakest: 3, code: null, id: null };
  Object.assign(values, { search: county!.name.slice(0, 2), countyCode: county!.code, townshipCode: township!.code, villageCode: village!.code, alliance: alliance!.id, pairing: pairing!.id, project: project!.id });
  // The management loop's operations (考核, 督查整改, 致贫原因, 预警): a county's figures of the year.
  Object.assign(values, { level: 'COUNTY', cause: 'ILLNESS', areaCode: county!.code, asOf: null, after: null, first: 20, village: false, township: false, county: true, finding: finding!.id });
});
afterAll(async () => {
  await server?.close();
});

describe('compiled execution', () => {
  it('answers each of the atlas\'s operations the same interpreted and compiled', async () => {
    const operations = atlasOperations();
    expect(operations.length).toBeGreaterThanOrEqual(18);
    const codeOf: Record<string, unknown> = {
      AtlasDetailCounty: values.countyCode,
      AtlasDetailTownship: values.townshipCode,
      AtlasDetailVillage: values.villageCode,
      AtlasDetailAlliance: values.alliance,
      AtlasDetailPairing: values.pairing,
      AtlasDetailProject: values.project,
      AtlasPrintCounty: values.countyCode,
      AtlasAssessmentArea: values.countyCode,
      AtlasPovertyCauses: values.countyCode,
      AtlasProjectProgress: values.project,
      AtlasFinding: values.finding,
      AtlasFigureSources: values.countyCode,
    };
    for (const op of operations) {
      const variables = Object.fromEntries(op.variables.map((v) => [v, v === 'code' || v === 'id' ? codeOf[op.name] : values[v]]));
      const [first, ...later] = await thrice(op.text, variables);
      expect(first, op.name).toMatch(/^200 \{"data":\{/);
      expect(first, op.name).not.toContain('"errors"');
      for (const answer of later) expect(answer, op.name).toBe(first);
    }
  });

  it('answers each cookbook example the same interpreted and compiled', async () => {
    const examples = graphqlFiles(resolve(OPERATIONS, 'cookbook'));
    expect(examples.length).toBeGreaterThanOrEqual(15);
    for (const text of examples) {
      const [first, ...later] = await thrice(text);
      expect(first).toMatch(/^200 /);
      for (const answer of later) expect(answer).toBe(first);
    }
  });

  it('refuses the same way interpreted and compiled: an unknown code (API and domain errors), an argument out of range, a bad variable, a write without a token', async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['query ($c: String!) { village(code: $c) { code name } }', { c: '159999999999' }, /^200 .*"code":"NOT_FOUND"/],
      ['query ($v: String!, $r: Float!) { pairingSuggestions(villageCode: $v, radiusMeters: $r) { year } }', { v: values.villageCode, r: -5 }, /^200 .*"code":"BAD_USER_INPUT"/],
      // A domain error (Missing) without extensions of its own, mapped by the hub's error formatting.
      ['query ($v: String!, $r: Float!) { pairingSuggestions(villageCode: $v, radiusMeters: $r) { year } }', { v: '159999999999', r: 1000 }, /^200 .*"argument":"villageCode","code":"NOT_FOUND"/],
      ['query ($y: Int!) { summary(year: $y) { year } }', { y: 'x' }, /^400 .*"code":"BAD_USER_INPUT"/],
      ['mutation ($id: Int!, $v: Int!) { endPairing(id: $id, endYear: 2025, version: $v) { id } }', { id: values.pairing, v: 1 }, /^401 .*"code":"UNAUTHENTICATED"/],
    ];
    for (const [query, variables, expected] of cases) {
      const [first, ...later] = await thrice(query, variables);
      expect(first).toMatch(expected);
      for (const answer of later) expect(answer).toBe(first);
    }
  });

  it('compiles a query whose only string literal is a letters-only word (a GeoJSON type), with the same answers', async () => {
    const [v] = await sql<{ x: number; y: number }>(`select ST_X(location) as x, ST_Y(location) as y from village order by code limit 1`);
    const query = `{ nearestVillages(to: { point: { type: "Point", coordinates: [${v!.x}, ${v!.y}] } }, k: 3) { code distanceMeters } }`;
    const [first, ...later] = await thrice(query);
    expect(first).toMatch(/^200 \{"data":\{"nearestVillages":\[\{"code":/);
    for (const answer of later) expect(answer).toBe(first);
  });

  it('never compiles a string literal: graphql-jit\'s date marker in one stays data, and the hub stays up', async () => {
    const g = globalThis as { lingyanInjected?: number };
    delete g.lingyanInjected;
    const code = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d(globalThis.lingyanInjected = 1)';
    const answers = await thrice(`{ village(code: "${code}") { code } }`);
    for (const answer of answers) expect(answer).toMatch(/^200 .*"code":"NOT_FOUND"/);
    expect(g.lingyanInjected).toBeUndefined();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
