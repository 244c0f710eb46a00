/**
 * Key rotation (issue 25): tokens name the key that signed them (`kid`); a
 * new key signs from the moment it is added while older keys keep verifying
 * until retired; a retired key's tokens are refused; tokens without a kid
 * verify with the base key (AUTH_SECRET or DATA_DIR/auth-secret). Embed
 * tokens only read like a viewer and live 90 days at most.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BASE_KID, KeyRing, readKeyFile, retireKey, rotateKey } from '../../../server/src/auth/keys.js';
import { EMBED_MAX_DAYS, describeToken, mintToken, signClaims, TokenProblem, verifyToken } from '../../../server/src/auth/tokens.js';

const BASE = new TextEncoder().encode('rotation-test-base-secret-0123456789abcdef');
const NOW = () => Math.floor(Date.now() / 1000);

/** The key a token names (its protected header's kid). */
function kidOf(token: string): string | undefined {
  return (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { kid?: string }).kid;
}

/** A token signed with `secret`, naming key `kid` (none: no kid), valid for an hour. */
function signed(secret: Uint8Array, role: string, kid?: string): Promise<string> {
  const iat = NOW();
  return signClaims(secret, { sub: 'x', role, iat, exp: iat + 3600 }, kid);
}

async function refusal(ring: KeyRing, token: string): Promise<string> {
  try {
    await verifyToken(ring, token);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenProblem);
    return (error as Error).message;
  }
  throw new Error('the token was accepted');
}

/**
 * The hub's ring looks at the file at most once a second (RECHECK_MS): the
 * clock (Date only, faked in these tests) moves a second on, and the next
 * verification has read the change. Just short of the second, it has not.
 */
async function aSecondOn(stillHeld: () => Promise<boolean>): Promise<void> {
  vi.setSystemTime(Date.now() + 999);
  expect(await stillHeld()).toBe(true);
  vi.setSystemTime(Date.now() + 1);
}

describe('key rotation', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    dir = mkdtempSync(join(tmpdir(), 'lingyan-keys-'));
    file = join(dir, 'auth-keys.json');
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs with the base key until a key is added, then with the new one; old tokens keep verifying until their key is retired', async () => {
    const hub = new KeyRing(BASE, file);
    const before = await mintToken(hub, { subject: 'v', role: 'viewer', days: 1 });
    expect(kidOf(before)).toBe(BASE_KID);

    const added = rotateKey(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A key added by the CLI is known to a running hub at once (an unknown kid makes it read the file).
    const cliToken = await mintToken(new KeyRing(BASE, file), { subject: 'p', role: 'planner', days: 1 });
    expect(kidOf(cliToken)).toBe(added.kid);
    expect((await verifyToken(hub, cliToken)).subject).toBe('p');
    expect((await verifyToken(hub, before)).subject).toBe('v');

    retireKey(file, BASE, BASE_KID);
    await aSecondOn(async () => (await verifyToken(hub, before)).subject === 'v');
    expect(await refusal(hub, before)).toMatch(/key "base", retired on .*ask for a new one/);
    expect((await verifyToken(hub, cliToken)).subject).toBe('p');
    // With the base key retired, a token without a kid (minted before rotation existed) is refused too.
    const legacy = await signed(BASE, 'viewer');
    expect(await refusal(hub, legacy)).toMatch(/retired/);
  });

  it('refuses a retired rotated key\'s tokens while its successor\'s verify', async () => {
    const first = rotateKey(file, new Date(Date.now() - 60_000));
    const hub = new KeyRing(BASE, file);
    const old = await mintToken(hub, { subject: 'old', role: 'analyst', days: 1 });
    expect(kidOf(old)).toBe(first.kid);
    const second = rotateKey(file);
    const fresh = await mintToken(new KeyRing(BASE, file), { subject: 'new', role: 'analyst', days: 1 });
    expect(kidOf(fresh)).toBe(second.kid);
    retireKey(file, BASE, first.kid);
    await aSecondOn(async () => (await verifyToken(hub, old)).subject === 'old');
    expect(await refusal(hub, old)).toContain(`key "${first.kid}", retired on`);
    expect((await verifyToken(hub, fresh)).subject).toBe('new');
    expect(readKeyFile(file).map((k) => [k.kid, k.retired !== undefined])).toEqual([
      [first.kid, true],
      [second.kid, false],
    ]);
  });

  it('refuses a token naming a key it does not know, and one signed by the right kid with another secret', async () => {
    const hub = new KeyRing(BASE, file);
    const stranger = await signed(BASE, 'admin', 'k-unknown');
    expect(await refusal(hub, stranger)).toContain('key "k-unknown", which this hub does not know');
    const key = rotateKey(file);
    const forged = await signed(BASE, 'admin', key.kid);
    expect(await refusal(hub, forged)).toBe('the token is not valid for this hub');
  });

  it('never retires the last key that can sign, and checks the key file', () => {
    expect(() => retireKey(file, BASE, BASE_KID)).toThrow(/would leave no key to sign tokens; add one first/);
    expect(() => retireKey(file, BASE, 'k-none')).toThrow(/there is no key "k-none"/);
    writeFileSync(file, JSON.stringify({ keys: [{ kid: 'k1', secret: 'short', created: new Date().toISOString() }] }));
    expect(() => new KeyRing(BASE, file)).toThrow(/key 1 \(k1\): "secret" must be at least 32 characters/);
    writeFileSync(file, '{"keys": [');
    expect(() => new KeyRing(BASE, file)).toThrow(/is not JSON/);
  });

  it('keeps the keys it holds while the file is broken by a hand edit', async () => {
    rotateKey(file);
    const hub = new KeyRing(BASE, file);
    const token = await mintToken(hub, { subject: 'v', role: 'viewer', days: 1 });
    writeFileSync(file, '{"keys": [');
    // A token naming an unknown key makes the ring read the file at once: it meets the broken file.
    const unknown = await signed(BASE, 'viewer', 'k-unknown');
    expect(await refusal(hub, unknown)).toMatch(/does not know/);
    expect((await verifyToken(hub, token)).subject).toBe('v');
  });
});

