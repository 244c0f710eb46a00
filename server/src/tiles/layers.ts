/**
 * The tile layers, in one place: which features each carries, with the
 * attributes the map's styles, filters and labels read (client/src/map/layers),
 * and which tables they come from (a write to one of those makes the layer's
 * cached tiles stale). Both engines read features through these queries, so
 * they cannot disagree on what is in a tile, only on how it is cut.
 *
 * Each query returns (fid, geom, …attributes): fid becomes the MVT feature id
 * (null: none), geom is in EPSG:4326, and the features are those whose
 * geometry's box meets `b.area`, the tile with its buffer (the `bounds` CTE of
 * sql.ts), so the GiST indexes choose them. Attribute names are the ones the
 * client's GeoJSON uses today (camelCase); a null attribute is left out of
 * the tile. Rules come from rules-sql.ts and feature-geometry.ts, never
 * spelled again here.
 */
import type { ReadScope } from '../domain/region/read-scope.js';
import type { Thresholds } from '../domain/rules.js';
import { inScopeSql } from '../spatial/scope-sql.js';
import { FOOTPRINT_MARGIN_METERS, HELPER_LOCATION, PAIRING_ENDS, PAIRING_LINE, PAIRING_METERS, footprintOf } from '../spatial/feature-geometry.js';
import { activeInYearSql, activePairingSql, statusSql, strengthSql } from '../spatial/rules-sql.js';
import { type Sql, raw, sql } from '../spatial/sql.js';
import { metersToDegreesInTile } from './coordinates.js';

