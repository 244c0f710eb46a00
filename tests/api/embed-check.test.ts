/**
 * GET /embed/check tells any page whether its origin may frame the embedded
 * map (the embed script asks when its frame stays silent): allowed for the
 * origins in EMBED_ORIGINS and the hub's own, refused for every other and for
 * a request without an origin; readable cross-origin, without credentials,
 * never cached, and in step with the frame-ancestors /embed is sent with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedContentSecurityPolicy } from '../../server/src/http/security-headers.js';
import { startTestServer, type TestServer } from '../support/server.js';

const LISTED = ['https://report.example', 'http://127.0.0.1:9'];
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ embedOrigins: LISTED });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

async function check(origin: string | null): Promise<{ status: number; headers: Headers; body: { origin: string | null; allowed: boolean } }> {
  const res = await fetch(`${server.url}/embed/check`, { headers: origin ? { origin } : {} });
  return { status: res.status, headers: res.headers, body: (await res.json()) as never };
}

describe('GET /embed/check', () => {
  it.each([...LISTED, 'own'])('allows %s', async (listed) => {
    const origin = listed === 'own' ? server.url : listed;
    const { status, body } = await check(origin);
    expect(status).toBe(200);
    expect(body).toEqual({ origin, allowed: true });
  });

  it.each(['https://elsewhere.example', 'https://report.example.evil', 'http://report.example', 'null'])('refuses %s', async (origin) => {
    expect((await check(origin)).body).toEqual({ origin, allowed: false });
  });

  it('refuses a request without an origin', async () => {
    expect((await check(null)).body).toEqual({ origin: null, allowed: false });
  });

  it('is readable from any page, without credentials, and never cached', async () => {
    const { headers } = await check('https://elsewhere.example');
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(headers.get('access-control-allow-credentials')).toBeNull();
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('says what the frame-ancestors of /embed say', async () => {
    const csp = embedContentSecurityPolicy(LISTED);
    const ancestors = csp.split(';').map((d) => d.trim().split(/\s+/)).find(([name]) => name === 'frame-ancestors')!.slice(1);
    expect(ancestors).toEqual(["'self'", ...LISTED]);
    for (const origin of ancestors.filter((a) => a !== "'self'")) expect((await check(origin)).body.allowed).toBe(true);
  });
});
