/** Every response carries the security headers; the policy allows nothing from outside the machine, no inline script and no framing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('security headers', () => {
  it.each(['/', '/screen', '/explorer', '/healthz', '/graphql?query=%7B__typename%7D'])('are sent with %s', async (path) => {
    const res = await fetch(`${server.url}${path}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    // Nothing names another host: the browser itself enforces the offline rule.
    expect(csp).not.toMatch(/https?:|\*/);
  });
});
