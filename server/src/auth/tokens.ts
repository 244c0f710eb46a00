/** Signed tokens (JWT, HS256 via jose): minting for the CLI and API, verifying for requests. */
import crypto from 'node:crypto';
import { SignJWT, decodeJwt, errors, jwtVerify } from 'jose';
import { KeyProblem, KeyRing } from './keys.js';
import { isRole, type Principal, type Role } from './roles.js';

const ISSUER = 'lingyan';
const AUDIENCE = 'lingyan-api';

/**
 * The longest a token of each role may live, in days. A token that can
 * change data is short-lived; a leaked one is dangerous for less time. A
 * token without an expiry, or living longer than its role allows, is
 * refused, whoever signed it.
 */
export const MAX_DAYS: Readonly<Record<Role, number>> = { viewer: 366, analyst: 366, planner: 180, admin: 90 };

/**
 * Embed tokens (`use: "embed"`, role viewer) sit in a web page anyone can
 * read: they only read, and live 30 days unless asked otherwise, 90 at most.
 * One may be limited to counties: then it reads only those (lists, maps,
 * tiles) and no figure above county level (graphql/context.ts's
 * refuseAboveCounty); other roles' county limits bound their writes only.
 */
export const EMBED_DEFAULT_DAYS = 30;
export const EMBED_MAX_DAYS = 90;
const EMBED_USE = 'embed';

/** The longest a token may live, in days. */
export function maxDays(role: Role, embed = false): number {
  return embed ? EMBED_MAX_DAYS : MAX_DAYS[role];
}

/** Clock skew allowed between the signer and this hub, seconds. */
const SKEW_S = 60;

/** A county code as tokens name them: 12 digits, the last six zero. */
const COUNTY_CODE = /^[0-9]{6}000000$/;

export interface MintOptions {
  subject: string;
  role: Role;
  counties?: string[] | null;
  /** lifetime in days */
  days: number;
  /** an embed token: read-only, role viewer, at most EMBED_MAX_DAYS */
  embed?: boolean;
}

/**
 * Signs a token with the ring's signing key (its `kid` in the header) and a
 * fresh token id (`jti`, what an admin revokes it by). A bare secret signs
 * as the base key.
 */
export async function mintToken(keys: Uint8Array | KeyRing, o: MintOptions): Promise<string> {
  const most = maxDays(o.role, o.embed);
  if (o.days > most) throw new RangeError(`a ${o.embed ? 'embed' : o.role} token lives at most ${most} days, not ${o.days}`);
  if (o.embed && o.role !== 'viewer') throw new RangeError(`an embed token has role viewer, not ${o.role}`);
  const bad = (o.counties ?? []).filter((c) => !COUNTY_CODE.test(c));
  if (bad.length > 0) throw new RangeError(`not county codes (12 digits ending in 000000): ${bad.join(', ')}`);
  const key = KeyRing.of(keys).signing();
  return new SignJWT({ role: o.role, ...(o.counties?.length ? { counties: o.counties } : {}), ...(o.embed ? { use: EMBED_USE } : {}) })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid })
    .setSubject(o.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setJti(crypto.randomBytes(16).toString('base64url'))
    .setExpirationTime(`${Math.round(o.days * 24 * 3600)}s`)
    .sign(key.secret);
}

/** What a token says about itself, unverified (for the CLI and the mint mutation to report). */
export function describeToken(token: string): { id: string | null; expiresAt: Date | null } {
  const { jti, exp } = decodeJwt(token);
  return { id: typeof jti === 'string' ? jti : null, expiresAt: typeof exp === 'number' ? new Date(exp * 1000) : null };
}

/** Signs claims as given, with the hub's issuer and audience (and a key id, when given): for tests of what verifyToken refuses. */
export function signClaims(secret: Uint8Array, claims: Record<string, unknown>, kid?: string): Promise<string> {
  return new SignJWT({ iss: ISSUER, aud: AUDIENCE, ...claims }).setProtectedHeader({ alg: 'HS256', ...(kid !== undefined ? { kid } : {}) }).sign(secret);
}

export class TokenProblem extends Error {
  override name = 'TokenProblem';
}

export async function verifyToken(keys: Uint8Array | KeyRing, token: string): Promise<Principal> {
  const ring = KeyRing.of(keys);
  try {
    const { payload } = await jwtVerify(token, (header) => ring.verifying(header.kid), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['sub', 'iat', 'exp'] });
    if (typeof payload.sub !== 'string' || !isRole(payload.role)) throw new TokenProblem('the token has no valid subject and role');
    if (payload.use !== undefined && payload.use !== EMBED_USE) throw new TokenProblem(`the token's "use" claim must be "${EMBED_USE}" or absent`);
    const embed = payload.use === EMBED_USE;
    if (embed && payload.role !== 'viewer') throw new TokenProblem('an embed token must have role viewer');
    const most = maxDays(payload.role, embed);
    if (payload.exp! - payload.iat! > most * 86_400 + SKEW_S) {
      throw new TokenProblem(`the token lives longer than ${embed ? 'an embed' : `a ${payload.role}`} token may (${most} days); ask for a new one`);
    }
    if (payload.jti !== undefined && (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 64)) throw new TokenProblem('the token\'s id ("jti") is not valid');
    return {
      subject: payload.sub,
      role: payload.role,
      counties: countiesClaim(payload.counties),
      ...(payload.jti !== undefined ? { tokenId: payload.jti } : {}),
      ...(embed ? { embed: true } : {}),
    };
  } catch (error) {
    if (error instanceof TokenProblem) throw error;
    if (error instanceof KeyProblem) throw new TokenProblem(`${error.message}; ask for a new one`);
    if (error instanceof errors.JWTExpired) throw new TokenProblem('the token has expired; ask for a new one');
    if (error instanceof errors.JWTClaimValidationFailed && error.reason === 'missing') throw new TokenProblem(`the token has no "${error.claim}" claim; ask for a new one`);
    throw new TokenProblem('the token is not valid for this hub');
  }
}

/**
 * The counties a token is limited to: absent means the whole prefecture;
 * anything else than a non-empty list of county codes is refused — read
 * leniently, a malformed list would grant every county.
 */
function countiesClaim(claim: unknown): string[] | null {
  if (claim === undefined) return null;
  if (Array.isArray(claim) && claim.length > 0 && claim.every((c) => typeof c === 'string' && COUNTY_CODE.test(c))) return claim as string[];
  throw new TokenProblem('the token\'s county list is not a list of county codes');
}
