/**
 * Synthetic boundaries for real codes: counties are the cells of a grid laid
 * over a box (in code order, west to east, north to south, so a province's
 * counties sit together), each county's cell is cut into one rectangle per
 * township, and villages are points well inside their township. All corners
 * are integers in micro-degrees, so a township's edges are exactly its
 * county's: townships partition their county (ST_CoveredBy holds exactly)
 * and every polygon is a valid counter-clockwise ring.
 */
import type { MultiPolygon } from 'geojson';

/** A rectangle in micro-degrees: west, south, east, north. */
export interface Box {
  w: number;
  s: number;
  e: number;
  n: number;
}

export const MICRO = 1_000_000;

/** A box (in degrees) centred on `centre` holding `count` cells of `cell` degrees, about twice as wide as tall. */
export function boxAround(centre: readonly [number, number], count: number, cell: number): { box: Box; columns: number } {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count * 2)));
  const rows = Math.max(1, Math.ceil(count / columns));
  const half = (n: number) => Math.round((n * cell * MICRO) / 2);
  const [lon, lat] = centre.map((d) => Math.round(d * MICRO)) as [number, number];
  return { box: { w: lon - half(columns), e: lon + half(columns), s: lat - half(rows), n: lat + half(rows) }, columns };
}

/** Cuts `box` into `count` cells: `columns` per row (the last row's cells wider), rows from north to south. */
export function cells(box: Box, count: number, columns: number = Math.ceil(Math.sqrt(count))): Box[] {
  const rows = Math.ceil(count / columns);
  const out: Box[] = [];
  for (let r = 0; r < rows; r++) {
    const inRow = r === rows - 1 ? count - columns * (rows - 1) : columns;
    const n = box.n - Math.round(((box.n - box.s) * r) / rows);
    const s = box.n - Math.round(((box.n - box.s) * (r + 1)) / rows);
    for (let c = 0; c < inRow; c++) {
      const w = box.w + Math.round(((box.e - box.w) * c) / inRow);
      const e = box.w + Math.round(((box.e - box.w) * (c + 1)) / inRow);
      out.push({ w, s, e, n });
    }
  }
  return out;
}

const deg = (micro: number) => micro / MICRO;

/** The box as a MultiPolygon, counter-clockwise, with a vertex in the middle of each side. */
export function boxPolygon(b: Box): MultiPolygon {
  const mx = b.w + Math.round((b.e - b.w) / 2);
  const my = b.s + Math.round((b.n - b.s) / 2);
  const ring = [
    [b.w, b.s], [mx, b.s], [b.e, b.s], [b.e, my], [b.e, b.n], [mx, b.n], [b.w, b.n], [b.w, my], [b.w, b.s],
  ].map(([x, y]) => [deg(x!), deg(y!)]);
  return { type: 'MultiPolygon', coordinates: [[ring]] };
}

/** A point inside `b`, at least `margin` (a share of each side) from its edges, rounded to 5 decimals. */
export function pointIn(b: Box, u: number, v: number, margin = 0.1): [number, number] {
  const x = b.w + (b.e - b.w) * (margin + (1 - 2 * margin) * u);
  const y = b.s + (b.n - b.s) * (margin + (1 - 2 * margin) * v);
  return [Math.round(x / 10) / 100_000, Math.round(y / 10) / 100_000];
}
