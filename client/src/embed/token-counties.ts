/**
 * The counties an embed token is limited to (限定旗县), read from the token's
 * own claims (a JWT's middle part). Read, not verified: the hub verifies and
 * limits every read; the page only needs to know where to open and what to
 * draw around the map, so that it opens on those counties rather than on a
 * prefecture it may not show. A token that cannot be read counts as not
 * limited (the hub then says what is wrong with it).
 */
import type { Geometry, MultiPolygon } from 'geojson';

const COUNTY_CODE = /^\d{12}$/;

function base64UrlJson(part: string): unknown {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The 12-digit county codes an embed token is limited to, ascending; null for a token of the whole prefecture, or none. */
export function tokenCounties(token: string | null): string[] | null {
  const part = token?.split('.')[1];
  if (!part) return null;
  try {
    const claims = base64UrlJson(part) as { use?: unknown; counties?: unknown };
    if (claims.use !== 'embed' || !Array.isArray(claims.counties)) return null;
    const counties = claims.counties.filter((c): c is string => typeof c === 'string' && COUNTY_CODE.test(c));
    return counties.length > 0 && counties.length === claims.counties.length ? [...counties].sort() : null;
  } catch {
    return null;
  }
}

/**
 * One outline of the counties (their polygons together): where a limited
 * embed opens and what it outlines in place of the prefecture. Null when
 * there is nothing to outline.
 */
export function countiesOutline(boundaries: readonly Geometry[]): MultiPolygon | null {
  const polygons = boundaries.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []));
  return polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null;
}
