/**
 * MapLibre 5 draws its sky on every frame, at any pitch: a pass over the
 * whole canvas with a shader program of its own. Up to `MAX_PITCH` the
 * horizon stays above the top edge (MapLibre's mercator horizon at its
 * default field of view), so the sky is never in view: what shows where no
 * layer draws is the map container's background colour (style.ts). In a
 * browser without a GPU (software WebGL)
 * the program's compile and the pass cost the first picture about 0.15 s
 * (first page of a newly launched Chromium, 6 loads each way: first idle
 * 2,140 -> 1,983 ms, GPU process CPU 2.09 -> 1.83 s).
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
