/**
 * Turns groups of atoms into GeoJSON polygons. The boundary of a group is the
 * chain of atom edges whose other side lies outside the group; atom cells are
 * counter-clockwise, so outer rings come out counter-clockwise (RFC 7946).
 *
 * Boundaries are smoothed by one round of Chaikin corner cutting, applied per
 * arc (a stretch of boundary between two junctions, where three or more
 * townships or the outside meet), and each arc is computed once: a township,
 * its neighbour and its county all reuse the same coordinates, so shared
 * edges coincide exactly. One round is safe: each cut corner lies inside a
 * single convex atom cell, which no other boundary crosses.
 */
import type { MultiPolygon, Position } from 'geojson';
import { edgeKey, type Mesh } from './mesh.js';
import { POLYGON_DECIMALS, toLonLat, type Xy } from './projection.js';

function chaikinOpen(points: Xy[]): Xy[] {
  if (points.length < 3) return points.slice();
  const out: Xy[] = [points[0] as Xy];
  const last = points.length - 2;
  for (let i = 0; i <= last; i++) {
    const [ax, ay] = points[i] as Xy;
    const [bx, by] = points[i + 1] as Xy;
    if (i > 0) out.push([0.75 * ax + 0.25 * bx, 0.75 * ay + 0.25 * by]);
    if (i < last) out.push([0.25 * ax + 0.75 * bx, 0.25 * ay + 0.75 * by]);
  }
  out.push(points[points.length - 1] as Xy);
  return out;
}

function chaikinClosed(points: Xy[]): Xy[] {
  const out: Xy[] = [];
  points.forEach(([ax, ay], i) => {
    const [bx, by] = points[(i + 1) % points.length] as Xy;
    out.push([0.75 * ax + 0.25 * bx, 0.75 * ay + 0.25 * by], [0.25 * ax + 0.75 * bx, 0.25 * ay + 0.75 * by]);
  });
  return out;
}

export class Outliner {
  private readonly junction: boolean[];
  private readonly arcs = new Map<string, Xy[]>();

  /** `fineLabel`: atom → finest group (township), -1 outside the league. */
  constructor(
    private readonly mesh: Mesh,
    fineLabel: Int32Array,
  ) {
    this.junction = mesh.vertexCells.map((cells) => new Set(cells.map((c) => fineLabel[c])).size >= 3);
  }

  /** The polygon of a connected, hole-free group of atoms. */
  polygon(atoms: readonly number[]): MultiPolygon {
    const inGroup = new Set(atoms);
    const next = new Map<number, number>();
    for (const a of atoms) {
      const cell = this.mesh.cells[a] as number[];
      cell.forEach((u, k) => {
        const v = cell[(k + 1) % cell.length] as number;
        const twin = this.mesh.edgeOwner.get(edgeKey(v, u));
        if (twin === undefined) throw new Error(`rings: atom ${a} lies on the mesh hull`);
        if (inGroup.has(twin)) return;
        if (next.has(u)) throw new Error(`rings: group touches itself at vertex ${u}`);
        next.set(u, v);
      });
    }
    const rings: number[][] = [];
    const seen = new Set<number>();
    for (const start of [...next.keys()].sort((a, b) => a - b)) {
      if (seen.has(start)) continue;
      const ring: number[] = [];
      for (let u = start; !seen.has(u); u = next.get(u) as number) {
        seen.add(u);
        ring.push(u);
      }
      rings.push(ring);
    }
    if (rings.length !== 1) throw new Error(`rings: group has ${rings.length} rings (expected one, no holes)`);
    return { type: 'MultiPolygon', coordinates: [[this.ringCoordinates(rings[0] as number[])]] };
  }

  private ringCoordinates(ring: number[]): Position[] {
    const cuts = ring.map((_, i) => i).filter((i) => this.junction[ring[i] as number]);
    let points: Xy[];
    if (cuts.length === 0) {
      const min = ring.indexOf(Math.min(...ring));
      const rotated = [...ring.slice(min), ...ring.slice(0, min)];
      points = chaikinClosed(rotated.map((v) => this.mesh.vertices[v] as Xy));
    } else {
      points = [];
      cuts.forEach((from, k) => {
        const to = cuts[(k + 1) % cuts.length] as number;
        const ids = to > from ? ring.slice(from, to + 1) : [...ring.slice(from), ...ring.slice(0, to + 1)];
        const arc = this.arc(ids);
        points.push(...(points.length === 0 ? arc : arc.slice(1)));
      });
      points.pop(); // the last arc ends where the first began
    }
    const out: Position[] = [];
    for (const p of points) {
      const q = toLonLat(p, POLYGON_DECIMALS);
      const prev = out[out.length - 1];
      if (!prev || prev[0] !== q[0] || prev[1] !== q[1]) out.push(q);
    }
    const first = out[0] as Position;
    const last = out[out.length - 1] as Position;
    if (first[0] === last[0] && first[1] === last[1]) out.pop();
    out.push([first[0] as number, first[1] as number]);
    return out;
  }

  /** Smoothed coordinates of an arc given as vertex ids, shared with its reverse. */
  private arc(ids: number[]): Xy[] {
    const n = ids.length;
    const fwd = [ids[0] as number, ids[1] as number];
    const rev = [ids[n - 1] as number, ids[n - 2] as number];
    const forward = fwd[0] !== rev[0] ? (fwd[0] as number) < (rev[0] as number) : (fwd[1] as number) < (rev[1] as number);
    const key = forward ? `${fwd[0]}>${fwd[1]}` : `${rev[0]}>${rev[1]}`;
    let smooth = this.arcs.get(key);
    if (!smooth) {
      const canonical = forward ? ids : ids.slice().reverse();
      smooth = chaikinOpen(canonical.map((v) => this.mesh.vertices[v] as Xy));
      this.arcs.set(key, smooth);
    }
    return forward ? smooth : smooth.slice().reverse();
  }
}
