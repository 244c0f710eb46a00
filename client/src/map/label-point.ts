/**
 * One point inside an area for its name label. A symbol layer labels a
 * polygon once per tile piece, so a county or township crossing tile edges
 * got its name two or three times at closer zoom; a single point feature per
 * area gives exactly one label at every zoom.
 */
import type { Geometry, Position } from 'geojson';

type Ring = readonly Position[];

function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return sum / 2;
}

function centroid(ring: Ring): Position {
  let x = 0;
  let y = 0;
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [x0, y0] = ring[j]! as [number, number];
    const [x1, y1] = ring[i]! as [number, number];
    const f = x0 * y1 - x1 * y0;
    x += (x0 + x1) * f;
    y += (y0 + y1) * f;
    a += f;
  }
  if (a === 0) return ring[0]!;
  return [x / (3 * a), y / (3 * a)];
}

/** Where a horizontal line at `y` crosses the ring, sorted by x. */
function crossings(ring: Ring, y: number): number[] {
  const xs: number[] = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [x0, y0] = ring[j]! as [number, number];
    const [x1, y1] = ring[i]! as [number, number];
    if (y0 > y !== y1 > y) xs.push(x0 + ((y - y0) / (y1 - y0)) * (x1 - x0));
  }
  return xs.sort((p, q) => p - q);
}

/**
 * The centroid of the largest polygon's outer ring when it lies inside it
 * (the usual case: counties and Voronoi townships are compact); otherwise the
 * middle of the widest inside stretch of the horizontal line through it.
 */
export function labelPoint(geometry: Geometry): Position | null {
  const rings: Ring[] =
    geometry.type === 'Polygon'
      ? geometry.coordinates.slice(0, 1)
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates.flatMap((polygon) => polygon.slice(0, 1))
        : [];
  const outer = rings.reduce<Ring | null>((best, r) => (!best || Math.abs(ringArea(r)) > Math.abs(ringArea(best)) ? r : best), null);
  if (!outer || outer.length < 4) return null;
  const c = centroid(outer);
  const xs = crossings(outer, c[1]!);
  let best: [number, number] | null = null;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const [from, to] = [xs[i]!, xs[i + 1]!];
    if (c[0]! >= from && c[0]! <= to) return c;
    if (!best || to - from > best[1] - best[0]) best = [from, to];
  }
  return best ? [(best[0] + best[1]) / 2, c[1]!] : c;
}
