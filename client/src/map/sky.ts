/**
 * MapLibre 5 draws its sky on every frame, at any pitch: a pass over the
 * whole canvas with a shader program of its own. Up to `MAX_PITCH` the
 * horizon stays above the top edge (MapLibre's mercator horizon at its
 * default field of view), so the sky is never in view: what shows where no
 * layer draws is the map container's background colour (style.ts). In a
 * browser without a GPU (software WebGL) compiling that program and running
 * the pass slow the first picture.
 *
 * Seam on a library's internals (docs/architecture.md#seams-on-libraries-internals):
 * - buys: a faster first picture in software WebGL; figure in
 *   docs/performance.md#what-the-workarounds-buy.
 * - leans on: MapLibre 5's private `map.painter.drawFunctions.sky`, replaced
 *   on the painter (and again on a restored WebGL context). A MapLibre
 *   without these internals keeps its own behaviour.
 * - guarded by: tests/e2e/atlas.test.ts (the first picture's shader
 *   programs hold no sky program).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

/** The steepest the map tilts (MapLibre's default, stated: the sky skip below relies on it). */
export const MAX_PITCH = 60;

/**
 * Draws the sky only when the map is tilted past `MAX_PITCH`, which it
 * cannot be: kept as a condition so that raising the limit brings the sky back.
 * A MapLibre without these internals keeps its own behaviour.
 */
export function skipHiddenSky(map: MapLibreMap): void {
  const apply = () => {
    const painter = map.painter;
    const draw = painter?.drawFunctions;
    if (!draw || typeof draw.sky !== 'function') return;
    const sky = draw.sky;
    painter.drawFunctions = { ...draw, sky: (...args: Parameters<typeof sky>) => (map.getPitch() > MAX_PITCH ? sky(...args) : undefined) };
  };
  apply();
  // A restored WebGL context comes with a new painter.
  map.on('webglcontextrestored', apply);
}
