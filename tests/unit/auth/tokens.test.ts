/**
 * Tokens are refused unless they expire, live no longer than their role
 * allows, and name their counties as county codes (issue 25); a token
 * secret kept in DATA_DIR is held to the same length as AUTH_SECRET.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecret, MIN_SECRET_LENGTH } from '../../../server/src/auth/secret.js';
import { MAX_DAYS, mintToken, signClaims, TokenProblem, verifyToken } from '../../../server/src/auth/tokens.js';

const SECRET = new TextEncoder().encode('unit-test-secret-0123456789abcdef-0123456789');
const NOW = () => Math.floor(Date.now() / 1000);

async function refusal(token: string): Promise<string> {
  try {
    await verifyToken(SECRET, token);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenProblem);
    return (error as Error).message;
  }
  throw new Error('the token was accepted');
}

describe('tokens', () => {
  it('accepts a token the hub minted, within its role\'s lifetime', async () => {
    const token = await mintToken(SECRET, { subject: 'p', role: 'planner', counties: ['159901000000'], days: MAX_DAYS.planner });
    expect(await verifyToken(SECRET, token)).toEqual({ subject: 'p', role: 'planner', counties: ['159901000000'], tokenId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
  });

  it('refuses a token without an expiry', async () => {
    expect(await refusal(await signClaims(SECRET, { sub: 'x', role: 'viewer', iat: NOW() }))).toMatch(/no "exp" claim/);
  });

  it('refuses a token that lives longer than its role allows, at the edge by one day', async () => {
    const iat = NOW();
    const ok = await signClaims(SECRET, { sub: 'a', role: 'admin', iat, exp: iat + MAX_DAYS.admin * 86_400 });
    expect((await verifyToken(SECRET, ok)).role).toBe('admin');
    const long = await signClaims(SECRET, { sub: 'a', role: 'admin', iat, exp: iat + (MAX_DAYS.admin + 1) * 86_400 });
    expect(await refusal(long)).toMatch(/longer than a admin token may \(90 days\)/);
  });

  it('refuses a county list that is not a list of county codes, instead of granting every county', async () => {
    for (const counties of ['159901000000', [159901000000], ['x'], ['159901101000'], [], { 0: '159901000000' }, null]) {
      const token = await signClaims(SECRET, { sub: 'p', role: 'planner', counties, iat: NOW(), exp: NOW() + 3600 });
      expect(await refusal(token)).toMatch(/county list/);
    }
  });

  it('mints no token longer than the role allows, nor with a county that is not one', async () => {
    await expect(mintToken(SECRET, { subject: 'a', role: 'admin', days: MAX_DAYS.admin + 1 })).rejects.toThrow(/at most 90 days/);
    await expect(mintToken(SECRET, { subject: 'p', role: 'planner', counties: ['1599'], days: 1 })).rejects.toThrow(/not county codes/);
  });

  it('refuses a short secret kept in DATA_DIR, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lingyan-secret-'));
    try {
      writeFileSync(join(dir, 'auth-secret'), 'x\n');
      expect(() => loadSecret(null, dir)).toThrow(new RegExp(`auth-secret" is 1 characters long; it must be at least ${MIN_SECRET_LENGTH}`));
      writeFileSync(join(dir, 'auth-secret'), 'y'.repeat(MIN_SECRET_LENGTH));
      expect(loadSecret(null, dir).length).toBe(MIN_SECRET_LENGTH);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
