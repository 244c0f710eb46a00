/**
 * The read scope of a page: which prefecture its requests read (the hub's
 * read-scope contract, docs/api.md). Named the same way on each path a page
 * reads by: the `X-Lingyan-Prefecture` header on /graphql, `prefecture` in the
 * live socket's `connection_init`, and `prefecture=` on /tiles. No code means
 * the hub's default (the lowest code held), so a page without a chosen region
 * sends exactly what it sent before regions could be chosen.
 */

/** The header naming the prefecture a /graphql request reads. */
export const PREFECTURE_HEADER = 'X-Lingyan-Prefecture';

/** The prefecture a page reads and the read token it carries (an embed on a private hub). */
export interface ReadScope {
  token: string | null;
  /** a 12-digit prefecture code; null: the hub's default */
  prefecture: string | null;
}

/** The headers of a /graphql request in `scope`. */
export function scopeHeaders({ token, prefecture }: ReadScope): Record<string, string> {
  return {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(prefecture ? { [PREFECTURE_HEADER]: prefecture } : {}),
  };
}

/** The live socket's `connection_init` payload in `scope`. */
export function scopeConnectionParams({ token, prefecture }: ReadScope): Record<string, string> {
  return {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(prefecture ? { prefecture } : {}),
  };
}

/** A /tiles URL (or template: `{z}` is kept as written) reading `prefecture`; unchanged without one. */
export function scopedTileUrl(url: string, prefecture: string | null): string {
  if (!prefecture) return url;
  const hash = url.indexOf('#');
  const [base, fragment] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  const joiner = base.includes('?') ? '&' : '?';
  return `${base}${joiner}prefecture=${encodeURIComponent(prefecture)}${fragment}`;
}
