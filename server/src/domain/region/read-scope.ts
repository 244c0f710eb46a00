/**
 * What a request may read (读取范围): one prefecture, and for an embed token
 * limited to counties only those counties. Division codes nest by their
 * digits (prefecture = first 4, county = first 6, township = first 9; the
 * importer derives every parent from them), so "inside the scope" is a
 * range of codes, which the code indexes answer without a join.
 *
 * Which prefecture: the request names it (X-Lingyan-Prefecture on /graphql,
 * `prefecture` in the live socket's connection_init payload, `prefecture=`
 * on /tiles); absent, the lowest code held (CHOSEN_PREFECTURE), so a hub with
 * one region answers as it always did.
 */

export interface ReadScope {
  /** the 12-digit code of the prefecture read */
  prefecture: string;
  /** the counties an embed token limits reading to (12-digit codes); null = the whole prefecture */
  counties: string[] | null;
}

/** The HTTP header naming the prefecture a request reads (lower case, as Node gives headers). */
export const PREFECTURE_HEADER = 'x-lingyan-prefecture';

/** Where a request named its prefecture, for the message of a refusal. */
export type ScopeSource = 'header' | 'socket' | 'query';

const SOURCE_NAMES: Record<ScopeSource, { zh: string; en: string }> = {
  header: { zh: '请求头 X-Lingyan-Prefecture', en: 'the X-Lingyan-Prefecture header' },
  socket: { zh: 'connection_init 的 prefecture', en: 'connection_init payload "prefecture"' },
  query: { zh: '参数 prefecture', en: 'the query parameter "prefecture"' },
};

/** A prefecture the request named is not one the database holds (or not a code at all). */
export class UnknownPrefecture extends Error {
  override name = 'UnknownPrefecture';
  constructor(
    readonly code: string,
    readonly source: ScopeSource,
    held: readonly string[],
  ) {
    const where = SOURCE_NAMES[source];
    const shown = code.length > 40 ? `${code.slice(0, 40)}…` : code;
    const list = held.length ? held.join(', ') : '—';
    super(
      `${where.zh} 中的盟市代码 "${shown}" 不存在；本库现有：${list}。` +
        ` / The prefecture code "${shown}" in ${where.en} is not held by this hub; held: ${list}.`,
    );
  }
}

export interface CodeRange {
  readonly low: string;
  readonly high: string;
}

/**
 * The ranges of each scope, made once: a request's scope is one object for
 * its whole life, and `inScope` is asked per row (a cause choropleth's
 * counties, warnings, an alliance's members), where making the ranges per
 * call is an allocation per row.
 */
const rangesOf = new WeakMap<ReadScope, readonly CodeRange[]>();

/** The prefecture and counties of a scope as lowest and highest 12-digit codes inside each (digits only, so any collation orders them alike). Scopes are not changed once made: the ranges are kept per scope object. */
export function codeRanges(scope: ReadScope): readonly CodeRange[] {
  let ranges = rangesOf.get(scope);
  if (!ranges) {
    const prefixes = scope.counties === null ? [scope.prefecture.slice(0, 4)] : scope.counties.filter((c) => c.startsWith(scope.prefecture.slice(0, 4))).map((c) => c.slice(0, 6));
    ranges = Object.freeze(prefixes.map((p) => Object.freeze({ low: p.padEnd(12, '0'), high: p.padEnd(12, '9') })));
    rangesOf.set(scope, ranges);
  }
  return ranges;
}

/** Whether a division code (prefecture, county, township, village) lies inside the scope. */
export function inScope(scope: ReadScope, code: string): boolean {
  for (const r of codeRanges(scope)) if (code >= r.low && code <= r.high) return true;
  return false;
}

/** Whether the scope is limited to counties (an embed token with a counties claim). */
export function countyLimited(scope: ReadScope): scope is ReadScope & { counties: string[] } {
  return scope.counties !== null;
}

/** A short text naming the scope, for cache keys. */
export function scopeKey(scope: ReadScope): string {
  return scope.counties === null ? scope.prefecture : `${scope.prefecture}/${scope.counties.join(',')}`;
}

/** The counties reads are limited to for this caller: an embed token's counties; others read the whole prefecture (their county limit is on writes). */
export function readCounties(principal: { counties: string[] | null; embed?: boolean } | null): string[] | null {
  return principal?.embed && principal.counties?.length ? [...principal.counties].sort() : null;
}

/**
 * The scope of a request: `requested` as the request named it (absent or
 * empty: the lowest held code), checked against `held` (the prefectures the
 * database holds, by code ascending). Throws UnknownPrefecture.
 */
export function resolveScope(held: readonly string[], requested: unknown, source: ScopeSource, principal: { counties: string[] | null; embed?: boolean } | null): ReadScope {
  const counties = readCounties(principal);
  const named = Array.isArray(requested) ? requested[0] : requested;
  if (named === undefined || named === null || named === '') {
    // An empty database has no prefecture yet: the scope names none, and every read finds nothing.
    return { prefecture: held[0] ?? '000000000000', counties };
  }
  const code = String(named).trim();
  if (!held.includes(code)) throw new UnknownPrefecture(code, source, held);
  return { prefecture: code, counties };
}
