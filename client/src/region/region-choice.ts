/**
 * What choosing a region does to the view, and which code the link writes.
 * Pure, so the rules are tested without a page (tests/unit/client/region-choice.test.ts).
 */
import type { ViewState } from '../state/view-state';

type View = Omit<ViewState, 'locale'>;

/** Regions as the hub lists them: by code, ascending (the first is the hub's default). */
export interface RegionEntry {
  code: string;
}

/**
 * The link's `region` for a chosen code: none for the hub's default (the
 * lowest code held), so a link to the default region stays as it was before
 * regions could be chosen, and one link means one view.
 */
export function regionParam(code: string, regions: readonly RegionEntry[]): string | null {
  const lowest = regions.map((r) => r.code).sort()[0];
  return code === lowest ? null : code;
}

/** The code a view reads: its own, or the hub's default (null when the list is not known yet). */
export function shownRegion(view: Pick<View, 'region'>, regions: readonly RegionEntry[]): string | null {
  return view.region ?? regions.map((r) => r.code).sort()[0] ?? null;
}

/**
 * The view after choosing `code`: the map goes back to the whole region (no
 * camera: fitted to it) and nothing stays selected (a county of one region is
 * not in another); the year, metric, classes, layers and filters stay. Choosing
 * the region already shown changes nothing.
 */
export function chooseRegion(view: View, code: string, regions: readonly RegionEntry[]): Partial<View> {
  if (shownRegion(view, regions) === code) return {};
  return { region: regionParam(code, regions), camera: null, selection: null };
}
