/**
 * Per-request context: its own EntityManager (MikroORM's identity map must
 * never be shared between requests) and its own DataLoaders, so nested
 * fields over many parents cost one query per level, not one per parent.
 */
import type { MintOptions } from '../auth/tokens.js';
import type { EntityManager, FilterQuery, QueryOrderMap } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Alliance, Assignment, AssignmentFund, County, IndustryProject, Organisation, Pairing, Prefecture, ProjectYear, Township, Village, VillageYear, WorkTeam } from '../domain/entities.js';
import type { Principal } from '../auth/roles.js';
import type { PolicySettings } from '../domain/rules.js';
import { areaFigures, latestFigureYear, type AreaFiguresRow, type AreaLevel } from '../spatial/aggregates.js';
import { allianceFootprints, pairingLines } from '../spatial/feature-geometry.js';
import type { ClassBreaks, SharedReads } from './shared-reads.js';
import type { Choropleth } from './types/indicators.type.js';
import { HeaderMap } from '@apollo/server';
import { ApiError, ErrorCode, databaseFailure } from './errors.js';
import { RETRY_AFTER_SECONDS } from './outage-status.js';
import { UnknownPrefecture, countyLimited, inScope, resolveScope, type ReadScope, type ScopeSource } from '../domain/region/read-scope.js';
import { heldPrefectures } from './shared-reads.js';

export interface AreaKey {
  level: AreaLevel;
  code: string;
  year: number;
}

export interface Context {
  em: EntityManager;
  loaders: Loaders;
  /** who is asking; null for an anonymous reader */
  principal: Principal | null;
  /** what this request reads: one prefecture, and an embed token's counties (domain/region/read-scope.ts); every atlas read applies it */
  scope: ReadScope;
  /** filled by the server with the operation's name and error codes, for the request's log line and metrics */
  report?: { operation?: string; errorCodes?: string[] };
  /** signs a token with the hub's key (absent where nothing may be minted, e.g. in scripts) */
  mint?: (o: MintOptions) => Promise<string>;
}

export type Loaders = RequestLoaders;

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Batches the loading of a lazy geometry property (boundaries are large, so
 * they are only read when a query asks for them).
 */
function lazyGeometry<E extends { code: string }>(em: EntityManager, entity: new () => E, property: keyof E & string) {
  return new DataLoader<string, unknown>(async (codes) => {
    const where = { code: { $in: [...codes] } } as FilterQuery<E>;
    // A property named at run time: MikroORM's path types (populate, fields) cannot check it; the rows are still E.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const rows: E[] = await em.find<E, any, any>(entity, where, { populate: [property], fields: ['code', property] });
    const byCode = new Map(rows.map((r) => [r.code, r[property]]));
    return codes.map((c) => byCode.get(c) ?? null);
  });
}

/**
 * Batches "rows of `entity` whose `property` points at one of these keys"
 * (back-links such as a village's pairings or projects) into one query.
 */
function hasMany<E extends object, K extends string | number>(
  em: EntityManager,
  entity: new () => E,
  property: string,
  keyOf: (e: E) => K | null,
  orderBy: Record<string, 'asc' | 'desc'> = { id: 'asc' },
  /** rows kept (the read scope: e.g. an alliance's members inside an embed token's counties) */
  keep: (e: E) => boolean = () => true,
) {
  return new DataLoader<K, E[]>(async (keys) => {
    const rows = (await em.find(entity, { [property]: { $in: [...keys] } } as FilterQuery<E>, { orderBy: orderBy as QueryOrderMap<E> })).filter(keep);
    const byKey = groupBy(rows, keyOf);
    return keys.map((k) => byKey.get(k) ?? []);
  });
}

/** Batches loads by primary key; a key with no row is an error (references are foreign keys). */
function byKey<E extends object, K extends string | number>(em: EntityManager, entity: new () => E, pk: string, keyOf: (e: E) => K) {
  return new DataLoader<K, E>(async (keys) => {
    const rows = await em.find(entity, { [pk]: { $in: [...keys] } } as FilterQuery<E>);
    const found = new Map(rows.map((r) => [keyOf(r), r]));
    return keys.map((k) => found.get(k) ?? new Error(`${entity.name} ${k} not found`));
  });
}

