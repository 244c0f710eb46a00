/** Signed tokens (JWT, HS256 via jose): minting for the CLI and API, verifying for requests. */
import { SignJWT, errors, jwtVerify } from 'jose';
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
}

export async function mintToken(secret: Uint8Array, o: MintOptions): Promise<string> {
  if (o.days > MAX_DAYS[o.role]) throw new RangeError(`a ${o.role} token lives at most ${MAX_DAYS[o.role]} days, not ${o.days}`);
  const bad = (o.counties ?? []).filter((c) => !COUNTY_CODE.test(c));
  if (bad.length > 0) throw new RangeError(`not county codes (12 digits ending in 000000): ${bad.join(', ')}`);
  return new SignJWT({ role: o.role, ...(o.counties?.length ? { counties: o.counties } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(o.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${Math.round(o.days * 24 * 3600)}s`)
    .sign(secret);
}

/** Signs claims as given, with the hub's issuer and audience: for tests of what verifyToken refuses. */
export function signClaims(secret: Uint8Array, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT({ iss: ISSUER, aud: AUDIENCE, ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(secret);
}

export class TokenProblem extends Error {
  override name = 'TokenProblem';
}

export async function verifyToken(secret: Uint8Array, token: string): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['sub', 'iat', 'exp'] });
    if (typeof payload.sub !== 'string' || !isRole(payload.role)) throw new TokenProblem('the token has no valid subject and role');
    if (payload.exp! - payload.iat! > MAX_DAYS[payload.role] * 86_400 + SKEW_S) {
      throw new TokenProblem(`the token lives longer than a ${payload.role} token may (${MAX_DAYS[payload.role]} days); ask for a new one`);
    }
    return { subject: payload.sub, role: payload.role, counties: countiesClaim(payload.counties) };
  } catch (error) {
    if (error instanceof TokenProblem) throw error;
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
