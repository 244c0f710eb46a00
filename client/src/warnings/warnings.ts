/**
 * Pure helpers of the atlas's warnings (预警): filtering the list, where each
 * entry leads (the selection that opens its village's or area's panel),
 * the map's marks (one per place, at its most severe level) and the CSV rows.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { AtlasWarning, WarningLevel, WarningRule } from '../graphql/documents';
import type { Selection } from '../state/view-state';
import type { WarningMessages } from './messages';

export const LEVELS: readonly WarningLevel[] = ['RED', 'ORANGE', 'YELLOW'];
export const RULES: readonly WarningRule[] = [
  'RETURN_RISK',
  'WEAK_UNPAIRED',
  'HELPER_WEAK',
  'SOFT_LAX_REPEATED',
  'POOR_VILLAGE_UNSTAFFED',
  'PROJECT_NO_POOR_BENEFIT',
  'FUNDS_BELOW_COMMITMENT',
  'FINDING_OVERDUE',
];

export interface WarningFilter {
  rule: WarningRule | null;
  level: WarningLevel | null;
}

export function filterWarnings<T extends Pick<AtlasWarning, 'rule' | 'level'>>(items: readonly T[], f: WarningFilter): T[] {
  return items.filter((w) => (f.rule === null || w.rule === f.rule) && (f.level === null || w.level === f.level));
}

/** How many of the items have each rule and each level (every rule and level listed). */
export function countWarnings(items: readonly Pick<AtlasWarning, 'rule' | 'level'>[]): { rule: Record<WarningRule, number>; level: Record<WarningLevel, number> } {
  const rule = Object.fromEntries(RULES.map((r) => [r, 0])) as Record<WarningRule, number>;
  const level = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<WarningLevel, number>;
  for (const w of items) {
    rule[w.rule]++;
    level[w.level]++;
  }
  return { rule, level };
}

/** The panel a warning leads to: its village's, or the township's or county's it is about. */
export function warningSelection(w: Pick<AtlasWarning, 'scope' | 'areaCode'>): Selection {
  return { kind: w.scope === 'VILLAGE' ? 'village' : w.scope === 'TOWNSHIP' ? 'township' : 'county', id: w.areaCode };
}

/** Where a warning is, named from the county down (县 · 乡 · 村). */
type Named = { name: string; nameEn: string };
export function warningPlace(w: { county: Named; township?: Named | null; village?: Named | null }, nameField: 'name' | 'nameEn'): string {
  return [w.county, w.township, w.village].filter((p) => p !== null && p !== undefined).map((p) => p![nameField]).join(' · ');
}

export function warningSentence(w: Pick<AtlasWarning, 'message' | 'messageEn'>, nameField: 'name' | 'nameEn'): string {
  return nameField === 'nameEn' ? w.messageEn : w.message;
}

export interface WarningMarkProperties {
  /** the place's code (village, township or county) */
  code: string;
  kind: Selection['kind'];
  /** its most severe level */
  level: WarningLevel;
  /** 0 red, 1 orange, 2 yellow: drawn most severe on top */
  rank: number;
  warnings: number;
  name: string;
}

/** One mark per place that has warnings, at the place's most severe level. */
export function warningMarks(items: readonly AtlasWarning[], nameField: 'name' | 'nameEn'): FeatureCollection<Point, WarningMarkProperties> {
  const byPlace = new Map<string, Feature<Point, WarningMarkProperties>>();
  for (const w of items) {
    if (w.longitude == null || w.latitude == null) continue;
    const rank = LEVELS.indexOf(w.level);
    const mark = byPlace.get(w.areaCode);
    if (mark) {
      mark.properties.warnings++;
      if (rank < mark.properties.rank) Object.assign(mark.properties, { rank, level: w.level });
      continue;
    }
    const place = w.village ?? w.township ?? w.county;
    byPlace.set(w.areaCode, {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [w.longitude, w.latitude] },
      properties: { code: w.areaCode, kind: warningSelection(w).kind, level: w.level, rank, warnings: 1, name: place[nameField] },
    });
  }
  return { type: 'FeatureCollection', features: [...byPlace.values()] };
}

/** Places marked at each level. */
export function marksByLevel(marks: FeatureCollection<Point, WarningMarkProperties>): Record<WarningLevel, number> {
  const out = { RED: 0, ORANGE: 0, YELLOW: 0 } as Record<WarningLevel, number>;
  for (const f of marks.features) out[f.properties.level]++;
  return out;
}

/** The list as table rows for a CSV (the headers are the messages'). */
export function warningRows(items: readonly AtlasWarning[], year: number, m: WarningMessages, nameField: 'name' | 'nameEn'): string[][] {
  return items.map((w) => [
    String(year),
    m.levels[w.level],
    m.rules[w.rule],
    w.county[nameField],
    w.township?.[nameField] ?? '',
    w.village?.[nameField] ?? '',
    warningSentence(w, nameField),
    w.responsible.map((r) => r.name).join('；'),
  ]);
}