/**
 * A request's loaders, each made when the request first uses it: a request
 * uses two or three of the twenty-odd, and making them all up front (a
 * DataLoader, its cache and its batch function each) would be work and
 * garbage on every answer.
 */
export class RequestLoaders {
  #prefecture: Promise<Prefecture> | null = null;
  #latest: Promise<number> | null = null;
  #county?: DataLoader<string, County>;
  #township?: DataLoader<string, Township>;
  #alliance?: DataLoader<number, Alliance>;
  #countyBoundary?: DataLoader<string, unknown>;
  #townshipBoundary?: DataLoader<string, unknown>;
  #pairingsHelped?: DataLoader<string, Pairing[]>;
  #pairingsGiven?: DataLoader<string, Pairing[]>;
  #pairingsByOrganisation?: DataLoader<number, Pairing[]>;
  #projectsOfVillage?: DataLoader<string, IndustryProject[]>;
  #projectsOfOperator?: DataLoader<number, IndustryProject[]>;
  #organisationsOfVillage?: DataLoader<string, Organisation[]>;
  #assignmentsOfVillage?: DataLoader<string, Assignment[]>;
  #assignmentsOfUnit?: DataLoader<number, Assignment[]>;
  #fundsOfAssignment?: DataLoader<number, AssignmentFund[]>;
  #progressOfProject?: DataLoader<number, ProjectYear[]>;
  #workTeamsOfVillage?: DataLoader<string, WorkTeam[]>;
  #workTeamsOfUnit?: DataLoader<number, WorkTeam[]>;
  #allianceFootprint?: DataLoader<number, unknown>;
  #pairingLine?: DataLoader<number, { line: unknown; meters: number | null }>;
  #membersOfAlliance?: DataLoader<number, Village[]>;
  #alliancesByPlatform?: DataLoader<number, Alliance[]>;
  #areaFigures?: DataLoader<AreaKey, AreaFiguresRow | null, string>;
  #villageYear?: DataLoader<{ code: string; year: number }, VillageYear | null, string>;
  #villageYears?: DataLoader<string, VillageYear[]>;

  constructor(
    private readonly em: EntityManager,
    private readonly shared: SharedReads | null,
    private readonly scope: ReadScope,
  ) {}

