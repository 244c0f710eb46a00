/**
 * GeoJSON FeatureCollection, streamed feature by feature with stream-json,
 * so a national file never sits in memory as one object. Features keep their
 * 1-based position in "features".
 */
import { createReadStream, statSync } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import type { Geometry } from 'geojson';
import parser from 'stream-json';
import pick from 'stream-json/filters/pick.js';
import streamArray from 'stream-json/streamers/stream-array.js';
import { SourceError, type Source, type SourceRow } from '../source.js';

export function readGeoJson(path: string): Source {
  const size = statSync(path).size || 1;
  const input = createReadStream(path);
  const features = pipeline(input, parser(), pick.asStream({ filter: 'features' }), streamArray.asStream(), () => {}) as Readable;
  async function* rows(): AsyncGenerator<SourceRow> {
    let count = 0;
    try {
      for await (const { key, value } of features as AsyncIterable<{ key: number; value: unknown }>) {
        count++;
        const f = value as { type?: unknown; properties?: unknown; geometry?: unknown } | null;
        if (!f || typeof f !== 'object' || f.type !== 'Feature') {
          throw new SourceError(`${path}: features[${key}] is not a GeoJSON Feature`);
        }
        const properties = f.properties && typeof f.properties === 'object' ? (f.properties as Record<string, unknown>) : {};
        yield { number: key + 1, fields: properties, geometry: (f.geometry ?? null) as Geometry | null };
      }
    } catch (error) {
      if (error instanceof SourceError) throw error;
      throw new SourceError(`${path}: not valid JSON (${(error as Error).message})`);
    }
    if (count === 0) throw new SourceError(`${path}: no features found; expected a GeoJSON FeatureCollection with a "features" array`);
  }
  return {
    format: 'geojson',
    unit: 'feature',
    encoding: 'utf-8',
    crs: null,
    rows: rows(),
    progress: () => Math.min(1, input.bytesRead / size),
    close: async () => {
      input.destroy();
    },
  };
}
