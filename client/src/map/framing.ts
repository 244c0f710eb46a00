/**
 * Where a feature can be framed so that no panel covers it: the padding for
 * MapLibre's `fitBounds`, computed from the rectangles of the panels drawn
 * over the map (title bar, KPI bar, detail panel, layer panel, legend…) as
 * they are on screen now, not from assumed sizes: the legend moves beside an
 * open detail panel, panels grow with their content, a narrow window wraps
 * the title bar.
 */

/** Padding in CSS pixels from each edge of the map. */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A rectangle in CSS pixels relative to the map's top-left corner. */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Room kept between a framed feature and the panels around it. */
const MARGIN = 24;
/** Below this free width or height there is no room to frame anything clear of the panels. */
const MIN_FREE = 160;

type Side = keyof Padding;

/**
 * The padding that leaves the largest free area clear of every rectangle: each
 * rectangle, largest first, is put behind the side of the map where moving that
 * edge in loses the least of the free area (a tall panel on the left moves the
 * left edge, a wide bar on top the top edge); one already outside the free area
 * costs nothing. Null when what is left is too small to frame anything in.
 */
export function paddingClearOf(width: number, height: number, rects: readonly Rect[], margin = MARGIN): Padding | null {
  const pad: Padding = { top: 0, right: 0, bottom: 0, left: 0 };
  const clipped = rects
    .map((r) => ({ left: Math.max(0, r.left), top: Math.max(0, r.top), right: Math.min(width, r.right), bottom: Math.min(height, r.bottom) }))
    .filter((r) => r.right > r.left && r.bottom > r.top)
    .sort((a, b) => (b.right - b.left) * (b.bottom - b.top) - (a.right - a.left) * (a.bottom - a.top));
  for (const r of clipped) {
    const free = { left: pad.left, top: pad.top, right: width - pad.right, bottom: height - pad.bottom };
    if (r.right <= free.left || r.left >= free.right || r.bottom <= free.top || r.top >= free.bottom) continue;
    const freeWidth = free.right - free.left;
    const freeHeight = free.bottom - free.top;
    const options: Array<{ side: Side; value: number; cost: number }> = [
      { side: 'left', value: r.right, cost: (r.right - free.left) * freeHeight },
      { side: 'right', value: width - r.left, cost: (free.right - r.left) * freeHeight },
      { side: 'top', value: r.bottom, cost: (r.bottom - free.top) * freeWidth },
      { side: 'bottom', value: height - r.top, cost: (free.bottom - r.top) * freeWidth },
    ];
    const best = options.reduce((a, b) => (b.cost < a.cost ? b : a));
    pad[best.side] = Math.max(pad[best.side], best.value);
  }
  const padded: Padding = { top: pad.top + margin, right: pad.right + margin, bottom: pad.bottom + margin, left: pad.left + margin };
  const roomy = width - padded.left - padded.right >= MIN_FREE && height - padded.top - padded.bottom >= MIN_FREE;
  return roomy ? padded : null;
}

/**
 * The rectangles of what is drawn over the map: the map's siblings placed on
 * top of it (absolutely or fixed), shown, and taking the pointer (a tooltip,
 * which follows the pointer and lets it through, is not in the way).
 */
export function panelRects(container: HTMLElement): Rect[] {
  const box = container.getBoundingClientRect();
  const rects: Rect[] = [];
  for (const element of Array.from(container.parentElement?.children ?? [])) {
    if (element === container || !(element instanceof HTMLElement)) continue;
    const style = getComputedStyle(element);
    if ((style.position !== 'absolute' && style.position !== 'fixed') || style.visibility === 'hidden' || style.pointerEvents === 'none') continue;
    const r = element.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    rects.push({ left: r.left - box.left, top: r.top - box.top, right: r.right - box.left, bottom: r.bottom - box.top });
  }
  return rects;
}

/** The padding that frames a feature in the part of the map no panel covers; null when none is roomy enough. */
export function paddingClearOfPanels(container: HTMLElement): Padding | null {
  return paddingClearOf(container.clientWidth, container.clientHeight, panelRects(container));
}
