/**
 * The statements behind a tile: the ST_AsMVT query of the SQL engine (one
 * statement per tile) and the GeoJSON query that feeds the JS engine. Both
 * select the layer's features the same way (layers.ts).
 */
import type { ReadScope } from '../domain/region/read-scope.js';
import type { Thresholds } from '../domain/rules.js';
import { type Sql, raw, sql } from '../spatial/sql.js';
import { BUFFER, EXTENT, toleranceMeters } from './coordinates.js';
import { TILE_LAYERS, type LayerName, type LayerParams, type TileLayer } from './layers.js';

/**
 * `tile`: the tile in EPSG:3857, as ST_AsMVTGeom wants it. `area`: the tile
 * and its buffer in EPSG:4326, the storage SRID, so `geom && b.area` uses the
 * GiST index (a Mercator box is a longitude/latitude box: transforming its
 * corners is exact).
 */
function bounds(p: LayerParams): Sql {
  return sql`select ST_TileEnvelope(${p.z}, ${p.x}, ${p.y}) as tile,
      ST_Transform(ST_TileEnvelope(${p.z}, ${p.x}, ${p.y}, margin => ${BUFFER / EXTENT}::float8), 4326) as area`;
}

function withFeatures(layer: TileLayer, p: LayerParams): Sql {
  return sql`with bounds as (${bounds(p)}), features as (${layer.features(p)})`;
}

function attributeColumns(layer: TileLayer): Sql {
  return raw(layer.attributes.map((a) => `f."${a}"`).join(', '));
}

/** ` order by …` when the layer has a draw order; its names are the attribute columns of both statements' output. */
function drawOrder(layer: TileLayer): Sql {
  return raw(layer.drawOrder ? ` order by ${layer.drawOrder}` : '');
}

/**
 * One ST_AsMVT statement for the tile. Polygons are simplified in metres of
 * the zoom's tolerance before ST_AsMVTGeom snaps everything to the tile's
 * grid (lines here are two-point segments, points have nothing to lose).
 * Douglas-Peucker keeping collapsed rings, as geojson-vt does: ST_AsMVTGeom
 * makes its output valid anyway, so ST_SimplifyPreserveTopology gave the
 * same bytes in 3-4 times the time (demo counties at z5, townships at z6).
 * Features ST_AsMVTGeom drops (outside the buffer, or too small) come out
 * null and ST_AsMVT skips them; a `where geom is not null` would make
 * PostgreSQL compute ST_AsMVTGeom twice per row (measured: twice the time
 * for polygon layers).
 */
export function mvtSql(layer: TileLayer, p: LayerParams): Sql {
  return sql`${withFeatures(layer, p)}
    select ST_AsMVT(t, ${raw(`'${layer.name}'`)}, ${raw(String(EXTENT))}, 'geom', 'fid'${drawOrder(layer)}) as tile
      from (select f.fid,
                   ST_AsMVTGeom(case when ST_Dimension(f.geom) = 2 then ST_Simplify(ST_Transform(f.geom, 3857), ${toleranceMeters(p.z)}::float8, true)
                                     else ST_Transform(f.geom, 3857) end,
                                b.tile, ${raw(String(EXTENT))}, ${raw(String(BUFFER))}, true) as geom,
                   ${attributeColumns(layer)}
              from features f cross join bounds b) t`;
}

/** The same features as GeoJSON rows (fid, geojson, …attributes) for the JS engine, which cuts and simplifies them itself. */
export function geojsonSql(layer: TileLayer, p: LayerParams): Sql {
  return sql`${withFeatures(layer, p)}
    select f.fid, ST_AsGeoJSON(f.geom) as geojson, ${attributeColumns(layer)} from features f${drawOrder(layer)}`;
}

/** An Sql fragment in node-postgres' form: `$1, $2, …` instead of the `?` placeholders knex takes (our statements hold no other `?`). */
export function numbered(q: Sql): { text: string; values: unknown[] } {
  let n = 0;
  const text = q.text.replace(/\?/g, () => `$${++n}`);
  if (n !== q.values.length) throw new Error(`statement has ${n} placeholders for ${q.values.length} values`);
  return { text, values: [...q.values] };
}

/**
 * The SQL engine's statement for a tile, ready for plain `pg`
 * (`client.query(text, values)`): exactly what the server sends, so a
 * benchmark can time the database's share of a tile. The result is one row
 * with `tile` (bytea; empty when the tile has no features).
 */
export function tileSql(layer: LayerName, z: number, x: number, y: number, year: number | null, thresholds: Thresholds, scope: ReadScope | null = null): { text: string; values: unknown[] } {
  return numbered(mvtSql(TILE_LAYERS[layer], { z, x, y, year, thresholds, scope }));
}
