/**
 * The embedded database's socket is closed to others (issue 25): PGlite lets
 * any connection in as its superuser, so the worker asks a password
 * (SCRAM-SHA-256) first. It is made at the first start and kept in
 * DATA_DIR/db-password, mode 0600. A client with it works (the hub does, and
 * every test that connects through the URL), a client with a wrong one or
 * none is refused before PGlite sees a byte, and the hub serves as before.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config/config.js';
import { socketPassword } from '../../server/src/db/embedded.js';
import { bootstrap, type App } from '../../server/src/http/app.js';
import { quietLogger, TEST_SECRET } from '../support/server.js';

let app: App;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lingyan-socket-auth-'));
  app = await bootstrap({ ...loadConfig({}), databaseUrl: null, dataDir, port: 0, seedDemo: false, authSecret: TEST_SECRET, responseCacheMb: 0, warmUp: false, rateLimitPerMinute: 0 }, quietLogger);
}, 180_000);

afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function withPassword(password: string): string {
  const url = new URL(app.db.url);
  url.password = password;
  return url.toString();
}

async function connectError(connectionString: string): Promise<{ code?: string; message: string } | null> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error as { code?: string; message: string };
  } finally {
    await client.end().catch(() => {});
  }
}

function startupMessage(): Buffer {
  const body = Buffer.from('user\0postgres\0database\0postgres\0\0');
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length, 0);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, body]);
}

function queryMessage(sql: string): Buffer {
  const body = Buffer.from(`${sql}\0`);
  const head = Buffer.alloc(5);
  head.write('Q', 0);
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

/** Writes `bytes` to the socket and collects what the server sends until it closes the connection. */
function rawExchange(bytes: Buffer): Promise<Buffer> {
  const { hostname, port } = new URL(app.db.url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.setTimeout(15_000, () => {
      socket.destroy();
      reject(new Error(`the server kept the connection open; it sent ${Buffer.concat(chunks).toString('latin1')}`));
    });
  });
}

/** The types of the backend messages in `bytes`, with the authentication request code for R. */
function messageTypes(bytes: Buffer): string[] {
  const types: string[] = [];
  for (let at = 0; at + 5 <= bytes.length; at += 1 + bytes.readInt32BE(at + 1)) {
    const type = String.fromCharCode(bytes[at]!);
    types.push(type === 'R' ? `R${bytes.readInt32BE(at + 5)}` : type);
  }
  return types;
}

describe('the embedded database socket', () => {
  it('keeps its password in DATA_DIR, readable by the hub user only, and names it in its URL', () => {
    const file = join(dataDir, 'db-password');
    const password = readFileSync(file, 'utf8').trim();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(decodeURIComponent(new URL(app.db.url).password)).toBe(password);
  });

  it('lets a client with the password in', async () => {
    const client = new pg.Client({ connectionString: app.db.url });
    await client.connect();
    try {
      expect((await client.query<{ n: number }>('select 1 + 1 as n')).rows).toEqual([{ n: 2 }]);
      expect((await client.query<{ v: string }>('select postgis_lib_version() as v')).rows[0]?.v).toMatch(/^3\./);
    } finally {
      await client.end();
    }
  });

  it('refuses a client with a wrong password (28P01), or with the old default', async () => {
    for (const password of ['postgres', `${decodeURIComponent(new URL(app.db.url).password)}x`]) {
      const error = await connectError(withPassword(password));
      expect(error?.code, error?.message).toBe('28P01');
    }
  });

  it('refuses a client without a password', async () => {
    const url = new URL(app.db.url);
    url.password = '';
    url.username = 'postgres';
    const error = await connectError(url.toString());
    expect(error, 'a client without a password got in').not.toBeNull();
  });

  it('answers a client that skips the password exchange with an error and closes, running nothing', async () => {
    const answer = await rawExchange(Buffer.concat([startupMessage(), queryMessage('select 1')]));
    // The SASL request, then the refusal: no AuthenticationOk (R0), no rows (T/D), no ReadyForQuery (Z).
    expect(messageTypes(answer)).toEqual(['R10', 'E']);
    expect(answer.toString('latin1')).toContain('08P01');
  });

  it('refuses a client that names another authentication mechanism', async () => {
    const mechanism = Buffer.from('PLAIN\0');
    const body = Buffer.concat([mechanism, Buffer.from([0, 0, 0, 4]), Buffer.from('x\0x\0')]);
    const head = Buffer.alloc(5);
    head.write('p', 0);
    head.writeInt32BE(4 + body.length, 1);
    const answer = await rawExchange(Buffer.concat([startupMessage(), head, body]));
    expect(messageTypes(answer)).toEqual(['R10', 'E']);
    expect(answer.toString('latin1')).toContain('SCRAM-SHA-256');
  });

  it('keeps serving the hub', async () => {
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ counties { code } }' }) });
    expect(await res.json()).toEqual({ data: { counties: [] } });
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });
});

describe('the embedded database password', () => {
  it('is kept across starts, set back to 0600 when a copy loosened it, and refused when too short', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lingyan-db-password-'));
    try {
      const first = socketPassword(dir);
      expect(socketPassword(dir)).toBe(first);
      chmodSync(join(dir, 'db-password'), 0o644);
      expect(socketPassword(dir)).toBe(first);
      expect(statSync(join(dir, 'db-password')).mode & 0o777).toBe(0o600);
      writeFileSync(join(dir, 'db-password'), 'short');
      expect(() => socketPassword(dir)).toThrow(/is 5 characters long; it must be at least 16/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is new for each in-memory database', () => {
    expect(socketPassword(null)).not.toBe(socketPassword(null));
    expect(socketPassword(null).length).toBeGreaterThanOrEqual(16);
  });
});
