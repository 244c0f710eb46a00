/**
 * The client's typed GraphQL documents. The operation text lives in
 * `operations/*.graphql` (loaded as raw text by Vite); the result types below
 * are written by hand against schema.graphql until codegen generates them.
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Geometry } from 'geojson';
import atlasText from './operations/Atlas.graphql?raw';
import countyFiguresText from './operations/CountyFigures.graphql?raw';

/** A GeoJSON geometry object (RFC 7946), as carried by the `GeoJSON` scalar. */
export type { Geometry };
export type CountyKind = 'BANNER' | 'COUNTY' | 'DISTRICT';

export interface AtlasCounty {
  __typename?: 'County';
  code: string;
  name: string;
  nameEn: string;
  kind: CountyKind;
  boundary: Geometry;
}

export interface AtlasQuery {
  prefecture: {
    __typename?: 'Prefecture';
    code: string;
    name: string;
    nameEn: string;
    years: number[];
    thresholds: { __typename?: 'Thresholds'; countyExitIncidence: number };
    boundary: Geometry;
  };
  counties: AtlasCounty[];
}

export interface CountyFigures {
  __typename?: 'AreaFigures';
  year: number;
  ruralPopulation: number;
  poorPopulation: number;
  /** percent (7.25 means 7.25 %); null when the rural population is 0 */
  povertyIncidence: number | null;
}

export interface CountyFiguresQuery {
  counties: Array<{ __typename?: 'County'; code: string; figures: CountyFigures | null }>;
}
export interface CountyFiguresVariables {
  year: number;
}

export const ATLAS: TypedDocumentNode<AtlasQuery, Record<string, never>> = gql(atlasText);
export const COUNTY_FIGURES: TypedDocumentNode<CountyFiguresQuery, CountyFiguresVariables> =
  gql(countyFiguresText);
