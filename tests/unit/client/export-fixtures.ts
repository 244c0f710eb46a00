/**
 * A small atlas for the export tests (client/src/export): three counties (one
 * without figures), three villages (one without figures), one pairing, two
 * alliances (one founded after the view's year), as the API and the atlas
 * hold them. `fakeView` takes the metric, the classes and the overlays shown.
 */
import type { Polygon } from 'geojson';
import { zhCN } from '../../../client/src/app/i18n/zh-CN';
import type { ExportData } from '../../../client/src/export/layer-tables';
import type { AtlasPairing, AtlasQuery, AtlasVillage, CountyFigures, Metric } from '../../../client/src/graphql/documents';
import { fromChoropleth, type ServerChoropleth } from '../../../client/src/map/classes';
import type { AtlasView, OverlayKey } from '../../../client/src/map/layers/types';

const square = (x: number, y: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]],
});

/** The counties' boundaries, three villages (one without figures) and one pairing, as the API gives them for an export. */
export function fakeData(): ExportData {
  const village = (code: string, name: string, x: number, figures: Partial<NonNullable<AtlasVillage['figures']>> | null) =>
    ({
      code,
      name,
      nameEn: `${name} en`,
      location: { type: 'Point', coordinates: [x + 0.1234567, 0.5] },
      township: { code: `${code.slice(0, 9)}000`, name: `${name}镇`, nameEn: `${name} Town` },
      figures: figures && {
        branchRating: 'MIDDLE',
        households: 300,
        poorHouseholds: 12,
        poorPopulation: 30,
        povertyIncidence: 3.456,
        collectiveIncome: 4.5678,
        partyMembers: 25,
        secretaryIsDirector: true,
        softLax: false,
        ...figures,
      },
    }) as AtlasVillage;
  return {
    countyBoundaries: new Map([
      ['152501000000', square(0, 0)],
      ['152502000000', square(1, 0)],
      ['152503000000', square(2, 0)],
    ]),
    villages: [
      village('152501001001', '一村', 0.5, { status: 'POOR', strength: 'WEAK', ruralPopulation: 800 }),
      village('152502001001', '二村', 1.5, { status: 'EXITED', strength: 'MIDDLE', ruralPopulation: 1200 }),
      village('152503001001', '三村', 2.5, null),
    ],
    pairings: [
      {
        id: 7,
        kind: 'STRONG_HELPS_WEAK',
        startYear: 2016,
        endYear: null,
        distanceMeters: 1234.5,
        line: { type: 'LineString', coordinates: [[1.5, 0.5], [0.5, 0.5]] },
        helperVillage: { code: '152502001001', name: '二村', nameEn: '二村 en' },
        helperOrganisation: null,
        helpedVillage: { code: '152501001001', name: '一村', nameEn: '一村 en' },
      } as AtlasPairing,
    ],
  };
}

/** Three counties (one without figures), one pairing, one alliance, as the atlas holds them. */
export interface FakeViewOptions {
  messages?: AtlasView['messages'];
  hidden?: OverlayKey[];
  /** the shaded metric and its classification (default: incidence, 2 quantile classes over all years, exit line 3 %) */
  choropleth?: Partial<ServerChoropleth>;
  /** registry keys whose data is on the map (default: counties, villages, pairings, alliances) */
  loaded?: string[];
  filters?: Partial<AtlasView['filters']>;
}

/** The classification the fake view shades by, as the server would describe it. */
export function fakeChoropleth(options: Partial<ServerChoropleth> = {}): ServerChoropleth {
  return {
    level: 'COUNTY',
    year: 2017,
    metric: 'POVERTY_INCIDENCE',
    method: 'QUANTILE',
    scope: 'ALL_YEARS',
    requestedClasses: 2,
    classesNote: null,
    openEnded: false,
    threshold: 3,
    unit: '%',
    decimals: 1,
    polarity: 'HIGHER_IS_WORSE',
    breaks: [1.25, 3, 5.5],
    areas: [
      { code: '152501000000', classIndex: 1, value: 5.5 },
      { code: '152502000000', classIndex: 0, value: 1.25 },
      { code: '152503000000', classIndex: null, value: null },
    ],
    ...options,
  };
}

export function fakeView({ messages = zhCN, hidden = [], choropleth = {}, loaded, filters = {} }: FakeViewOptions = {}): AtlasView {
  const atlas = {
    prefecture: { code: '152500000000', name: '测试盟', nameEn: 'Test League', years: [2017], thresholds: { countyExitIncidence: 3 }, boundary: square(0, 0) },
    counties: [
      { code: '152501000000', name: '甲旗', nameEn: 'Jia Banner', kind: 'BANNER', boundary: square(0, 0) },
      { code: '152502000000', name: '乙县', nameEn: 'Yi County', kind: 'COUNTY', boundary: square(1, 0) },
      { code: '152503000000', name: '丙区', nameEn: 'Bing District', kind: 'DISTRICT', boundary: square(2, 0) },
    ],
  } as unknown as AtlasQuery;
  const fig = (incidence: number, poor: number, rural: number) =>
    ({ year: 2017, povertyIncidence: incidence, poorPopulation: poor, ruralPopulation: rural }) as CountyFigures;
  const figures = new Map<string, CountyFigures | null>([
    ['152501000000', fig(5.5, 550, 10_000)],
    ['152502000000', fig(1.25, 125, 10_000)],
    ['152503000000', null],
  ]);
  const server = fakeChoropleth(choropleth);
  const classification = fromChoropleth(server);
  const { villages } = fakeData();
  const alliance = (id: number, foundedYear: number) => ({
    id,
    name: `联合党委${id}`,
    foundedYear,
    footprint: square(0, 0),
    centre: { code: '152502001001', location: villages[1]!.location },
    members: [villages[0]!, villages[1]!].map((v) => ({ code: v.code, location: v.location })),
  });
  return {
    atlas,
    year: 2017,
    figures,
    classification,
    method: server.method,
    metric: server.metric as Metric,
    unit: server.unit,
    scope: server.scope,
    polarity: server.polarity,
    decimals: server.decimals,
    requestedClasses: server.requestedClasses,
    classesNote: server.classesNote ?? null,
    filters: { status: [], strength: [], pairing: [], industry: [], ...filters },
    selection: null,
    messages,
    overlays: {
      villages: { year: 2017, counts: { total: 3, status: { POOR: 1, EXITED: 1, NEVER_POOR: 0 }, strength: { STRONG: 1, WEAK: 1 } } },
      pairings: { year: 2017, counts: { drawn: { STRONG_HELPS_WEAK: 1, CENTRE_RADIATES: 0, ENTERPRISE_VILLAGE: 0 }, withoutLine: 0 } },
      // The second alliance is founded after the view's year: the map does not show it.
      alliances: [alliance(1, 2015), alliance(2, 2019)],
      townships: null,
      projects: null,
    },
    hidden: new Set(hidden),
    loaded: new Set(loaded ?? ['prefecture', 'counties', 'villages', 'pairings', 'alliances']),
  } as unknown as AtlasView;
}

