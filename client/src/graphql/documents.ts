/**
 * The client's typed GraphQL documents, generated from the contract
 * (schema/operations/*.graphql against schema/schema.graphql; see
 * schema/codegen.ts). This file only names what the app uses, so the rest of
 * the client has one import path and never reads generated code directly.
 */
import type { Geometry } from 'geojson';
import {
  AtlasChoroplethDocument,
  AtlasDocument,
  type AtlasChoroplethQuery,
  type AtlasQuery,
  type ClassificationMethod,
  type CountyKind,
} from '@lingyan/schema/generated';

/** A GeoJSON geometry object (RFC 7946), as carried by the `GeoJSON` scalar. */
export type { Geometry };
export type { AtlasChoroplethQuery, AtlasQuery, ClassificationMethod, CountyKind };

export type AtlasCounty = AtlasQuery['counties'][number];
/** The server's classification of one year (breaks, each county's class, the exit line). */
export type ChoroplethResult = AtlasChoroplethQuery['choropleth'];
/** A county's figures for the tooltip; null when the year has none. */
export type CountyFigures = NonNullable<AtlasChoroplethQuery['counties'][number]['figures']>;

/** The prefecture and its counties with their boundaries; fetched once. */
export const ATLAS = AtlasDocument;
/** One year: the server's choropleth of poverty incidence and the counties' figures. */
export const ATLAS_CHOROPLETH = AtlasChoroplethDocument;
