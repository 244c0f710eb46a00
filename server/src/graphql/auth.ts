/**
 * Authentication and authorisation for GraphQL: the principal of a request
 * from its bearer token, and the checks resolvers call before changing data.
 * Errors say which role or county is missing.
 */
import type { KeyRing } from '../auth/keys.js';
import { ANONYMOUS, coversCounty, hasRole, type Principal, type Role } from '../auth/roles.js';
import { TokenProblem, verifyToken } from '../auth/tokens.js';
import { ApiError, ErrorCode } from './errors.js';

export interface AuthOptions {
  /** the keys that verify tokens (a bare secret: the base key only) */
  keys: KeyRing | Uint8Array;
  publicRead: boolean;
  /** the revocation list (auth/revocations.ts); absent: nothing is revoked (scripts, unit tests) */
  revocations?: { isRevoked(tokenId: string): Promise<boolean> };
}

function unauthenticated(message: string): ApiError {
  return new ApiError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });
}

/** The principal of a request; anonymous readers only when PUBLIC_READ allows them. */
export async function principalOf(authorization: string | undefined, o: AuthOptions): Promise<Principal | null> {
  if (!authorization) {
    if (!o.publicRead) throw unauthenticated('reading needs a token: send "Authorization: Bearer <token>" (pnpm run token --role viewer mints one)');
    return null;
  }
  const m = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!m) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  let principal: Principal;
  try {
    principal = await verifyToken(o.keys, m[1]!);
  } catch (error) {
    if (error instanceof TokenProblem) throw unauthenticated(error.message);
    throw error;
  }
  if (principal.tokenId !== undefined && (await o.revocations?.isRevoked(principal.tokenId))) {
    throw unauthenticated(`the token "${principal.tokenId}" has been revoked; ask for a new one`);
  }
  return principal;
}

/** Throws unless the request carries a token with at least `role`. */
export function requireRole(principal: Principal | null, role: Role, action: string): Principal {
  if (!principal) throw unauthenticated(`${action} needs a token with role ${role}: send "Authorization: Bearer <token>"`);
  if (principal.embed) throw new ApiError(ErrorCode.FORBIDDEN, `${action} needs role ${role}; an embed token only reads`, { neededRole: role, role: 'embed' });
  if (!hasRole(principal, role)) {
    throw new ApiError(ErrorCode.FORBIDDEN, `${action} needs role ${role}; this token has role ${principal.role}`, { neededRole: role, role: principal.role });
  }
  return principal;
}

/** Throws unless the principal may change data of the county. */
export function requireCounty(principal: Principal, countyCode: string, action: string): void {
  if (!coversCounty(principal, countyCode)) {
    throw new ApiError(
      ErrorCode.FORBIDDEN,
      `${action} changes county ${countyCode}, which this token is not limited to (it covers ${principal.counties?.join(', ') ?? 'none'})`,
      { county: countyCode },
    );
  }
}

export { ANONYMOUS };
