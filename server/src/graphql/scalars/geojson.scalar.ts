/**
 * GeoJSON geometry objects (RFC 7946) as one scalar. Output passes the
 * object through; input accepts a literal object in the query text or a
 * variable, and checks its structure (the spatial layer checks validity).
 */
import type { Geometry } from 'geojson';
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ApiError } from '../errors.js';

const TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']);

function literal(node: ValueNode, variables?: Record<string, unknown> | null): unknown {
  switch (node.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value, variables)]));
    case Kind.LIST:
      return node.values.map((v) => literal(v, variables));
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.VARIABLE:
      return variables?.[node.name.value];
  }
}

function checkGeometry(value: unknown): Geometry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ApiError.badInput('a GeoJSON geometry must be an object with "type" and "coordinates"');
  }
  const g = value as { type?: unknown; coordinates?: unknown };
  if (typeof g.type !== 'string' || !TYPES.has(g.type)) {
    throw ApiError.badInput(`GeoJSON "type" must be one of ${[...TYPES].join(', ')}`);
  }
  if (!Array.isArray(g.coordinates)) throw ApiError.badInput('GeoJSON "coordinates" must be an array');
  return value as Geometry;
}

export const GeoJSONScalar = new GraphQLScalarType<Geometry, Geometry>({
  name: 'GeoJSON',
  description: 'A GeoJSON geometry object (RFC 7946) in WGS-84 longitude/latitude, e.g. {"type":"Point","coordinates":[116.1,43.9]}.',
  serialize: (value) => value as Geometry,
  parseValue: (value) => checkGeometry(value),
  parseLiteral: (node, variables) => checkGeometry(literal(node, variables)),
});
