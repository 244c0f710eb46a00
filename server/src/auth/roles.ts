/**
 * Who may do what. Roles are ordered: each includes the ones before it.
 * A planner's token may be limited to county codes; it may change data only
 * inside them. Admins are never limited.
 */
export const ROLES = ['viewer', 'analyst', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** token subject: a person or service name */
  subject: string;
  role: Role;
  /** county codes the token is limited to; null = the whole prefecture */
  counties: string[] | null;
  /** the token's id (`jti`), by which an admin revokes it; absent for tokens minted before ids */
  tokenId?: string;
  /** an embed token: reads only, whatever a resolver would let its role do */
  embed?: boolean;
}

export const ANONYMOUS: Principal = { subject: 'anonymous', role: 'viewer', counties: null };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(p: Principal, needed: Role): boolean {
  return ROLES.indexOf(p.role) >= ROLES.indexOf(needed);
}

/** Whether the principal may change data of this county. */
export function coversCounty(p: Principal, countyCode: string): boolean {
  return p.role === 'admin' || p.counties === null || p.counties.includes(countyCode);
}

/** The 12-digit county code of any division code (county = first 6 digits). */
export function countyOf(code: string): string {
  return `${code.slice(0, 6)}000000`;
}
