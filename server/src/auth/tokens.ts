/** Signed tokens (JWT, HS256 via jose): minting for the CLI and API, verifying for requests. */
import { SignJWT, errors, jwtVerify } from 'jose';
import { isRole, type Principal, type Role } from './roles.js';

const ISSUER = 'lingyan';
const AUDIENCE = 'lingyan-api';

export interface MintOptions {
  subject: string;
  role: Role;
  counties?: string[] | null;
  /** lifetime in days */
  days: number;
}

export async function mintToken(secret: Uint8Array, o: MintOptions): Promise<string> {
  return new SignJWT({ role: o.role, ...(o.counties?.length ? { counties: o.counties } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(o.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${Math.round(o.days * 24 * 3600)}s`)
    .sign(secret);
}

export class TokenProblem extends Error {
  override name = 'TokenProblem';
}

export async function verifyToken(secret: Uint8Array, token: string): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || !isRole(payload.role)) throw new TokenProblem('the token has no valid subject and role');
    const counties = Array.isArray(payload.counties) && payload.counties.every((c) => typeof c === 'string') ? (payload.counties as string[]) : null;
    return { subject: payload.sub, role: payload.role, counties };
  } catch (error) {
    if (error instanceof TokenProblem) throw error;
    if (error instanceof errors.JWTExpired) throw new TokenProblem('the token has expired; ask for a new one');
    throw new TokenProblem('the token is not valid for this hub');
  }
}
