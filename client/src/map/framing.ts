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
/**
 * A rectangle no wider and no taller than this is a button (a phone's layer
 * drawer, 列表): where keeping clear of everything leaves no room, a feature
 * may pass under a button rather than be framed with no regard to any panel.
 */
const BUTTON_SIZE = 120;

type Side = keyof Padding;

/**
 * The padding that leaves the largest free area clear of every rectangle: each
 * rectangle, largest first, is put behind the side of the map where moving that
 * edge in loses the least of the free area and still leaves room to frame in
 * (a tall panel on the left moves the left edge, a wide bar on top the top
 * edge); one already outside the free area costs nothing. Where that leaves
 * too little, the buttons among them (BUTTON_SIZE) are let go, smallest first.
 * Null when what is left is still too small to frame anything in.
 */
export function paddingClearOf(width: number, height: number, rects: readonly Rect[], margin = MARGIN): Padding | null {
  const clipped = rects
    .map((r) => ({ left: Math.max(0, r.left), top: Math.max(0, r.top), right: Math.min(width, r.right), bottom: Math.min(height, r.bottom) }))
    .filter((r) => r.right > r.left && r.bottom > r.top)
    .sort((a, b) => (b.right - b.left) * (b.bottom - b.top) - (a.right - a.left) * (a.bottom - a.top));
  const panels = clipped.filter((r) => r.right - r.left > BUTTON_SIZE || r.bottom - r.top > BUTTON_SIZE);
  const buttons = clipped.filter((r) => !panels.includes(r));
  for (let kept = buttons.length; kept >= 0; kept -= 1) {
    const padding = paddingOf(width, height, [...panels, ...buttons.slice(0, kept)], margin);
    if (padding) return padding;
  }
  return null;
}

/** The padding clear of `rects` (largest first), or null when it leaves no room. */
function paddingOf(width: number, height: number, rects: readonly Rect[], margin: number): Padding | null {
  const pad: Padding = { top: 0, right: 0, bottom: 0, left: 0 };
  const roomy = (p: Padding) => width - p.left - p.right - 2 * margin >= MIN_FREE && height - p.top - p.bottom - 2 * margin >= MIN_FREE;
  for (const r of rects) {
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
    // The cheapest side that still leaves room to frame in (a button on the right of a narrow band moves the right edge, not the top).
    const moved = (o: (typeof options)[number]): Padding => ({ ...pad, [o.side]: Math.max(pad[o.side], o.value) });
    const byCost = [...options].sort((a, b) => a.cost - b.cost);
    const best = byCost.find((o) => roomy(moved(o))) ?? byCost[0]!;
    pad[best.side] = Math.max(pad[best.side], best.value);
  }
  return roomy(pad) ? { top: pad.top + margin, right: pad.right + margin, bottom: pad.bottom + margin, left: pad.left + margin } : null;
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
