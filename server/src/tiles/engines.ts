/**
 * Two ways to make a tile from the same features (layers.ts):
 *
 * - sql: one ST_AsMVT statement; PostGIS clips, simplifies and encodes.
 * - js:  the features as GeoJSON from the database, cut with MapLibre's
 *   geojson-vt and encoded with its vt-pbf (the maintained forks the map
 *   itself runs), for databases whose PostGIS lacks protobuf, such as the
 *   embedded PGlite's.
 *
 * They agree on which features a tile holds and on every attribute; their
 * geometry may differ by the odd unit where they snap or simplify differently.
 */
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { ConfigError, type TileEngineChoice } from '../config/config.js';
import { type Sql, raw } from '../spatial/sql.js';
import { BUFFER, EXTENT, TOLERANCE_UNITS } from './coordinates.js';
import type { LayerParams, TileLayer } from './layers.js';
import { geojsonSql, mvtSql } from './sql.js';

/** Runs a statement on the hub's pool (so the statement timeout and the connection deadline apply). */
export type Runner = <T>(q: Sql) => Promise<T[]>;

export type EngineKind = 'sql' | 'js';

export interface TileEngine {
  kind: EngineKind;
  /** The encoded tile; empty when no feature falls in it. */
  render(layer: TileLayer, p: LayerParams): Promise<Buffer>;
}

export function sqlEngine(run: Runner): TileEngine {
  return {
    kind: 'sql',
    async render(layer, p) {
      const [row] = await run<{ tile: Buffer | null }>(mvtSql(layer, p));
      return row?.tile ?? Buffer.alloc(0);
    },
  };
}

type FeatureRow = Record<string, unknown> & { fid: string | number | null; geojson: string };

export function jsEngine(run: Runner): TileEngine {
  return {
    kind: 'js',
    async render(layer, p) {
      const rows = await run<FeatureRow>(geojsonSql(layer, p));
      if (rows.length === 0) return Buffer.alloc(0);
      const features = rows.map((row): Feature => {
        const properties: Record<string, unknown> = {};
        for (const name of layer.attributes) if (row[name] !== null && row[name] !== undefined) properties[name] = row[name];
        return {
          type: 'Feature',
          // bigint ids (codes) arrive as strings from pg.
          ...(row.fid !== null ? { id: Number(row.fid) } : {}),
          properties,
          geometry: JSON.parse(row.geojson) as Geometry,
        };
      });
      const collection: FeatureCollection = { type: 'FeatureCollection', features };
      const tile = geoJSONToTile(collection, p.z, p.x, p.y, {
        extent: EXTENT,
        buffer: BUFFER,
        tolerance: TOLERANCE_UNITS,
        clip: true,
        // geojson-vt does not simplify at its maxZoom; above every zoom served, the tolerance applies at each.
        maxZoom: 24,
      });
      if (!tile || tile.features.length === 0) return Buffer.alloc(0);
      return Buffer.from(fromGeojsonVt({ [layer.name]: tile }, { version: 2, extent: EXTENT }));
    },
  };
}

/** Whether the database's PostGIS can encode tiles (PGlite's is built without protobuf). */
export async function canEncodeTiles(run: Runner): Promise<boolean> {
  try {
    await run(raw(`select ST_AsMVT(q, 'probe') from (select ST_AsMVTGeom('SRID=3857;POINT(0 0)'::geometry, ST_TileEnvelope(0, 0, 0)) as geom) q`));
    return true;
  } catch {
    return false;
  }
}

/** The engine TILE_ENGINE asks for; `auto` takes sql where the database can run it. */
export async function chooseEngine(choice: TileEngineChoice, run: Runner): Promise<TileEngine> {
  if (choice === 'js') return jsEngine(run);
  const capable = await canEncodeTiles(run);
  if (choice === 'sql' && !capable) {
    throw new ConfigError('TILE_ENGINE=sql needs a PostGIS built with protobuf (ST_AsMVT), which this database lacks; set TILE_ENGINE=auto or js');
  }
  return capable ? sqlEngine(run) : jsEngine(run);
}
