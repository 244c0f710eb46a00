/**
 * Names, codes and kinds of the league's counties, townships and villages,
 * and where each village lies. Figures (poverty, exits) come later.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon } from 'geojson';
import type { CountyKind, CountyRecord, TownshipKind, TownshipRecord, VillageKind, VillageRecord } from '../records.js';
import type { DemoGeometry } from './geometry.js';
import { NameDrawer, withSuffix, type PlaceName } from './names.js';
import { POINT_DECIMALS, toLonLat, type Xy } from './projection.js';
import type { Rng } from './rng.js';

export const PREFECTURE_CODE = '159900000000';
export const PREFECTURE_NAME: PlaceName = { name: '查干高勒盟', nameEn: 'Chagaan Gol League' };
const TARGET_VILLAGES = 850;

/** Where a record sits on the plane, for the later stages. */
export interface Placed<R> {
  record: R;
  xy: Xy;
  /** 0 in the far north of the league, 1 in the far south */
  south: number;
}

export interface Places {
  counties: Array<Placed<CountyRecord>>;
  townships: Array<Placed<TownshipRecord> & { county: number; neighbours: number[] }>;
  villages: Array<Placed<VillageRecord> & { township: number; county: number }>;
}

const byNorthWest = (a: Xy, b: Xy): number => b[1] - a[1] + 0.5 * (a[0] - b[0]);

