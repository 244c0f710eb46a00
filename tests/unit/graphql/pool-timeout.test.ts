/**
 * server/src/graphql/pool-timeout.ts reads knex's error for a pool that ran
 * dry by its class name and message. Here knex itself (as MikroORM ships it)
 * times out acquiring a connection from a server that accepts the TCP
 * connection and never answers: a knex upgrade that renames the error or
 * rewords it fails this test before the hub answers INTERNAL for a busy pool.
 */
import net from 'node:net';
import { knex } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, databaseFailure } from '../../../server/src/graphql/errors.js';
import { isPoolTimeout } from '../../../server/src/graphql/pool-timeout.js';

const held = new Set<net.Socket>();
const silent = net.createServer((socket) => {
  held.add(socket);
  socket.on('close', () => held.delete(socket));
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  port = (silent.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

describe('a pool that runs dry', () => {
  it('is recognised in the error knex raises, and answered SERVICE_UNAVAILABLE (busy)', async () => {
    const db = knex({ client: 'pg', connection: { host: '127.0.0.1', port, user: 'nobody', database: 'none' }, pool: { min: 0, max: 1 }, acquireConnectionTimeout: 300 });
    const error = await db.raw('select 1').then(
      () => null,
      (e: unknown) => e,
    );
    for (const socket of held) socket.destroy();
    await db.destroy();
    expect(error).toBeInstanceOf(Error);
    expect(isPoolTimeout(error)).toBe(true);
    expect(databaseFailure(error)).toEqual({ code: ErrorCode.SERVICE_UNAVAILABLE, message: 'the database is busy; try again shortly', log: true });
  });

  it('is not any other failure', () => {
    expect(isPoolTimeout(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe(false);
    expect(isPoolTimeout(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe(false);
    expect(isPoolTimeout(null)).toBe(false);
    expect(isPoolTimeout('Timeout acquiring a connection')).toBe(false);
  });
});