export const LAYER_NAMES = ['counties', 'townships', 'villages', 'alliances', 'pairings', 'projects'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

export interface LayerParams {
  z: number;
  x: number;
  y: number;
  /** The year of year-dependent attributes; null for layers that have none. */
  year: number | null;
  thresholds: Thresholds;
  /** what the request reads (a prefecture, or an embed token's counties); null: everything held (benchmarks) */
  scope: ReadScope | null;
}

/** `column` (a division code) inside the tile's scope. */
function within(p: LayerParams, column: string): Sql {
  return p.scope ? inScopeSql(p.scope, column) : raw('true');
}

export interface TileLayer {
  name: LayerName;
  /** Tables the features are read from. */
  tables: readonly string[];
  /** Whether attributes depend on ?year (and so the tile is cached per year). */
  yearly: boolean;
  /** The attribute columns of `features`, after fid and geom. */
  attributes: readonly string[];
  /**
   * The order of the features in the tile, an ORDER BY over the attributes;
   * absent: any. MapLibre draws a tile's features in this order, one draw
   * call for the lot; a per-feature `*-sort-key` in the style instead makes
   * it one draw call per feature, twice the frame time at a national view
   * (docs/performance.md, the seams table).
   */
  drawOrder?: string;
  features(p: LayerParams): Sql;
}

function yearOf(p: LayerParams): Sql {
  if (p.year === null) throw new Error('a yearly layer needs a year');
  return sql`${p.year}::int`;
}

/**
 * An area's name label: the centroid of its largest part when it lies inside
 * it, else a point surely inside (as client/src/map/label-point.ts places it).
 * One point per area, so a name is drawn once, not once per tile the area crosses.
 */
const LABEL_POINT = raw(`cross join lateral (
      select case when ST_Intersects(p.geom, ST_Centroid(p.geom)) then ST_Centroid(p.geom) else ST_PointOnSurface(p.geom) end as point
        from ST_Dump(a.boundary) p order by ST_Area(p.geom) desc limit 1) l`);

/**
 * An area layer (counties, townships): the boundary (id = code) and the
 * label point (no id), with the same attributes: code, name, nameEn and one
 * of the layer's own (`attribute`, read from `column` of `table`).
 */
function areaLayer(name: LayerName, table: 'county' | 'township', attribute: string, column: string): TileLayer {
  const attributes = raw(`a.code, a.name, a.name_en as "nameEn", a.${column} as ${attribute}`);
  const from = raw(`from bounds b join ${table} a on a.boundary && b.area`);
  const features = (p: LayerParams) => sql`select a.code::bigint as fid, a.boundary as geom, ${attributes}
      ${from} where ${within(p, 'a.code')}
    union all
    select null, l.point, ${attributes}
      ${from}
      ${LABEL_POINT}
     where l.point && b.area and ${within(p, 'a.code')}`;
  return { name, tables: [table], yearly: false, attributes: ['code', 'name', 'nameEn', attribute], features };
}

const counties = areaLayer('counties', 'county', 'kind', 'kind');
const townships = areaLayer('townships', 'township', 'county', 'county_code');

/** Status, strength and rural population of the year; all three absent for a village without figures that year (as GraphQL's `figures(year)` is null). */
const villages: TileLayer = {
  name: 'villages',
  tables: ['village', 'village_year', 'prefecture'],
  yearly: true,
  attributes: ['code', 'name', 'nameEn', 'status', 'strength', 'population'],
  // Larger villages first, so smaller neighbours are drawn over them and none is hidden (a village without figures counts as smallest).
  drawOrder: '"population" desc nulls last, "code"',
  features: (p) => {
    const year = yearOf(p);
    return sql`select v.code::bigint as fid, v.location as geom, v.code, v.name, v.name_en as "nameEn",
          case when vy.village_code is not null then ${statusSql('v', year)} end as status,
          ${strengthSql('v', 'vy', year, p.thresholds)} as strength,
          vy.rural_population as population
        from bounds b join village v on v.location && b.area
        left join village_year vy on vy.village_code = v.code and vy.year = ${year}
       where ${within(p, 'v.code')}`;
  },
};

/**
 * Each alliance as the client's alliance layer draws it, told apart by
 * `part`: the footprint (id = alliance id), a spoke from the centre village
 * to each other member (`member`), the centre (`code`). `active`: founded by
 * the year. A footprint reaches the margin beyond its members, so alliances
 * are picked by their members' box widened by it, and only their footprints computed.
 */
const alliances: TileLayer = {
  name: 'alliances',
  tables: ['alliance', 'village'],
  yearly: true,
  attributes: ['part', 'id', 'name', 'foundedYear', 'active', 'member', 'code'],
  features: (p) => {
    const year = yearOf(p);
    const margin = metersToDegreesInTile(FOOTPRINT_MARGIN_METERS * 1.1, p.z, p.y);
    const columns = sql`a.id, a.name, a.founded_year as "foundedYear", (a.founded_year <= ${year}) as active`;
    return sql`with footprints as (
          select v.alliance_id, ${footprintOf('v.location')} as geom
            from village v where v.alliance_id is not null and ${within(p, 'v.code')}
           group by v.alliance_id
          having ST_Expand(ST_Extent(v.location)::geometry, ${margin}) && (select area from bounds))
        select a.id as fid, f.geom, 'footprint' as part, ${columns}, null::text as member, null::text as code
          from bounds b join footprints f on f.geom && b.area join alliance a on a.id = f.alliance_id
         where ${within(p, 'a.centre_code')}
        union all
        select null, ST_MakeLine(c.location, m.location), 'spoke', ${columns}, m.code, null
          from alliance a join village c on c.code = a.centre_code
          join village m on m.alliance_id = a.id and m.code <> a.centre_code
          join bounds b on ST_MakeLine(c.location, m.location) && b.area
         where ${within(p, 'c.code')} and ${within(p, 'm.code')}
        union all
        select null, c.location, 'centre', ${columns}, null, c.code
          from bounds b join village c on c.location && b.area join alliance a on a.centre_code = c.code
         where ${within(p, 'c.code')}`;
  },
};

/**
 * Pairings with a line (helper village, or the helping enterprise's home
 * village, to the helped village), every year's: `active` says whether it
 * runs in the year. Names of both ends (the enterprise's for an enterprise
 * helper, which has no English name). A point at the helped end carries the arrowhead's
 * `bearing` (degrees clockwise from north, on the map as drawn: Web Mercator).
 */
const pairings: TileLayer = {
  name: 'pairings',
  tables: ['pairing', 'village', 'organisation'],
  yearly: true,
  attributes: [
    'id', 'kind', 'helper', 'helperOrganisation', 'helped', 'helperName', 'helperNameEn', 'helpedName', 'helpedNameEn',
    'startYear', 'endYear', 'active', 'distanceMeters', 'bearing',
  ],
  features: (p) => {
    const year = yearOf(p);
    const columns = raw(`l.id, l.kind, l.helper, l."helperOrganisation", l.helped, l."helperName", l."helperNameEn", l."helpedName", l."helpedNameEn",
          l."startYear", l."endYear", l.active, l."distanceMeters"`);
    // Both ends' names ride along, so the map's list, panel and embed name a pairing without another query.
    return sql`with lines as (
          select p.id, p.kind, p.helper_village_code as helper, p.helper_organisation_id as "helperOrganisation",
                 p.helped_village_code as helped, coalesce(hv.name, o.name) as "helperName", hv.name_en as "helperNameEn",
                 w.name as "helpedName", w.name_en as "helpedNameEn", p.start_year as "startYear", p.end_year as "endYear",
                 ${activePairingSql('p', year)} as active, round(${PAIRING_METERS})::int as "distanceMeters",
                 ${PAIRING_LINE} as line, ${HELPER_LOCATION} as origin, w.location as tip
            from pairing p ${PAIRING_ENDS}
           where ${HELPER_LOCATION} is not null and ${within(p, 'p.helped_village_code')}
             and (p.helper_village_code is null or ${within(p, 'p.helper_village_code')}))
        select l.id as fid, l.line as geom, ${columns}, null::float8 as bearing
          from lines l join bounds b on l.line && b.area
        union all
        select null, l.tip, ${columns}, degrees(ST_Azimuth(ST_Transform(l.origin, 3857), ST_Transform(l.tip, 3857)))
          from lines l join bounds b on l.tip && b.area`;
  },
};

/** Industry projects, every year's: `active` says whether it runs in the year. */
const projects: TileLayer = {
  name: 'projects',
  tables: ['industry_project'],
  yearly: true,
  attributes: ['id', 'name', 'type', 'investment', 'village', 'startYear', 'endYear', 'active'],
  features: (p) =>
    sql`select ip.id as fid, ip.location as geom, ip.id, ip.name, ip.type, ip.investment_total::float8 as investment,
          ip.village_code as village, ip.start_year as "startYear", ip.end_year as "endYear", ${activeInYearSql('ip', yearOf(p))} as active
        from bounds b join industry_project ip on ip.location && b.area
       where ${within(p, 'ip.village_code')}`,
};

export const TILE_LAYERS: Readonly<Record<LayerName, TileLayer>> = { counties, townships, villages, alliances, pairings, projects };

/** The layers whose features a write to `table` may change. */
export function layersReading(table: string): LayerName[] {
  return LAYER_NAMES.filter((name) => TILE_LAYERS[name].tables.includes(table));
}
