/**
 * The warnings layer's marks, drawn at run time (the style has no sprite URL:
 * offline): a red triangle, an orange diamond, a yellow circle, each with a
 * dark outline and a white rim, so level reads by shape as well as colour
 * and every mark keeps contrast on any class colour under it. Pixels come
 * from the distance to the shape's edge, smoothed over one device pixel.
 */
import type { WarningLevel } from '../graphql/documents';
import type { RuntimeImage } from '../map/layers/types';

const PIXEL_RATIO = 2;
/** CSS pixels of the image's side */
const SIZE = 18;
const OUTLINE = 1.5;
const RIM = 1.2;

export const WARNING_COLORS: Record<WarningLevel, string> = { RED: '#b2182b', ORANGE: '#e66101', YELLOW: '#fdd835' };
export const WARNING_OUTLINE = '#1f2d3d';
export const WARNING_RIM = '#ffffff';
export const WARNING_SHAPES: Record<WarningLevel, 'triangle' | 'diamond' | 'circle'> = { RED: 'triangle', ORANGE: 'diamond', YELLOW: 'circle' };

type Point = readonly [number, number];
const c = SIZE / 2;
const m = RIM + OUTLINE / 2;
const POLYGONS: Record<'triangle' | 'diamond', readonly Point[]> = {
  triangle: [[c, m], [SIZE - m, SIZE - m], [m, SIZE - m]],
  diamond: [[c, m], [SIZE - m, c], [c, SIZE - m], [m, c]],
};

function toSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inside([px, py]: Point, polygon: readonly Point[]): boolean {
  let odd = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

/** Distance to the shape's edge, CSS pixels: positive inside, negative outside. */
export function shapeDistance(shape: 'triangle' | 'diamond' | 'circle', p: Point): number {
  if (shape === 'circle') return c - m - Math.hypot(p[0] - c, p[1] - c);
  const polygon = POLYGONS[shape];
  let d = Infinity;
  for (let i = 0; i < polygon.length; i++) d = Math.min(d, toSegment(p, polygon[i]!, polygon[(i + 1) % polygon.length]!));
  return inside(p, polygon) ? d : -d;
}

const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/** RGBA pixels (not premultiplied): fill inside the edge less the outline, the outline across the edge, the rim outside it. */
export function markPixels(level: WarningLevel): { width: number; height: number; data: Uint8ClampedArray } {
  const fill = rgb(WARNING_COLORS[level]);
  const outline = rgb(WARNING_OUTLINE);
  const rim = rgb(WARNING_RIM);
  const side = SIZE * PIXEL_RATIO;
  const data = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const d = shapeDistance(WARNING_SHAPES[level], [(x + 0.5) / PIXEL_RATIO, (y + 0.5) / PIXEL_RATIO]);
      const alpha = clamp01((d + OUTLINE / 2 + RIM) * PIXEL_RATIO + 0.5);
      const dark = clamp01((d + OUTLINE / 2) * PIXEL_RATIO + 0.5);
      const inner = clamp01((d - OUTLINE / 2) * PIXEL_RATIO + 0.5);
      const at = (y * side + x) * 4;
      for (let k = 0; k < 3; k++) {
        const edge = rim[k]! + (outline[k]! - rim[k]!) * dark;
        data[at + k] = Math.round(edge + (fill[k]! - edge) * inner);
      }
      data[at + 3] = Math.round(255 * alpha);
    }
  }
  return { width: side, height: side, data };
}

export const markImageId = (level: WarningLevel) => `warning-${level.toLowerCase()}`;

export const WARNING_IMAGES: readonly RuntimeImage[] = (['RED', 'ORANGE', 'YELLOW'] as const).map((level) => ({
  id: markImageId(level),
  pixelRatio: PIXEL_RATIO,
  draw: () => markPixels(level),
}));
