/**
 * The pairing arrowhead, made at run time (the style has no sprite URL:
 * offline) as a signed distance field: one image, tinted per feature by
 * `icon-color` and rimmed by `icon-halo-*`. Drawn that way it uses the very
 * shader program of the area labels (MapLibre's SDF symbol program, with a
 * per-feature colour in both): in a browser without a GPU a separate icon
 * program cost the first picture 0.1-0.2 s, compiled when the pairing tiles
 * arrived, just before the map went idle.
 */
import type { RuntimeImage } from './layers/types';

/** Device pixels per CSS pixel of the image. */
const PIXEL_RATIO = 2;
/** The dart, in CSS pixels: tip at the top centre, the notch of its back at NOTCH. */
const DART_WIDTH = 11;
const DART_HEIGHT = 12;
const NOTCH = 0.62;
/** Room around the dart for its rim (halo) and the field's fall-off, CSS pixels. */
const MARGIN = 3;
/** The image, CSS pixels. The tip stays at the top edge's centre, less the margin (see `ARROW_TIP_INSET`). */
export const ARROW_WIDTH = DART_WIDTH + 2 * MARGIN;
export const ARROW_HEIGHT = DART_HEIGHT + 2 * MARGIN;
/** How far below the image's top edge the tip is, CSS pixels (the layer's offset accounts for it). */
export const ARROW_TIP_INSET = MARGIN;

/**
 * MapLibre reads an SDF image's alpha as distance to the shape's edge: 0.75
 * (192 of 255) on the edge, 1/8 less per pixel outward (its SDF_PX), the
 * halo width counted in the same pixels (CSS pixels at icon-size 1).
 */
const EDGE = 192;
const PER_CSS_PIXEL = 255 / 8;

type Point = readonly [number, number];

/** The dart's outline, CSS pixels in image coordinates, clockwise from the tip. */
function dart(): Point[] {
  const left = MARGIN;
  const top = MARGIN;
  return [
    [left + DART_WIDTH / 2, top],
    [left + DART_WIDTH, top + DART_HEIGHT],
    [left + DART_WIDTH / 2, top + DART_HEIGHT * NOTCH],
    [left, top + DART_HEIGHT],
  ];
}

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

/** The arrowhead's distance field, RGBA (white, the field in alpha), device pixels. */
export function arrowDistanceField(): { width: number; height: number; data: Uint8ClampedArray } {
  const width = ARROW_WIDTH * PIXEL_RATIO;
  const height = ARROW_HEIGHT * PIXEL_RATIO;
  const outline = dart();
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const p: Point = [(x + 0.5) / PIXEL_RATIO, (y + 0.5) / PIXEL_RATIO];
      let distance = Infinity;
      for (let i = 0; i < outline.length; i += 1) distance = Math.min(distance, distanceToSegment(p, outline[i]!, outline[(i + 1) % outline.length]!));
      const signed = inside(p, outline) ? distance : -distance;
      data[(y * width + x) * 4 + 3] = Math.round(EDGE + signed * PER_CSS_PIXEL);
    }
  }
  return { width, height, data };
}

/** The arrowhead pointing up (north when the map rotates it by a bearing), as an SDF image. */
export function arrowImage(id: string): RuntimeImage {
  return { id, pixelRatio: PIXEL_RATIO, sdf: true, draw: arrowDistanceField };
}
