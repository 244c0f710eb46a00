/**
 * The one interface every map layer module satisfies. A module is a plain
 * object (no class, no base class): it owns one GeoJSON source and the style
 * layers drawn from it. Adding a layer kind = one `<kind>-layer.ts` file plus
 * one line in `registry.ts`.
 */
import type { FeatureCollection } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import type { AtlasQuery, ClassificationMethod, CountyFigures } from '../../graphql/documents';
import type { Classification } from '../classes';
import type { MapMessages } from '../messages';

/** Everything a layer may draw from: the data on screen and how it is shown. */
export interface AtlasView {
  atlas: AtlasQuery;
  year: number;
  /** figures for `year`, by county code */
  figures: ReadonlyMap<string, CountyFigures | null>;
  /** the server's classes of the year, with their colours */
  classification: Classification;
  /** how the server chose the breaks */
  method: ClassificationMethod;
  messages: MapMessages;
}

export interface LayerModule {
  /** registry key, also the id of the module's GeoJSON source */
  readonly key: string;
  /** what the layer shows, for people reading the registry */
  readonly description: string;
  /** the source data; features carry the properties the layers' expressions read */
  toGeoJSON(view: AtlasView): FeatureCollection;
  /** style layers in draw order, all reading source `key` */
  layers(view: AtlasView): LayerSpecification[];
  /** ids of layers that answer hover (tooltip), if any */
  readonly hoverLayerIds?: readonly string[];
}
