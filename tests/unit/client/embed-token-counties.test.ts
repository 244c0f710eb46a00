/**
 * client/src/embed/token-counties.ts: which counties an embed token is
 * limited to (read from its claims, not verified: the hub limits the reads),
 * and the outline a limited embed opens on.
 */
import { describe, expect, it } from 'vitest';
import { countiesOutline, tokenCounties } from '../../../client/src/embed/token-counties';

const part = (claims: unknown) => Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
const jwt = (claims: unknown) => `${part({ alg: 'HS256', kid: 'k1' })}.${part(claims)}.c2lnbmF0dXJl`;

describe('tokenCounties', () => {
  it('reads the counties of an embed token, ascending', () => {
    expect(tokenCounties(jwt({ role: 'viewer', use: 'embed', counties: ['159903000000', '159901000000'], sub: 'embed:报告（限旗县）' }))).toEqual([
      '159901000000',
      '159903000000',
    ]);
  });

  it('gives null for a whole-prefecture embed token, a token of another use, none, or one it cannot read', () => {
    expect(tokenCounties(jwt({ role: 'viewer', use: 'embed' }))).toBeNull();
    // A planner limited to counties reads the whole prefecture (the limit is on writes).
    expect(tokenCounties(jwt({ role: 'planner', counties: ['159901000000'] }))).toBeNull();
    expect(tokenCounties(null)).toBeNull();
    expect(tokenCounties('')).toBeNull();
    expect(tokenCounties('not-a-token')).toBeNull();
    expect(tokenCounties('a.%%%.b')).toBeNull();
    expect(tokenCounties(`a.${Buffer.from('not json').toString('base64url')}.b`)).toBeNull();
  });

  it('gives null when any listed county is not a 12-digit code (the hub refuses such a token)', () => {
    expect(tokenCounties(jwt({ use: 'embed', counties: ['159901000000', '1599'] }))).toBeNull();
    expect(tokenCounties(jwt({ use: 'embed', counties: '159901000000' }))).toBeNull();
    expect(tokenCounties(jwt({ use: 'embed', counties: [] }))).toBeNull();
  });
});

describe('countiesOutline', () => {
  const square = (x: number) => [[[x, 43], [x + 1, 43], [x + 1, 44], [x, 44], [x, 43]]];
  it('puts polygons and multipolygons together in one multipolygon', () => {
    expect(
      countiesOutline([
        { type: 'Polygon', coordinates: square(115) },
        { type: 'MultiPolygon', coordinates: [square(116), square(118)] },
      ]),
    ).toEqual({ type: 'MultiPolygon', coordinates: [square(115), square(116), square(118)] });
  });

  it('gives null with nothing to outline', () => {
    expect(countiesOutline([])).toBeNull();
    expect(countiesOutline([{ type: 'Point', coordinates: [115, 43] }])).toBeNull();
  });
});
