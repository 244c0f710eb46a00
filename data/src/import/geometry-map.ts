/** Applies a position transform to every position of a GeoJSON geometry (reprojection, datum shifts). */
import type { Geometry, Position } from 'geojson';

export function mapPositions(g: Geometry, f: (p: number[]) => number[]): Geometry {
  const one = (p: Position): Position => f(p as number[]);
  const many = (ps: Position[]): Position[] => ps.map(one);
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: one(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: many(g.coordinates) };
    case 'LineString':
      return { type: 'LineString', coordinates: many(g.coordinates) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map(many) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map(many) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(many)) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((x) => mapPositions(x, f)) };
  }
}
