import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import type { PlaceLevel as PlaceLevelName, PlaceRow } from '../../spatial/place-search.js';

export const PlaceLevel = { COUNTY: 'COUNTY', TOWNSHIP: 'TOWNSHIP', VILLAGE: 'VILLAGE' } as const satisfies Record<PlaceLevelName, PlaceLevelName>;
registerEnumType(PlaceLevel, { name: 'PlaceLevel', description: 'Level of a place found by name: COUNTY (旗县), TOWNSHIP (苏木乡镇), VILLAGE (嘎查村).' });

@ObjectType('Place', { description: 'A county, township or village found by name or code (地名检索), with its extent for the map.' })
export class Place {
  @Field(() => PlaceLevel, { description: 'County, township or village.' })
  level!: PlaceLevelName;

  @Field(() => String, { description: '12-digit statistical division code.' })
  code!: string;

  @Field(() => String, { description: 'Name in Chinese (名称).' })
  name!: string;

  @Field(() => String, { description: 'Name in English or pinyin.' })
  nameEn!: string;

  @Field(() => String, { nullable: true, description: 'Name in Chinese of the area it lies in: the county of a township, the township of a village; null for a county.' })
  parentName!: string | null;

  @Field(() => String, { nullable: true, description: 'Name in English of the area it lies in; null for a county.' })
  parentNameEn!: string | null;

  @Field(() => [Float], { description: 'Bounding box [west, south, east, north] in WGS-84 degrees; a village (a point) has west = east and south = north.' })
  bbox!: number[];

  static from(row: PlaceRow): Place {
    return Object.assign(new Place(), {
      level: row.level,
      code: row.code,
      name: row.name,
      nameEn: row.name_en,
      parentName: row.parent_name,
      parentNameEn: row.parent_name_en,
      bbox: [row.west, row.south, row.east, row.north],
    });
  }
}
