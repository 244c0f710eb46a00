/**
 * Revoking tokens (issue 25): an admin revokes a token by its id (or by the
 * token itself); the hub refuses it on the next request, audited; nobody
 * else may revoke or list. Embed tokens, minted by createEmbedToken, read
 * but never write, live 90 days at most and carry the id they are revoked by.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeToken } from '../../server/src/auth/tokens.js';
import { sql } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';

const READ = '{ prefecture { name } }';
const REVOKE = 'mutation($id: String, $token: String, $reason: String!) { revokeToken(id: $id, token: $token, reason: $reason) { id revokedBy reason revokedAt expiresAt } }';

let hub: TestServer;
beforeAll(async () => {
  hub = await startTestServer({ rateLimitPerMinute: 0 });
}, 120_000);
afterAll(() => hub?.close());

describe('revoking tokens', () => {
  it('refuses a token once an admin revokes it by its id, and keeps the others', async () => {
    const victim = await token('planner', ['159901000000'], 1, 'leaked-laptop');
    const bystander = await token('planner', ['159901000000'], 1, 'bystander');
    expect((await hub.graphql(READ, {}, victim)).errors).toBeUndefined();
    const id = describeToken(victim).id!;
    const admin = await token('admin', [], 1, 'admin-on-duty');
    const revoked = await hub.graphql(REVOKE, { id, reason: '笔记本遗失' }, admin);
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data.revokeToken).toMatchObject({ id, revokedBy: 'admin-on-duty', reason: '笔记本遗失', expiresAt: null });

    const refused = await hub.graphql(READ, {}, victim);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0]?.message).toContain(`"${id}" has been revoked`);
    expect((await hub.graphql(READ, {}, bystander)).errors).toBeUndefined();
    // Tiles ask the same question of the token.
    const tile = await fetch(`${hub.url}/tiles/counties/5/26/11.mvt`, { headers: { authorization: `Bearer ${victim}` } });
    expect(tile.status).toBe(401);

    const [entry] = await sql<{ subject: string; role: string; entity: string }>(`select subject, role, entity from audit_entry where action = 'revokeToken' and entity_id = $1`, [id]);
    expect(entry).toEqual({ subject: 'admin-on-duty', role: 'admin', entity: 'Token' });
    const again = await hub.graphql(REVOKE, { id, reason: 'twice' }, admin);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('closes a live-update socket opened with the token when it is revoked', async () => {
    const victim = await token('viewer', [], 1, 'screen-in-the-lobby');
    let opened!: () => void;
    const connected = new Promise<void>((r) => (opened = r));
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      const client = createClient({
        url: `${hub.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${victim}` },
        on: {
          connected: () => opened(),
          closed: (event) => resolve({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }),
        },
      });
      client.subscribe({ query: 'subscription { dataChanged { sequence } }' }, { next: () => {}, error: () => {}, complete: () => {} });
    });
    await connected;
    const revoked = await hub.graphql(REVOKE, { id: describeToken(victim).id, reason: 'screen stolen' }, await token('admin'));
    expect(revoked.errors).toBeUndefined();
    expect(await closed).toEqual({ code: 4403, reason: 'Forbidden: the token has been revoked' });
  });

  it('revokes by the token itself, keeping its expiry, and lists revocations to admins', async () => {
    const victim = await token('viewer', [], 2, 'embed-in-the-wild');
    const admin = await token('admin');
    const revoked = await hub.graphql(REVOKE, { token: victim, reason: 'found on a public page' }, admin);
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data.revokeToken.id).toBe(describeToken(victim).id);
    expect(Date.parse(revoked.data.revokeToken.expiresAt)).toBe(describeToken(victim).expiresAt!.getTime());
    expect((await hub.graphql(READ, {}, victim)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const list = await hub.graphql('{ revokedTokens(limit: 1000) { id reason } }', {}, admin);
    expect(list.errors).toBeUndefined();
    expect(list.data.revokedTokens).toContainEqual({ id: describeToken(victim).id, reason: 'found on a public page' });
  });

  it('lets nobody but an admin revoke or list, and says what is wrong with the request', async () => {
    const id = describeToken(await token('viewer')).id!;
    for (const role of ['viewer', 'analyst', 'planner'] as const) {
      const answer = await hub.graphql(REVOKE, { id, reason: 'x' }, await token(role));
      expect({ role, code: answer.errors?.[0]?.extensions?.code }).toEqual({ role, code: 'FORBIDDEN' });
      expect((await hub.graphql('{ revokedTokens { id } }', {}, await token(role))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await hub.graphql(REVOKE, { id, reason: 'x' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await sql(`select 1 from revoked_token where token_id = $1`, [id])).length).toBe(0);

    const admin = await token('admin');
    const neither = await hub.graphql(REVOKE, { reason: 'x' }, admin);
    expect(neither.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    const badId = await hub.graphql(REVOKE, { id: 'not an id!', reason: 'x' }, admin);
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    const noReason = await hub.graphql(REVOKE, { id, reason: '  ' }, admin);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });
    const junk = await hub.graphql(REVOKE, { token: 'abc', reason: 'x' }, admin);
    expect(junk.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'token' });
  });
});

describe('embed tokens', () => {
  const MINT = 'mutation($days: Int) { createEmbedToken(label: "年度报告", days: $days) { token id expiresAt subject } }';

  it('are minted for 30 days unless asked, 90 at most, with the id they are revoked by', async () => {
    const analyst = await token('analyst');
    const minted = await hub.graphql(MINT, {}, analyst);
    expect(minted.errors).toBeUndefined();
    const embed = minted.data.createEmbedToken;
    expect(describeToken(embed.token).id).toBe(embed.id);
    const days = (Date.parse(embed.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect((await hub.graphql(MINT, { days: 90 }, analyst)).errors).toBeUndefined();
    expect((await hub.graphql(MINT, { days: 91 }, analyst)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'days' });
  });

  it('read, never write nor mint, and end when revoked', async () => {
    const embed = (await hub.graphql(MINT, { days: 7 }, await token('analyst'))).data.createEmbedToken as { token: string; id: string };
    expect((await hub.graphql(READ, {}, embed.token)).data).toMatchObject({ prefecture: { name: expect.any(String) } });
    const write = await hub.graphql('mutation { endPairing(id: 1, version: 1, endYear: 2020) { id } }', {}, embed.token);
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(write.errors?.[0]?.message).toContain('an embed token only reads');
    const mint = await hub.graphql(MINT, { days: 1 }, embed.token);
    expect(mint.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await hub.graphql(REVOKE, { id: embed.id, reason: 'report withdrawn' }, await token('admin'))).errors).toBeUndefined();
    expect((await hub.graphql(READ, {}, embed.token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
