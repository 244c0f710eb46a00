/**
 * PostGIS geometry <-> GeoJSON (RFC 7946) for MikroORM.
 *
 * Values cross the wire as GeoJSON text and are converted inside SQL
 * (`ST_GeomFromGeoJSON` on the way in, `ST_AsGeoJSON` on the way out), so the
 * server never parses WKB and every read path (find, query builder, populate)
 * gets the same objects. Each geometry column names its subtype; a Polygon
 * sent to a MultiPolygon column is promoted with ST_Multi.
 */
import { Type } from '@mikro-orm/core';
import type { Geometry } from 'geojson';

export type GeometryKind = 'Point' | 'MultiPolygon' | 'LineString';

export class GeometryType<G extends Geometry = Geometry> extends Type<G | null, string | null> {
  constructor(readonly kind: GeometryKind) {
    super();
  }

  override convertToDatabaseValue(value: G | null): string | null {
    if (value === null || value === undefined) return null;
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  override convertToJSValue(value: string | G | null): G | null {
    if (value === null || value === undefined) return null;
    return typeof value === 'string' ? (JSON.parse(value) as G) : value;
  }

  override convertToDatabaseValueSQL(key: string): string {
    const geom = `ST_SetSRID(ST_GeomFromGeoJSON(${key}), 4326)`;
    return this.kind === 'MultiPolygon' ? `ST_Multi(${geom})` : geom;
  }

  override convertToJSValueSQL(key: string): string {
    return `ST_AsGeoJSON(${key})`;
  }

  // Snapshots hold GeoJSON text; comparing the text is enough to tell a change.
  override compareAsType(): string {
    return 'string';
  }

  override getColumnType(): string {
    return `geometry(${this.kind}, 4326)`;
  }

  override get runtimeType(): string {
    return 'object';
  }
}

export const pointType = () => new GeometryType<import('geojson').Point>('Point');
export const multiPolygonType = () => new GeometryType<import('geojson').MultiPolygon>('MultiPolygon');
