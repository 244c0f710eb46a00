/** Which requests the tiles' own path takes from Express, and how it reads them; its per-client budget. */
import http from 'node:http';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RequestBudget } from '../../../server/src/http/guards.js';
import { tileTarget } from '../../../server/src/http/tile-path.js';

describe('tileTarget', () => {
  it('takes /tiles and what lies under it, in any case (as Express mounted it), with the query apart', () => {
    expect(tileTarget('/tiles/villages/8/210/93.mvt?year=2019')).toEqual({ pathname: '/tiles/villages/8/210/93.mvt', path: '/villages/8/210/93.mvt', query: 'year=2019' });
    expect(tileTarget('/tiles/villages/8/210/93.mvt')).toEqual({ pathname: '/tiles/villages/8/210/93.mvt', path: '/villages/8/210/93.mvt', query: '' });
    expect(tileTarget('/tiles')).toEqual({ pathname: '/tiles', path: '', query: '' });
    expect(tileTarget('/tiles?year=2019')).toEqual({ pathname: '/tiles', path: '', query: 'year=2019' });
    expect(tileTarget('/Tiles/villages/8/210/93.mvt')?.path).toBe('/villages/8/210/93.mvt');
    expect(tileTarget('/tiles/villages/8/210/93.mvt?year=2019#x')?.query).toBe('year=2019');
  });

  it('reads the absolute form a forward proxy sends', () => {
    expect(tileTarget('http://hub.example:4000/tiles/counties/5/26/11.mvt?year=2020')).toEqual({ pathname: '/tiles/counties/5/26/11.mvt', path: '/counties/5/26/11.mvt', query: 'year=2020' });
  });

  it('leaves everything else to Express', () => {
    for (const url of ['/', '/tilesx/villages/8/1/1.mvt', '/tile/villages/8/1/1.mvt', '/graphql', '/assets/tiles/a.js', '/x?/tiles/', '*', 'hub.example:4000', 'http://hub.example/graphql']) {
      expect([url, tileTarget(url)]).toEqual([url, null]);
    }
  });
});

describe('RequestBudget', () => {
  const request = (address: string) => ({ socket: { remoteAddress: address } as Socket }) as http.IncomingMessage;
  const response = () => new http.ServerResponse({ method: 'GET' } as http.IncomingMessage);

  it('counts per client, with the RateLimit headers, and answers 429 past the budget', async () => {
    const budget = new RequestBudget(2);
    try {
      const first = response();
      expect(await budget.admit(request('10.0.0.1'), first)).toBe(true);
      expect(first.getHeader('ratelimit-policy')).toBe('2;w=60');
      expect(first.getHeader('ratelimit')).toBe('limit=2, remaining=1, reset=60');
      expect(await budget.admit(request('10.0.0.1'), response())).toBe(true);
      const refused = response();
      expect(await budget.admit(request('10.0.0.1'), refused)).toBe(false);
      expect([refused.statusCode, refused.getHeader('retry-after'), refused.getHeader('ratelimit')]).toEqual([429, '60', 'limit=2, remaining=0, reset=60']);
      // Another client has a budget of its own; addresses of one IPv6 /56 count as one client.
      expect(await budget.admit(request('10.0.0.2'), response())).toBe(true);
      expect(await budget.admit(request('2001:db8:0:1::1'), response())).toBe(true);
      expect(await budget.admit(request('2001:db8:0:2::9'), response())).toBe(true);
      expect(await budget.admit(request('2001:db8:0:3::7'), response())).toBe(false);
    } finally {
      budget.close();
    }
  });
});
