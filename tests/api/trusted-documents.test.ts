/**
 * Trusted documents (TRUSTED_DOCUMENTS=true, issue 25): anonymous, viewer
 * and embed requests may run only the operations the hub ships, known by
 * hash; analysts, planners and admins keep free queries. The atlas, the
 * embedded map and the big screen keep working: every operation of the
 * generated client is trusted in the very form Apollo Client sends it, and a
 * few are sent over HTTP exactly so; the explorer's cookbook examples run as
 * their files stand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, type DocumentNode } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as generated from '../../schema/generated/graphql.js';
import { mintToken } from '../../server/src/auth/tokens.js';
import { documentHash, trustedDocuments } from '../../server/src/graphql/trusted-documents.js';
import { withTypenames } from '../../server/src/graphql/warm-up.js';
import { startTestServer, TEST_SECRET, token, type TestServer } from '../support/server.js';

const COOKBOOK_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../schema/operations/cookbook');

/** Every operation document of the generated client (what the atlas, the embed and the screen import). */
const CLIENT_DOCUMENTS = Object.entries(generated)
  .filter(([name, value]) => name.endsWith('Document') && typeof value === 'object' && value !== null && (value as DocumentNode).kind === Kind.DOCUMENT)
  .map(([name, value]) => ({ name, document: value as DocumentNode }));

/** A document as Apollo Client sends it: `__typename` added below each operation's own selection set, printed. */
const asSent = (document: DocumentNode): string => print(withTypenames(document));

const operationName = (document: DocumentNode): string => {
  const op = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return op?.kind === Kind.OPERATION_DEFINITION ? op.name!.value : '';
};

const FREE = '{ prefecture { name } counties { code } }';

function refusedByTrust(body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }): void {
  expect(body.data ?? null).toBeNull();
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TRUSTED_DOCUMENTS' });
  expect(body.errors?.[0]?.message).toContain('TRUSTED_DOCUMENTS=true');
}

describe('trusted documents: the list', () => {
  const trusted = trustedDocuments();

  it('trusts every operation of the generated client as Apollo Client sends it, and as the file writes it', () => {
    expect(CLIENT_DOCUMENTS.length).toBeGreaterThan(25);
    const untrusted = CLIENT_DOCUMENTS.filter(({ document }) => !trusted.trusts(parse(asSent(document))) || !trusted.trusts(parse(print(document)))).map((d) => d.name);
    expect(untrusted).toEqual([]);
  });

  it('hashes alike whatever the spacing, comments and order of definitions, and apart when a field differs', () => {
    const a = parse('query A { prefecture { name } }');
    const b = parse('# a comment\nquery A {\n  prefecture {\n    name\n    __typename\n  }\n}');
    expect(documentHash(a.definitions)).toBe(documentHash(b.definitions));
    expect(documentHash(a.definitions)).toMatch(/^[0-9a-f]{64}$/);
    expect(documentHash(parse('query A { prefecture { name code } }').definitions)).not.toBe(documentHash(a.definitions));
    const fragments = parse('query B { prefecture { ...P } } fragment P on Prefecture { name }');
    expect(documentHash([...fragments.definitions].reverse())).toBe(documentHash(fragments.definitions));
  });
});