  /** The prefecture the request reads (its scope's). */
  prefecture(): Promise<Prefecture> {
    return (this.#prefecture ??= this.em.findOne(Prefecture, { code: this.scope.prefecture }).then((p) => {
      if (!p) throw new Error('no prefecture loaded');
      return p;
    }));
  }

  async thresholds(): Promise<PolicySettings> {
    if (!this.shared) return (await this.prefecture()).getPolicySettings();
    const t = await this.shared.thresholds(() => this.em, this.scope.prefecture);
    if (!t) throw new Error('no prefecture loaded');
    return t;
  }

  /** The latest year with figures in the prefecture read (the default year of filters). */
  latestYear(): Promise<number> {
    this.#latest ??= (this.shared ? this.shared.latestYear(() => this.em, this.scope.prefecture) : latestFigureYear(this.em, this.scope.prefecture)).then((year) => year ?? new Date().getFullYear());
    return this.#latest;
  }

  /** A choropleth kept by the process under `key` (see SharedReads), or computed. */
  choropleth(key: string, compute: () => Promise<Choropleth>): Promise<Choropleth> {
    return this.shared ? this.shared.choropleth(key, compute) : compute();
  }

  /** Class breaks over every year kept by the process under `key` (see SharedReads), or computed. */
  classBreaks(key: string, compute: () => Promise<ClassBreaks>): Promise<ClassBreaks> {
    return this.shared ? this.shared.breaks(key, compute) : compute();
  }

  get county() {
    return (this.#county ??= byKey(this.em, County, 'code', (c) => c.code));
  }
  get township() {
    return (this.#township ??= byKey(this.em, Township, 'code', (t) => t.code));
  }
  get alliance() {
    return (this.#alliance ??= byKey(this.em, Alliance, 'id', (a) => a.id));
  }
  get countyBoundary() {
    return (this.#countyBoundary ??= lazyGeometry(this.em, County, 'boundary'));
  }
  get townshipBoundary() {
    return (this.#townshipBoundary ??= lazyGeometry(this.em, Township, 'boundary'));
  }
  // Back-links reach only what the scope reads: a pairing's other village, an alliance's members.
  get pairingsHelped() {
    const scope = this.scope;
    return (this.#pairingsHelped ??= hasMany(this.em, Pairing, 'helpedVillage', (p) => p.helpedVillage.code, undefined, (p) => !p.helperVillage || inScope(scope, p.helperVillage.code)));
  }
  get pairingsGiven() {
    const scope = this.scope;
    return (this.#pairingsGiven ??= hasMany(this.em, Pairing, 'helperVillage', (p) => p.helperVillage?.code ?? null, undefined, (p) => inScope(scope, p.helpedVillage.code)));
  }
  get pairingsByOrganisation() {
    return (this.#pairingsByOrganisation ??= hasMany(this.em, Pairing, 'helperOrganisation', (p) => p.helperOrganisation?.id ?? null));
  }
  get projectsOfVillage() {
    return (this.#projectsOfVillage ??= hasMany(this.em, IndustryProject, 'village', (p) => p.village.code));
  }
  get projectsOfOperator() {
    return (this.#projectsOfOperator ??= hasMany(this.em, IndustryProject, 'operator', (p) => p.operator?.id ?? null));
  }
  get organisationsOfVillage() {
    return (this.#organisationsOfVillage ??= hasMany(this.em, Organisation, 'village', (o) => o.village?.code ?? null));
  }
  get assignmentsOfVillage() {
    return (this.#assignmentsOfVillage ??= hasMany(this.em, Assignment, 'village', (a) => a.village.code));
  }
  get assignmentsOfUnit() {
    return (this.#assignmentsOfUnit ??= hasMany(this.em, Assignment, 'unit', (a) => a.unit.id));
  }
  get fundsOfAssignment() {
    return (this.#fundsOfAssignment ??= hasMany(this.em, AssignmentFund, 'assignment', (f) => f.assignment.id, { year: 'asc' }));
  }
  get progressOfProject() {
    return (this.#progressOfProject ??= hasMany(this.em, ProjectYear, 'project', (y) => y.project.id, { year: 'asc' }));
  }
  get workTeamsOfVillage() {
    return (this.#workTeamsOfVillage ??= hasMany(this.em, WorkTeam, 'village', (w) => w.village.code));
  }
  get workTeamsOfUnit() {
    return (this.#workTeamsOfUnit ??= hasMany(this.em, WorkTeam, 'dispatchingUnit', (w) => w.dispatchingUnit.id));
  }
  get allianceFootprint() {
    const em = this.em;
    return (this.#allianceFootprint ??= new DataLoader<number, unknown>(async (ids) => {
      const found = await allianceFootprints(em, ids);
      return ids.map((id) => found.get(id) ?? null);
    }));
  }
  get pairingLine() {
    const em = this.em;
    return (this.#pairingLine ??= new DataLoader<number, { line: unknown; meters: number | null }>(async (ids) => {
      const found = await pairingLines(em, ids);
      return ids.map((id) => found.get(id) ?? { line: null, meters: null });
    }));
  }
  get membersOfAlliance() {
    const scope = this.scope;
    return (this.#membersOfAlliance ??= hasMany(this.em, Village, 'alliance', (v) => v.alliance?.id ?? null, { code: 'asc' }, (v) => inScope(scope, v.code)));
  }
  get alliancesByPlatform() {
    return (this.#alliancesByPlatform ??= hasMany(this.em, Alliance, 'platformCompany', (a) => a.platformCompany?.id ?? null));
  }
  get areaFigures() {
    const em = this.em;
    return (this.#areaFigures ??= new DataLoader<AreaKey, AreaFiguresRow | null, string>(
      async (keys) => {
        const found = new Map<string, AreaFiguresRow>();
        for (const [level, group] of groupBy(keys, (k) => k.level)) {
          const codes = [...new Set(group.map((k) => k.code))];
          const years = [...new Set(group.map((k) => k.year))];
          for (const row of await areaFigures(em, level, codes, years)) found.set(`${level}:${row.code}:${row.year}`, row);
        }
        return keys.map((k) => found.get(`${k.level}:${k.code}:${k.year}`) ?? null);
      },
      { cacheKeyFn: (k) => `${k.level}:${k.code}:${k.year}` },
    ));
  }
  get villageYear() {
    const em = this.em;
    return (this.#villageYear ??= new DataLoader<{ code: string; year: number }, VillageYear | null, string>(
      async (keys) => {
        const rows = await em.find(VillageYear, {
          village: { $in: [...new Set(keys.map((k) => k.code))] },
          year: { $in: [...new Set(keys.map((k) => k.year))] },
        });
        const byKey = new Map(rows.map((r) => [`${r.village.code}:${r.year}`, r]));
        return keys.map((k) => byKey.get(`${k.code}:${k.year}`) ?? null);
      },
      { cacheKeyFn: (k) => `${k.code}:${k.year}` },
    ));
  }
  get villageYears() {
    const em = this.em;
    return (this.#villageYears ??= new DataLoader<string, VillageYear[]>(async (codes) => {
      const rows = await em.find(VillageYear, { village: { $in: [...codes] } }, { orderBy: { year: 'asc' } });
      const byCode = groupBy(rows, (r) => r.village.code);
      return codes.map((c) => byCode.get(c) ?? []);
    }));
  }
}

export function createLoaders(em: EntityManager, shared: SharedReads | null, scope: ReadScope): Loaders {
  return new RequestLoaders(em, shared, scope);
}

/**
 * A request's context reading `scope`; without one, the whole lowest-coded
 * prefecture (what scopedContext resolves for a request that names none).
 */
export function createContext(
  em: EntityManager,
  principal: Principal | null = null,
  mint?: (o: MintOptions) => Promise<string>,
  shared: SharedReads | null = null,
  scope: ReadScope | null = null,
): Context {
  const fork = em.fork();
  const read = scope ?? { prefecture: shared?.lastDefault() ?? '', counties: null };
  return { em: fork, loaders: createLoaders(fork, shared, read), principal, scope: read, ...(mint ? { mint } : {}) };
}

/** A request's scope refused: BAD_USER_INPUT, HTTP 400, naming the code (zh and en). */
export function scopeRefusal(e: UnknownPrefecture): ApiError {
  return new ApiError(ErrorCode.BAD_USER_INPUT, e.message, { argument: 'prefecture', prefecture: e.code, http: { status: 400 } });
}

/** The prefectures held, ascending: kept by the process when it hears changes, else read. */
export function prefecturesHeld(em: EntityManager, shared: SharedReads | null): Promise<string[]> {
  return shared ? shared.prefectures(() => em.fork()) : heldPrefectures(em.fork());
}

/**
 * The context of a request naming `requested` as its prefecture (the
 * X-Lingyan-Prefecture header, or absent): the scope resolved and checked
 * once, here. An unknown code throws BAD_USER_INPUT (HTTP 400).
 */
export async function scopedContext(
  em: EntityManager,
  principal: Principal | null,
  mint: ((o: MintOptions) => Promise<string>) | undefined,
  shared: SharedReads | null,
  requested: unknown,
  source: ScopeSource = 'header',
): Promise<Context> {
  let scope: ReadScope;
  try {
    scope = resolveScope(await prefecturesHeld(em, shared), requested, source, principal);
  } catch (e) {
    if (e instanceof UnknownPrefecture) throw scopeRefusal(e);
    // The held prefectures are read before any resolver runs: a database that is away answers here as it would there (503, Retry-After).
    const failure = databaseFailure(e);
    if (failure?.code === ErrorCode.SERVICE_UNAVAILABLE) {
      throw new ApiError(failure.code, failure.message, { http: { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) } });
    }
    throw e;
  }
  return createContext(em, principal, mint, shared, scope);
}

/** Above-county figures (a prefecture's totals, KPIs, trends) are not given to an embed token limited to counties: FORBIDDEN naming them. */
export function refuseAboveCounty(ctx: Context, what: string): void {
  if (!countyLimited(ctx.scope)) return;
  const list = ctx.scope.counties.join(', ');
  throw new ApiError(
    ErrorCode.FORBIDDEN,
    `此嵌入令牌仅限旗县 ${list}，不提供${what}等旗县以上的汇总数字。 / This embed token is limited to the counties ${list}: figures above county level (${what}) are not given out.`,
    { counties: ctx.scope.counties },
  );
}