describe('token ids and embed tokens', () => {
  it('gives every token its own id', async () => {
    const a = describeToken(await mintToken(BASE, { subject: 'v', role: 'viewer', days: 1 }));
    const b = describeToken(await mintToken(BASE, { subject: 'v', role: 'viewer', days: 1 }));
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.id).not.toBe(b.id);
    const principal = await verifyToken(BASE, await mintToken(BASE, { subject: 'v', role: 'viewer', days: 1 }));
    expect(principal.tokenId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('mints embed tokens as read-only viewers of at most 90 days, optionally limited to counties', async () => {
    const embed = await verifyToken(BASE, await mintToken(BASE, { subject: 'embed:r', role: 'viewer', days: EMBED_MAX_DAYS, embed: true }));
    expect(embed).toMatchObject({ role: 'viewer', embed: true, counties: null });
    await expect(mintToken(BASE, { subject: 'e', role: 'viewer', days: EMBED_MAX_DAYS + 1, embed: true })).rejects.toThrow(/embed token lives at most 90 days/);
    await expect(mintToken(BASE, { subject: 'e', role: 'planner', days: 1, embed: true })).rejects.toThrow(/role viewer/);
    const limited = await verifyToken(BASE, await mintToken(BASE, { subject: 'e', role: 'viewer', days: 1, embed: true, counties: ['159901000000'] }));
    expect(limited).toMatchObject({ role: 'viewer', embed: true, counties: ['159901000000'] });
    await expect(mintToken(BASE, { subject: 'e', role: 'viewer', days: 1, embed: true, counties: ['1599010'] })).rejects.toThrow(/not county codes/);
  });

  it('refuses an embed token signed for longer than 90 days, with another role, or another use', async () => {
    const iat = NOW();
    const ring = KeyRing.of(BASE);
    expect(await refusal(ring, await signClaims(BASE, { sub: 'e', role: 'viewer', use: 'embed', iat, exp: iat + (EMBED_MAX_DAYS + 1) * 86_400 }))).toMatch(/longer than an embed token may \(90 days\)/);
    expect(await refusal(ring, await signClaims(BASE, { sub: 'e', role: 'admin', use: 'embed', iat, exp: iat + 3600 }))).toMatch(/embed token must have role viewer/);
    expect(await refusal(ring, await signClaims(BASE, { sub: 'e', role: 'viewer', use: 'everything', iat, exp: iat + 3600 }))).toMatch(/"use" claim/);
  });
});