describe('trusted documents: the hub', () => {
  let hub: TestServer;
  let post: (body: unknown, bearer?: string) => Promise<{ status: number; body: any }>;
  beforeAll(async () => {
    hub = await startTestServer({ trustedDocuments: true, rateLimitPerMinute: 0 });
    post = async (body, bearer) => {
      const res = await fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };
  }, 120_000);
  afterAll(() => hub?.close());

  it('refuses an operation it does not ship to anonymous, viewer and embed requests, with 403 and a code naming the option', async () => {
    const embed = await mintToken(new TextEncoder().encode(TEST_SECRET), { subject: 'embed:test', role: 'viewer', days: 1, embed: true });
    for (const bearer of [undefined, await token('viewer'), embed]) {
      const { status, body } = await post({ query: FREE }, bearer);
      expect(status).toBe(403);
      refusedByTrust(body);
    }
  });

  it('refuses a shipped operation changed by one field', async () => {
    const changed = asSent(generated.AtlasDocument).replace(/prefecture\s*\{/, 'prefecture {\n    code');
    expect(changed).not.toBe(asSent(generated.AtlasDocument));
    refusedByTrust((await post({ query: changed, operationName: 'Atlas' })).body);
  });

  it('answers the atlas\'s, the embed\'s and the screen\'s operations sent exactly as the client sends them', async () => {
    const atlas = await post({ operationName: 'Atlas', variables: {}, query: asSent(generated.AtlasDocument) });
    expect(atlas.body.errors).toBeUndefined();
    expect(atlas.body.data.prefecture.name).toBeTruthy();
    const choropleth = await post(
      {
        operationName: 'AtlasChoropleth',
        variables: { year: null, metric: 'POVERTY_INCIDENCE', method: null, classes: 5, scope: 'ALL_YEARS', breaks: null, cause: 'ILLNESS' },
        query: asSent(generated.AtlasChoroplethDocument),
      },
      await token('viewer'),
    );
    expect(choropleth.body.errors).toBeUndefined();
    const year = choropleth.body.data.choropleth.year as number;
    expect(year).toBeGreaterThan(2000);
    const embed = await mintToken(new TextEncoder().encode(TEST_SECRET), { subject: 'embed:test', role: 'viewer', days: 1, embed: true });
    const summary = await post({ operationName: 'AtlasSummary', variables: { year }, query: asSent(generated.AtlasSummaryDocument) }, embed);
    expect(summary.body.errors).toBeUndefined();
    expect(summary.body.data.summary).not.toBeNull();
    // A document of a file holding several operations, sent alone with the fragments it uses (as the generated client does).
    const county = atlas.body.data.counties[0].code as string;
    const detail = await post({ operationName: operationName(generated.AtlasDetailCountyDocument), variables: { code: county, year, weakest: 5 }, query: asSent(generated.AtlasDetailCountyDocument) });
    expect(detail.body.errors).toBeUndefined();
  });

  it('runs the explorer\'s cookbook examples for anonymous users as their files stand', async () => {
    const files = readdirSync(COOKBOOK_DIR).filter((f) => f.endsWith('.graphql')).sort().slice(0, 3);
    for (const file of files) {
      const { status, body } = await post({ query: readFileSync(resolve(COOKBOOK_DIR, file), 'utf8') });
      expect({ file, status, errors: body.errors }).toEqual({ file, status: 200, errors: undefined });
    }
  });

  it('lets analysts, planners and admins send any query', async () => {
    for (const role of ['analyst', 'planner', 'admin'] as const) {
      const { status, body } = await post({ query: FREE }, await token(role));
      expect({ role, status, errors: body.errors }).toEqual({ role, status: 200, errors: undefined });
    }
  });

  it('holds live-update subscriptions to the shipped one for anonymous sockets', async () => {
    const client = createClient({ url: `${hub.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    /** Settles with the first answer: an announcement, or the errors that refused the subscription. */
    const first = (query: string) =>
      new Promise<{ data?: unknown; errors?: Array<{ extensions?: Record<string, unknown> }> }>((settle) => {
        const stop = client.subscribe({ query }, { next: (r) => (settle({ data: r.data }), stop()), error: (errors) => settle({ errors: errors as never }), complete: () => settle({}) });
      });
    try {
      const free = await first('subscription { dataChanged { sequence } }');
      expect(free.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TRUSTED_DOCUMENTS' });
      const shipped = first(asSent(generated.LiveDataChangedDocument));
      // A write announces itself to the accepted subscription (a revocation writes its table). Repeated until heard: the subscription starts asynchronously.
      let heard: Awaited<typeof shipped> | null = null;
      void shipped.then((r) => (heard = r));
      const admin = await token('admin');
      for (let i = 0; heard === null && i < 100; i++) {
        await post({ query: `mutation { revokeToken(id: "trusted-docs-${Date.now()}-${i}", reason: "test") { id } }` }, admin);
        await Promise.race([shipped, new Promise((r) => setTimeout(r, 100))]);
      }
      expect(heard).toMatchObject({ data: { dataChanged: { tables: expect.arrayContaining(['revoked_token']) } } });
    } finally {
      await client.dispose();
    }
  });
});
