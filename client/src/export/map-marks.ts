/**
 * The scale bar and north arrow of an exported map, computed from the map's
 * camera. MapLibre's world is 512 px wide at zoom 0 (Web Mercator), so at the
 * map's centre one pixel spans 2πR·cos(latitude) / (512·2^zoom) metres; the bar
 * is the longest 1-2-5 × 10ⁿ length that fits. Correct at the centre latitude
 * (Mercator's scale changes with latitude), which the label does not hide:
 * the bar is drawn at the centre's scale whatever its place on the image.
 */
import type { ExportMessages } from './messages';

/** WGS-84 equatorial radius, metres: MapLibre's Mercator sphere. */
const EARTH_RADIUS = 6_378_137;
const TILE_SIZE = 512;

export function metresPerPixel(latitude: number, zoom: number): number {
  return (2 * Math.PI * EARTH_RADIUS * Math.cos((latitude * Math.PI) / 180)) / (TILE_SIZE * 2 ** zoom);
}

export interface ScaleBar {
  /** the length the bar stands for */
  metres: number;
  /** its length on the image, CSS pixels */
  pixels: number;
  label: string;
}

/** The longest round length (1, 2 or 5 × 10ⁿ metres) whose bar is at most `maxPixels` long. */
export function scaleBar(metresPerPx: number, maxPixels: number, m: Pick<ExportMessages, 'kilometres' | 'metres'>, locale: string): ScaleBar {
  if (!(metresPerPx > 0) || !(maxPixels > 0)) throw new RangeError(`no scale bar for ${metresPerPx} m/px in ${maxPixels} px`);
  const most = metresPerPx * maxPixels;
  let metres = 10 ** Math.floor(Math.log10(most));
  const step = [5, 2].find((s) => metres * s <= most) ?? 1;
  metres *= step;
  const number = (n: number) => n.toLocaleString(locale, { maximumFractionDigits: 3 });
  return { metres, pixels: metres / metresPerPx, label: metres >= 1000 ? m.kilometres(number(metres / 1000)) : m.metres(number(metres)) };
}

/** The north arrow's turn on the image, degrees clockwise: the map's bearing turns north the other way. */
export function northRotation(bearing: number): number {
  return (((-bearing % 360) + 360) % 360) || 0;
}
