/**
 * Who may read /metrics (issue 25: it was open to anyone who reached the
 * port). Without METRICS_TOKEN: direct connections from this machine only
 * (a request a reverse proxy forwarded is from elsewhere). With it: whoever
 * sends it as a bearer token, and nobody else, this machine included.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config/config.js';
import { metricsAccess } from '../../server/src/http/observability.js';
import { startTestServer, type TestServer } from '../support/server.js';

const TOKEN = 'metrics-0123456789abcdef0123456789abcdef';
const started: TestServer[] = [];
async function server(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(overrides);
  started.push(s);
  return s;
}
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
});

const metrics = (s: TestServer, headers: Record<string, string> = {}) => fetch(`${s.url}/metrics`, { headers });

describe('/metrics without METRICS_TOKEN', () => {
  it('answers a direct connection from this machine', async () => {
    const res = await metrics(await server());
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^# TYPE lingyan_http_request_duration_seconds histogram$/m);
  });

  it('refuses a request a proxy forwarded, with 403 and what to set', async () => {
    const s = await server();
    const forwarded: Array<Record<string, string>> = [{ 'x-forwarded-for': '10.1.2.3' }, { forwarded: 'for=10.1.2.3' }, { 'x-real-ip': '10.1.2.3' }];
    for (const header of forwarded) {
      const res = await metrics(s, header);
      expect(res.status, JSON.stringify(header)).toBe(403);
      const text = await res.text();
      expect(text).toContain('METRICS_TOKEN');
      expect(text).not.toContain('lingyan_');
    }
  });

  it('refuses a connection from another machine', () => {
    const from = (remoteAddress: string, headers = {}) => metricsAccess({ headers, socket: { remoteAddress } }, null);
    expect(from('10.1.2.3')?.status).toBe(403);
    expect(from('192.168.0.20')?.status).toBe(403);
    expect(from('::ffff:10.1.2.3')?.status).toBe(403);
    expect(from('127.0.0.1')).toBeNull();
    expect(from('::1')).toBeNull();
    expect(from('::ffff:127.0.0.1')).toBeNull();
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  it('refuses without the token (401, WWW-Authenticate), even from this machine, and with a wrong one', async () => {
    const s = await server({ metricsToken: TOKEN });
    const wrong: Array<Record<string, string>> = [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: `Bearer ${TOKEN.slice(0, -1)}` }, { authorization: TOKEN }, { authorization: `Basic ${TOKEN}` }];
    for (const headers of wrong) {
      const res = await metrics(s, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="lingyan-metrics"');
      expect(await res.text()).not.toContain('lingyan_');
    }
  });

  it('answers with the token, from this machine or through a proxy', async () => {
    const s = await server({ metricsToken: TOKEN });
    const right: Array<Record<string, string>> = [{ authorization: `Bearer ${TOKEN}` }, { authorization: `bearer ${TOKEN}`, 'x-forwarded-for': '10.1.2.3' }];
    for (const headers of right) {
      const res = await metrics(s, headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(await res.text()).toMatch(/^# TYPE lingyan_http_request_duration_seconds histogram$/m);
    }
    expect(metricsAccess({ headers: { authorization: `Bearer ${TOKEN}` }, socket: { remoteAddress: '10.1.2.3' } }, TOKEN)).toBeNull();
  });

  it('refuses a token too short to be safe at start', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/at least 32 printable characters/);
    expect(() => loadConfig({ METRICS_TOKEN: `${'a'.repeat(20)} ${'b'.repeat(20)}` })).toThrow(/without spaces/);
    expect(loadConfig({ METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    expect(loadConfig({}).metricsToken).toBeNull();
  });
});
