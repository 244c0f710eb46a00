/**
 * Arrowheads made at run time and added to the map as images: the style has
 * no sprite URL (offline), and a plain (not SDF) image keeps its exact
 * colours and a crisp white rim at every size. The pixels are computed here
 * from the distance to the dart's outline, not drawn on a 2D canvas: the
 * page's first canvas cost 80-90 ms of main thread at the first sync (a newly
 * launched browser), just as the map was about to ask for its tiles.
 */
import type { RuntimeImage } from './layers/types';

const PIXEL_RATIO = 2;
/** CSS pixels; the tip is at the top edge, centred. */
const WIDTH = 13;
const HEIGHT = 14;
/** The white rim's width on each side of the outline, CSS pixels. */
const RIM = 1.4;

type Point = readonly [number, number];

/** The dart's outline (the rim's middle), CSS pixels, from the tip clockwise. */
const OUTLINE: readonly Point[] = [
  [WIDTH / 2, RIM],
  [WIDTH - RIM, HEIGHT - RIM],
  [WIDTH / 2, HEIGHT * 0.68],
  [RIM, HEIGHT - RIM],
];

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
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

/** Distance to the outline, CSS pixels: positive inside the dart, negative outside. */
export function signedDistance(p: Point): number {
  let distance = Infinity;
  for (let i = 0; i < OUTLINE.length; i += 1) distance = Math.min(distance, distanceToSegment(p, OUTLINE[i]!, OUTLINE[(i + 1) % OUTLINE.length]!));
  return inside(p, OUTLINE) ? distance : -distance;
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/**
 * An arrowhead pointing up (north when the map rotates it by a bearing), tip
 * at the top centre: `color` inside the outline, white for `RIM` outside it,
 * each edge smoothed over one device pixel. RGBA, not premultiplied.
 */
export function arrowPixels(color: string): { width: number; height: number; data: Uint8ClampedArray } {
  if (!/^#[0-9a-f]{6}$/i.test(color)) throw new RangeError(`arrowhead colour "${color}" is not #rrggbb`);
  const rgb = [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));
  const width = WIDTH * PIXEL_RATIO;
  const height = HEIGHT * PIXEL_RATIO;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const d = signedDistance([(x + 0.5) / PIXEL_RATIO, (y + 0.5) / PIXEL_RATIO]);
      const alpha = clamp01((d + RIM) * PIXEL_RATIO + 0.5);
      const fill = clamp01(d * PIXEL_RATIO + 0.5);
      const at = (y * width + x) * 4;
      for (let c = 0; c < 3; c += 1) data[at + c] = Math.round(255 + (rgb[c]! - 255) * fill);
      data[at + 3] = Math.round(255 * alpha);
    }
  }
  return { width, height, data };
}

/** The arrowhead image of one colour. */
export function arrowImage(id: string, color: string): RuntimeImage {
  return { id, pixelRatio: PIXEL_RATIO, draw: () => arrowPixels(color) };
}
