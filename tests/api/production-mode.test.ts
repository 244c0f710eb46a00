/**
 * Production defaults (issue 25): NODE_ENV=production, which the service
 * recipe sets, turns introspection and "Did you mean ...?" suggestions off
 * unless enabled; the hub says at start which mode it runs in, so an operator
 * sees whether the recipe's setting took effect.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { describeMode, loadConfig } from '../../server/src/config/config.js';
import { capturedLog, startTestServer, token, type TestServer } from '../support/server.js';

const started: TestServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
});

async function hub(env: Record<string, string>): Promise<{ server: TestServer; lines: string[] }> {
  const { logger, lines } = capturedLog();
  const { production, introspection, suggestions } = loadConfig(env);
  const server = await startTestServer({ production, introspection, suggestions }, {}, logger);
  started.push(server);
  return { server, lines };
}

/** A misspelt field: graphql-js suggests the right one unless told not to. */
const MISSPELT = '{ countie { code } }';

describe('production defaults', () => {
  it('follow NODE_ENV, and each can be set on its own', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ production: true, introspection: false, suggestions: false });
    expect(loadConfig({})).toMatchObject({ production: false, introspection: true, suggestions: true });
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true', SUGGESTIONS: 'on' })).toMatchObject({ production: true, introspection: true, suggestions: true });
    expect(loadConfig({ SUGGESTIONS: 'false' }).suggestions).toBe(false);
    expect(() => loadConfig({ SUGGESTIONS: 'maybe' })).toThrow(/SUGGESTIONS must be true or false/);
  });

  it('are named in the line the hub logs at start', async () => {
    const { lines } = await hub({ NODE_ENV: 'production' });
    const line = lines.map((l) => JSON.parse(l) as { msg: string }).find((l) => l.msg.startsWith('mode: '));
    expect(line?.msg).toBe('mode: production (NODE_ENV=production); introspection off, name suggestions off, /metrics on this machine only');
    expect(describeMode(loadConfig({}))).toMatch(/^mode: development \(NODE_ENV is not production; a served hub sets NODE_ENV=production\); introspection on, name suggestions on/);
  });

  it('hide the schema from a caller who guesses: no introspection, no suggestions', async () => {
    const { server } = await hub({ NODE_ENV: 'production' });
    const misspelt = await server.graphql(MISSPELT);
    expect(misspelt.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(misspelt.errors?.[0]?.message).toContain('countie');
    expect(misspelt.errors?.[0]?.message).not.toMatch(/did you mean|counties/i);
    const introspect = await server.graphql('{ __schema { queryType { name } } }');
    expect(introspect.errors?.[0]?.message).toContain('introspection');
    // Queries themselves are answered as ever.
    expect((await server.graphql('{ counties { code } }')).errors).toBeUndefined();
  });

  it('still let analysts, planners and admins read the schema with their token, so the explorer keeps its docs', async () => {
    const { server } = await hub({ NODE_ENV: 'production' });
    const INTROSPECT = '{ __schema { queryType { name } } }';
    for (const role of ['analyst', 'admin'] as const) {
      const answer = await server.graphql(INTROSPECT, undefined, await token(role));
      expect(answer.errors, role).toBeUndefined();
      expect(answer.data.__schema.queryType.name).toBe('Query');
    }
    const planner = await server.graphql('query ($n: String!) { __type(name: $n) { name } }', { n: 'County' }, await token('planner', ['159901000000']));
    expect(planner.data?.__type?.name).toBe('County');
    const viewer = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('viewer')}` },
      body: JSON.stringify({ query: INTROSPECT }),
    });
    expect(viewer.status).toBe(400);
    const body = (await viewer.json()) as { data?: unknown; errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]!.message).toContain('introspection is off');
    expect(body.data).toBeUndefined();
  });

  it('keep both on in development', async () => {
    const { server } = await hub({});
    expect((await server.graphql(MISSPELT)).errors?.[0]?.message).toMatch(/Did you mean "counties"/);
  });
});
