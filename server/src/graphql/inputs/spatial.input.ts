import type { Geometry } from 'geojson';
import { IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, InputType } from 'type-graphql';
import { GeoJSONScalar } from '../scalars/geojson.scalar.js';

@InputType('BBoxInput', { description: 'A bounding box in WGS-84 degrees (范围框).' })
export class BBoxInput {
  @Field(() => Float, { description: 'Western longitude, -180…180.' })
  @Min(-180)
  @Max(180)
  west!: number;
  @Field(() => Float, { description: 'Southern latitude, -90…90.' })
  @Min(-90)
  @Max(90)
  south!: number;
  @Field(() => Float, { description: 'Eastern longitude, -180…180, greater than west.' })
  @Min(-180)
  @Max(180)
  east!: number;
  @Field(() => Float, { description: 'Northern latitude, -90…90, greater than south.' })
  @Min(-90)
  @Max(90)
  north!: number;
}

@InputType('ReferenceInput', { description: 'A reference place to measure from: a GeoJSON Point or a village code (exactly one).' })
export class ReferenceInput {
  @Field(() => GeoJSONScalar, { nullable: true, description: 'A GeoJSON Point, e.g. {"type":"Point","coordinates":[116.1,43.9]}.' })
  point?: Geometry;
  @Field(() => String, { nullable: true, description: '12-digit code of a village whose location is the reference.' })
  @IsOptional()
  @Length(12, 12)
  villageCode?: string;
}

@InputType('NearInput', { description: 'Within a geodesic distance of a point or a village (距离范围内).' })
export class NearInput extends ReferenceInput {
  @Field(() => Float, { description: 'Radius in metres, 0 to 2,000,000.' })
  @Min(0)
  @Max(2_000_000)
  radiusMeters!: number;
}

@InputType('AreaInput', { description: 'An area: a GeoJSON Polygon/MultiPolygon, a county code or a township code (exactly one).' })
export class AreaInput {
  @Field(() => GeoJSONScalar, { nullable: true, description: 'A GeoJSON Polygon or MultiPolygon.' })
  polygon?: Geometry;
  @Field(() => String, { nullable: true, description: '12-digit code of a county whose boundary is the area.' })
  @IsOptional()
  @Length(12, 12)
  countyCode?: string;
  @Field(() => String, { nullable: true, description: '12-digit code of a township whose boundary is the area.' })
  @IsOptional()
  @Length(12, 12)
  townshipCode?: string;
}

@InputType('SpatialFilter', { description: 'Spatial conditions (空间条件); all given ones must hold.' })
export class SpatialFilter {
  @Field(() => AreaInput, { nullable: true, description: 'Inside an area (in a polygon or a county/township boundary).' })
  @ValidateNested()
  inside?: AreaInput;
  @Field(() => BBoxInput, { nullable: true, description: 'In a bounding box.' })
  @ValidateNested()
  bbox?: BBoxInput;
  @Field(() => NearInput, { nullable: true, description: 'Within a geodesic distance of a point or a village.' })
  @ValidateNested()
  near?: NearInput;
  @Field(() => GeoJSONScalar, { nullable: true, description: 'Intersecting a GeoJSON geometry (相交).' })
  intersects?: Geometry;
}
