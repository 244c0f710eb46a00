/**
 * The atom mesh: a fine Voronoi tessellation (a few km per cell) from which
 * every polygon of the demo region is assembled. Townships are groups of
 * atoms, counties groups of townships, the league all of them; because every
 * boundary runs along atom edges, neighbours share their vertices exactly.
 */
import { Delaunay } from 'd3-delaunay';
import type { Rng } from './rng.js';
import type { Xy } from './projection.js';

export interface Mesh {
  /** atom sites (km) */
  sites: Xy[];
  /** Voronoi vertices (km), shared by the cells that meet there */
  vertices: Xy[];
  /** each atom's cell as vertex ids, counter-clockwise (y north) */
  cells: number[][];
  /** atoms sharing an edge with each atom */
  neighbours: number[][];
  /** atoms touching the bounding box: never part of the region */
  onHull: boolean[];
  /** atoms meeting at each vertex */
  vertexCells: number[][];
  /** the atom to the left of a directed edge "u>v" (its owner) */
  edgeOwner: Map<string, number>;
}

export const edgeKey = (u: number, v: number): string => `${u}>${v}`;

function signedArea(ring: ReadonlyArray<readonly number[]>): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as readonly number[];
    const b = ring[(i + 1) % ring.length] as readonly number[];
    s += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  return s / 2;
}

function centroid(ring: ReadonlyArray<readonly number[]>): Xy {
  let cx = 0;
  let cy = 0;
  let a2 = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i] as [number, number];
    const [x1, y1] = ring[(i + 1) % ring.length] as [number, number];
    const c = x0 * y1 - x1 * y0;
    a2 += c;
    cx += (x0 + x1) * c;
    cy += (y0 + y1) * c;
  }
  return [cx / (3 * a2), cy / (3 * a2)];
}

/** Open (unclosed) cell polygons of the Voronoi diagram of `sites`. */
function cellPolygons(sites: Xy[], bounds: [number, number, number, number]): Array<Array<[number, number]>> {
  const voronoi = Delaunay.from(sites as Array<[number, number]>).voronoi(bounds);
  return sites.map((_, i) => {
    const poly = voronoi.cellPolygon(i) as Array<[number, number]> | null;
    if (!poly) throw new Error(`mesh: atom ${i} has no cell`);
    return poly.slice(0, -1);
  });
}

/**
 * Uniform random sites in a box of half-width `halfW` and half-height
 * `halfH` km, relaxed twice (Lloyd) so cells are even without looking gridded.
 */
export function buildMesh(rng: Rng, halfW: number, halfH: number, spacingKm: number): Mesh {
  const bounds: [number, number, number, number] = [-halfW, -halfH, halfW, halfH];
  const count = Math.round((4 * halfW * halfH) / (spacingKm * spacingKm));
  let sites: Xy[] = Array.from({ length: count }, () => [rng.range(-halfW, halfW), rng.range(-halfH, halfH)] as const);
  for (let iter = 0; iter < 2; iter++) sites = cellPolygons(sites, bounds).map(centroid);

  const polys = cellPolygons(sites, bounds);
  const vertexId = new Map<string, number>();
  const vertices: Xy[] = [];
  const cells = polys.map((poly) => {
    const ring = signedArea(poly) < 0 ? poly.slice().reverse() : poly;
    return ring.map(([x, y]) => {
      const key = `${x}|${y}`;
      let id = vertexId.get(key);
      if (id === undefined) {
        id = vertices.length;
        vertexId.set(key, id);
        vertices.push([x, y]);
      }
      return id;
    });
  });

  const edgeOwner = new Map<string, number>();
  const vertexCells: number[][] = vertices.map(() => []);
  cells.forEach((cell, i) => {
    cell.forEach((u, k) => {
      edgeOwner.set(edgeKey(u, cell[(k + 1) % cell.length] as number), i);
      (vertexCells[u] as number[]).push(i);
    });
  });
  const onHull: boolean[] = [];
  const neighbours = cells.map((cell, i) => {
    const out: number[] = [];
    let hull = false;
    cell.forEach((u, k) => {
      const twin = edgeOwner.get(edgeKey(cell[(k + 1) % cell.length] as number, u));
      if (twin === undefined) hull = true;
      else out.push(twin);
    });
    onHull[i] = hull;
    return out;
  });
  return { sites, vertices, cells, neighbours, onHull, vertexCells, edgeOwner };
}
