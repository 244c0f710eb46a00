/** What the map shows of a selected feature: its geometries, marked, and the extent it frames. */
import type { Geometry } from '../../graphql/documents';
import { geometryBounds } from '../../map/geometry-bounds';
import type { Selection } from '../../state/view-state';

/** [west, south, east, north], WGS-84 degrees. */
export type BBox = [number, number, number, number];

/** The selected feature as the panel's answer gives it: the map marks `geometries` and frames `bbox`. */
export interface FeatureShape {
  selection: Selection;
  geometries: readonly Geometry[];
  bbox: BBox;
}

/** The shape of a feature from the geometries its answer carries (null ones left out); null when it has none. */
export function featureShape(selection: Selection, geometries: ReadonlyArray<Geometry | null | undefined>): FeatureShape | null {
  const known = geometries.filter((g): g is Geometry => g != null);
  const bbox = focusBox(known);
  return bbox ? { selection, geometries: known, bbox } : null;
}

/** Half the side of the box around a point (a village): about 3 km, a few villages around it. */
const POINT_MARGIN_DEGREES = 0.03;

/** The box around all the geometries, widened around a point (or points close together) so the map does not zoom in to the street. */
export function focusBox(geometries: ReadonlyArray<Geometry | null | undefined>): BBox | null {
  const boxes = geometries.filter((g): g is Geometry => g != null).map(geometryBounds);
  if (boxes.length === 0) return null;
  return widenBox(boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]));
}

/** A box at least a few kilometres wide and high (a point's box is a point). */
export function widenBox([w, s, e, n]: BBox): BBox {
  const widen = (lo: number, hi: number): [number, number] => {
    const missing = POINT_MARGIN_DEGREES * 2 - (hi - lo);
    return missing > 0 ? [lo - missing / 2, hi + missing / 2] : [lo, hi];
  };
  const [west, east] = widen(w, e);
  const [south, north] = widen(s, n);
  return [west, south, east, north];
}
