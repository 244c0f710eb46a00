/**
 * Pure helpers of the atlas's findings (督查整改): the day a year is judged
 * on (the server's asOfDate), and where each finding is drawn: at its
 * visit's place, several findings of one place spread on a small ring so
 * each can be seen and clicked.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { AtlasFinding, FindingStatus } from '../graphql/documents';

/** The day a year's picture is taken on: its last day, or today while it runs (server: asOfDate). */
export function asOfDay(year: number, today: Date = new Date()): string {
  const todayIso = today.toISOString().slice(0, 10);
  const yearEnd = `${year}-12-31`;
  return todayIso < yearEnd ? todayIso : yearEnd;
}

/** Ring radius (degrees) for the findings of one place: about 1.5 km, clear of one another at village zoom. */
export const SPREAD_DEGREES = 0.015;

export interface FindingFeatureProperties {
  id: number;
  status: FindingStatus;
  category: string;
  place: string;
  deadline: string;
}

/**
 * One point feature per finding. Findings at the same place sit on a ring
 * around it (overdue first, so they take the same spots from year to year);
 * a place with one finding keeps it at the place itself.
 */
export function findingFeatures(items: readonly AtlasFinding[], nameField: 'name' | 'nameEn'): FeatureCollection<Point, FindingFeatureProperties> {
  const byPlace = new Map<string, AtlasFinding[]>();
  for (const f of items) {
    const code = f.inspection.place.code;
    byPlace.set(code, [...(byPlace.get(code) ?? []), f]);
  }
  const features: Array<Feature<Point, FindingFeatureProperties>> = [];
  for (const group of byPlace.values()) {
    const sorted = [...group].sort((a, b) => (a.status === b.status ? a.id - b.id : a.status === 'OVERDUE' ? -1 : 1));
    const [lon, lat] = (sorted[0]!.inspection.place.point as Point).coordinates as [number, number];
    sorted.forEach((f, i) => {
      const angle = (2 * Math.PI * i) / sorted.length;
      const r = sorted.length === 1 ? 0 : SPREAD_DEGREES;
      features.push({
        type: 'Feature',
        id: f.id,
        properties: { id: f.id, status: f.status, category: f.category, place: f.inspection.place[nameField], deadline: f.deadline },
        geometry: { type: 'Point', coordinates: [lon + r * Math.sin(angle), lat + r * Math.cos(angle)] },
      });
    });
  }
  return { type: 'FeatureCollection', features };
}

/** How many findings of each status a list holds (the legend's counts). */
export function countByStatus(items: readonly Pick<AtlasFinding, 'status'>[]): Record<'OPEN' | 'OVERDUE', number> {
  return { OPEN: items.filter((f) => f.status === 'OPEN').length, OVERDUE: items.filter((f) => f.status === 'OVERDUE').length };
}
