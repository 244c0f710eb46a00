/**
 * The demo region's geometry, before names and figures: the league outline,
 * townships (atoms grouped) and counties (townships grouped), as polygons in
 * lon/lat, plus the atom sites left in each township for placing villages.
 */
import type { MultiPolygon } from 'geojson';
import { buildMesh, type Mesh } from './mesh.js';
import type { Rng } from './rng.js';
import { groupCounties, townshipGraph, type TownshipGraph } from './counties.js';
import { growTownships, selectOutline, townshipSeeds } from './regions.js';
import { Outliner } from './rings.js';
import type { Xy } from './projection.js';

export interface TownshipShape {
  /** index into DemoGeometry.counties */
  county: number;
  atoms: number[];
  centre: Xy;
  neighbours: number[];
  boundary: MultiPolygon;
}

export interface CountyShape {
  townships: number[];
  centre: Xy;
  boundary: MultiPolygon;
}

export interface DemoGeometry {
  mesh: Mesh;
  outline: MultiPolygon;
  counties: CountyShape[];
  townships: TownshipShape[];
}

const TARGET_TOWNSHIPS = 90;
const COUNTY_COUNT = 11;

/** Renumbers labels 0..n-1 in order of first appearance, dropping empty ones. */
function compact(label: Int32Array): { label: Int32Array; count: number } {
  const map = new Map<number, number>();
  const out = label.map((g) => {
    if (g < 0) return -1;
    let m = map.get(g);
    if (m === undefined) {
      m = map.size;
      map.set(g, m);
    }
    return m;
  });
  return { label: out, count: map.size };
}

export function buildGeometry(rng: Rng): DemoGeometry {
  const mesh = buildMesh(rng.fork('mesh'), 240, 210, 5);
  const region = selectOutline(mesh, rng.fork('outline'));
  const seeds = townshipSeeds(mesh, region, rng.fork('township-seeds'), TARGET_TOWNSHIPS);
  const grown = growTownships(mesh, region, seeds, rng.fork('townships'));
  const { label, count } = compact(grown);
  const graph: TownshipGraph = townshipGraph(mesh, label, count);
  const countyOf = groupCounties(graph, COUNTY_COUNT, rng.fork('counties'));
  const { label: countyLabel, count: countyCount } = compact(countyOf);

  const atomsOf: number[][] = Array.from({ length: count }, () => []);
  label.forEach((g, a) => g >= 0 && (atomsOf[g] as number[]).push(a));
  const outliner = new Outliner(mesh, label);
  const townships: TownshipShape[] = atomsOf.map((atoms, t) => ({
    county: countyLabel[t] as number,
    atoms,
    centre: graph.centres[t] as Xy,
    neighbours: graph.neighbours[t] as number[],
    boundary: outliner.polygon(atoms),
  }));
  const counties: CountyShape[] = Array.from({ length: countyCount }, (_, c) => {
    const members = townships.map((_, t) => t).filter((t) => townships[t]?.county === c);
    const atoms = members.flatMap((t) => townships[t]?.atoms ?? []);
    const centre: Xy = [
      atoms.reduce((s, a) => s + (mesh.sites[a] as Xy)[0], 0) / atoms.length,
      atoms.reduce((s, a) => s + (mesh.sites[a] as Xy)[1], 0) / atoms.length,
    ];
    return { townships: members, centre, boundary: outliner.polygon(atoms) };
  });
  return { mesh, outline: outliner.polygon(region), counties, townships };
}