export function buildPlaces(geo: DemoGeometry, rng: Rng): Places {
  const ys = geo.townships.map((t) => t.centre[1]);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const southOf = (xy: Xy): number => Math.min(1, Math.max(0, (maxY - xy[1]) / (maxY - minY)));
  const names = {
    county: new NameDrawer(rng.fork('county-names')),
    township: new NameDrawer(rng.fork('township-names')),
    village: new NameDrawer(rng.fork('village-names')),
  };

  // Kinds: the two southernmost counties are farming 县, the smallest of the
  // rest is the seat 区, the others are pastoral 旗.
  const bySouth = geo.counties.map((_, c) => c).sort((a, b) => southOf(geo.counties[b]!.centre) - southOf(geo.counties[a]!.centre));
  const kindOf = new Map<number, CountyKind>();
  bySouth.slice(0, 2).forEach((c) => kindOf.set(c, 'COUNTY'));
  const seat = bySouth.slice(2).sort((a, b) => geo.counties[a]!.townships.length - geo.counties[b]!.townships.length)[0] as number;
  kindOf.set(seat, 'DISTRICT');
  const order = geo.counties.map((_, c) => c).sort((a, b) => {
    if (a === seat || b === seat) return a === seat ? -1 : 1;
    return byNorthWest(geo.counties[a]!.centre, geo.counties[b]!.centre);
  });

  const counties: Places['counties'] = [];
  const townships: Places['townships'] = [];
  const villages: Places['villages'] = [];
  const countyIndex = new Map<number, number>();
  order.forEach((c, i) => {
    const shape = geo.counties[c]!;
    const kind = kindOf.get(c) ?? 'BANNER';
    const base = kind === 'COUNTY' ? names.county.drawHanCounty() : kind === 'DISTRICT' ? names.county.drawSeat() : names.county.draw('MONGOL');
    const name = withSuffix(base, kind === 'COUNTY' ? '县' : kind === 'DISTRICT' ? '区' : '旗');
    countyIndex.set(c, i);
    counties.push({
      record: {
        code: `1599${String(i + 1).padStart(2, '0')}000000`,
        prefectureCode: PREFECTURE_CODE,
        ...name,
        kind,
        keyPoorCounty: false,
        exitedYear: null,
        boundary: shape.boundary,
      },
      xy: shape.centre,
      south: southOf(shape.centre),
    });
  });

  // villages per township: denser in the south, scaled to the target total
  const wanted = (scale: number, t: number): number => {
    const shape = geo.townships[t]!;
    const density = 0.18 + 0.3 * southOf(shape.centre);
    return Math.max(3, Math.min(shape.atoms.length - 1, Math.round(scale * density * Math.sqrt(shape.atoms.length) * 3)));
  };
  let scale = 1;
  for (let k = 0; k < 30; k++) {
    const total = geo.townships.reduce((s, _, t) => s + wanted(scale, t), 0);
    if (Math.abs(total - TARGET_VILLAGES) <= 3) break;
    scale *= TARGET_VILLAGES / total;
  }

  const vrng = rng.fork('village-sites');
  const geoToRecord = new Map<number, number>();
  counties.forEach((county, ci) => {
    const c = order[ci] as number;
    const members = geo.counties[c]!.townships.slice().sort((a, b) => byNorthWest(geo.townships[a]!.centre, geo.townships[b]!.centre));
    const kinds = members.map((t, k): TownshipKind => {
      if (county.record.kind === 'COUNTY') return k === 0 || vrng.chance(0.4) ? 'TOWN' : 'TOWNSHIP';
      if (county.record.kind === 'DISTRICT') return k === 0 || vrng.chance(0.5) ? 'TOWN' : 'SUMU';
      return k === 0 || vrng.chance(0.3) ? 'TOWN' : 'SUMU';
    });
    let towns = 0;
    let others = 0;
    members.forEach((t, k) => {
      const shape = geo.townships[t]!;
      const kind = kinds[k] as TownshipKind;
      const han = county.record.kind === 'COUNTY' || (kind === 'TOWN' && vrng.chance(0.35));
      const base = han ? names.township.drawHanShort() : names.township.draw('MONGOL');
      const suffix = kind === 'SUMU' ? '苏木' : kind === 'TOWN' ? '镇' : '乡';
      const number = kind === 'TOWN' ? 101 + towns++ : 201 + others++;
      const code = county.record.code.slice(0, 6) + String(number) + '000';
      const ti = townships.length;
      geoToRecord.set(t, ti);
      townships.push({
        record: { code, countyCode: county.record.code, ...withSuffix(base, suffix), kind, boundary: shape.boundary },
        xy: shape.centre,
        south: southOf(shape.centre),
        county: ci,
        neighbours: shape.neighbours,
      });
      placeVillages(geo, t, wanted(scale, t), vrng).forEach((xy, vi) => {
        const vkind: VillageKind =
          kind === 'SUMU' || (county.record.kind !== 'COUNTY' && vrng.chance(0.55)) ? 'GACHA' : 'VILLAGE';
        const vname = withSuffix(names.village.draw(vkind === 'GACHA' ? 'MONGOL' : 'HAN'), vkind === 'GACHA' ? '嘎查' : '村');
        villages.push({
          record: {
            code: code.slice(0, 9) + String(201 + vi),
            townshipCode: code,
            ...vname,
            kind: vkind,
            location: { type: 'Point', coordinates: toLonLat(xy, POINT_DECIMALS) },
            isPoorVillage: false,
            exitedYear: null,
            branchName: `${vname.name}党支部`,
            branchFocus: null,
            branchGovernance15: false,
          },
          xy,
          south: southOf(xy),
          township: ti,
          county: ci,
        });
      });
    });
  });
  // township neighbours were geometry indices; map them to record indices
  for (const t of townships) t.neighbours = t.neighbours.map((n) => geoToRecord.get(n) as number).sort((a, b) => a - b);
  return { counties, townships, villages };
}

/**
 * Village sites: distinct atom sites of the township, nudged by up to 1 km,
 * kept only if strictly inside the township polygon after rounding.
 */
function placeVillages(geo: DemoGeometry, t: number, count: number, rng: Rng): Xy[] {
  const shape = geo.townships[t]!;
  const out: Xy[] = [];
  for (const a of rng.shuffle(shape.atoms)) {
    if (out.length === count) break;
    const site = geo.mesh.sites[a] as Xy;
    const nudged: Xy = [site[0] + rng.range(-1, 1), site[1] + rng.range(-1, 1)];
    const xy = [nudged, site].find((p) => strictlyInside(toLonLat(p, POINT_DECIMALS), shape.boundary));
    if (xy) out.push(xy);
  }
  // north to south, then west to east, so codes read like a map
  return out.sort(byNorthWest);
}

export function strictlyInside(point: number[], polygon: MultiPolygon): boolean {
  return booleanPointInPolygon(point, polygon, { ignoreBoundary: true });
}
