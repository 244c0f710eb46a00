/**
 * The map under a finger. A tap leaves behind the mouse events browsers send
 * for old pages (mousemove, mousedown, click) with no mouse to leave again:
 * read as hover, they pinned a county's card over the panel the tap opened.
 * And a fingertip covers some 40 px, where a village at the region's zoom is
 * a dot of 3: a tap meant for the county under it picked whichever village
 * happened to be there.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { SelectionKind } from '../state/view-state';
import { TOWNSHIP_MIN_ZOOM } from './layers/zoom';

/**
 * Below this zoom a tap selects the area under the finger (county, township)
 * and no symbol (village, project, pairing line, alliance): the region's zoom
 * on any screen is below it. From it on, townships are drawn and symbols are
 * large enough to aim at.
 */
export const TOUCH_SYMBOL_MIN_ZOOM = TOWNSHIP_MIN_ZOOM;

/** The areas a tap selects at any zoom. */
const AREA_KINDS: ReadonlySet<SelectionKind> = new Set(['county', 'township']);

/** Whether a tap at `zoom` may select a feature of `kind`. */
export function tapSelects(kind: SelectionKind, zoom: number): boolean {
  return AREA_KINDS.has(kind) || zoom >= TOUCH_SYMBOL_MIN_ZOOM;
}

/** Slack around the point of a click (mouse) or a tap (finger), CSS px: small targets stay reachable. */
export function pickSlack(touch: boolean): number {
  return touch ? 8 : 3;
}

/** What pointer last pressed or moved over the map: a finger (or pen), or a mouse. */
export interface PointerKind {
  readonly touch: boolean;
}

/**
 * Follows the pointer events on the map's container (pointer events, unlike
 * the compatibility mouse events, say which kind of pointer sent them). A
 * mouse moving again makes hover come back at once.
 */
export function trackPointerKind(map: MapLibreMap): PointerKind {
  let touch = false;
  const note = (event: PointerEvent) => {
    touch = event.pointerType === 'touch';
  };
  const container = map.getCanvasContainer();
  container.addEventListener('pointerdown', note, { capture: true, passive: true });
  container.addEventListener('pointermove', note, { capture: true, passive: true });
  return {
    get touch() {
      return touch;
    },
  };
}

/**
 * The compass (reset north and tilt) shows only once the map is turned or
 * tilted: two fingers turn it easily, and until then the button would only
 * take room. It goes again when the map is back to north, flat.
 */
export function showCompassWhenTurned(map: MapLibreMap): void {
  const update = () => map.getContainer().classList.toggle('map-turned', Math.abs(map.getBearing()) > 0.01 || map.getPitch() > 0.01);
  map.on('rotate', update);
  map.on('pitch', update);
  map.on('moveend', update);
}
