/**
 * The atlas export's findings table (督查问题): one row per open or overdue
 * finding the map shows, with its place, what it is, who must rectify it
 * and by when, and where it is drawn. Headers in the atlas's language.
 */
import type { Feature } from 'geojson';
import type { CsvValue } from '../export/csv';
import type { AtlasView } from '../map/layers/types';
import { findingMessagesFor } from './messages';

export interface FindingTableParts {
  header: string[];
  rows: CsvValue[][];
}

/** `features`: the layer's features as the map has them (ids and points); the rest is read from the view's findings. */
export function findingTableParts(view: AtlasView, features: readonly Feature[], yearColumn: string): FindingTableParts {
  const m = findingMessagesFor(view.messages.nameField);
  const c = m.columns;
  const byId = new Map((view.overlays.findings?.items ?? []).map((f) => [f.id, f]));
  const rows = features.flatMap((feature): CsvValue[][] => {
    const finding = byId.get(Number(feature.properties?.id));
    if (!finding) return [];
    const point = feature.geometry?.type === 'Point' ? feature.geometry.coordinates : [null, null];
    const place = finding.inspection.place;
    return [[
      view.year, finding.id, place.code, place[view.messages.nameField], m.placeKinds[place.kind],
      m.categories[finding.category], finding.description, finding.responsibleUnit, finding.inspection.inspectedOn, finding.deadline,
      m.statuses[finding.status], point[0] == null ? null : Math.round(point[0] * 1e6) / 1e6, point[1] == null ? null : Math.round(point[1] * 1e6) / 1e6,
    ]];
  });
  return {
    header: [yearColumn, c.id, c.placeCode, c.place, c.placeKind, c.category, c.description, c.responsibleUnit, c.inspectedOn, c.deadline, c.status, c.longitude, c.latitude],
    rows,
  };
}
