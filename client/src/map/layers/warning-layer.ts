/**
 * 预警: the places with warnings in the year, one mark each at the place's
 * most severe level — a red triangle, an orange diamond, a yellow circle
 * (shape as well as colour), most severe drawn on top. Villages at their
 * location, a township's or county's own warning at a point inside it.
 */
import type { ExpressionSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import { WARNING_COLORS, WARNING_IMAGES, WARNING_OUTLINE, WARNING_RIM, markImageId } from '../../warnings/mark-images';
import { warningMessagesFor } from '../../warnings/messages';
import { marksByLevel, warningMarks } from '../../warnings/warnings';
import { formatNumber } from '../messages';
import type { WarningLevel } from '../../graphql/documents';
import type { SelectionKind } from '../../state/view-state';
import { numberOf } from './list-rows';
import type { GeoJsonLayerModule, Swatch } from './types';
import { useMemo } from 'react';
import { skipToken, useQuery } from '@apollo/client/react';
import { ATLAS_WARNINGS } from '../../graphql/documents';
import { useOfShownYear, yearlyAnswer } from './shown-year';
import type { OverlayLoader } from './types';

export const WARNING_MARK_LAYER_ID = 'warning-mark';

const WARNING_MARKS: SymbolLayerSpecification = {
  id: WARNING_MARK_LAYER_ID,
  type: 'symbol',
  source: 'warnings',
  layout: {
    'icon-image': ['match', ['get', 'level'], 'RED', markImageId('RED'), 'ORANGE', markImageId('ORANGE'), markImageId('YELLOW')] as ExpressionSpecification,
    'icon-size': ['interpolate', ['linear'], ['zoom'], 6, 0.8, 12, 1.3] as ExpressionSpecification,
    'icon-allow-overlap': true,
    'icon-ignore-placement': true,
    // Drawn in ascending order: red (rank 0) last, on top.
    'symbol-sort-key': ['-', 2, ['get', 'rank']] as ExpressionSpecification,
  },
};

/** The legend's samples: the marks' shapes and colours. */
const LEGEND_SWATCHES: Record<WarningLevel, Swatch> = {
  RED: { shape: 'polygon', points: [[0, -5.5], [5.5, 4.5], [-5.5, 4.5]], color: WARNING_COLORS.RED, stroke: WARNING_OUTLINE, strokeWidth: 1.2 },
  ORANGE: { shape: 'polygon', points: [[0, -5.5], [5.5, 0], [0, 5.5], [-5.5, 0]], color: WARNING_COLORS.ORANGE, stroke: WARNING_OUTLINE, strokeWidth: 1.2 },
  YELLOW: { shape: 'circle', color: WARNING_COLORS.YELLOW, stroke: WARNING_OUTLINE, strokeWidth: 1.2 },
};

/** Off by default: asked for once switched on (the first 500, most severe first). */
const load: OverlayLoader<'warnings'> = {
  useData({ year, shown, drawn, wanted }) {
    const warnings = useQuery(ATLAS_WARNINGS, drawn && year != null && wanted ? { variables: { year } } : skipToken);
    const part = useOfShownYear(
      useMemo(() => (warnings.data ? { year: warnings.data.warnings.year, items: warnings.data.warnings.items } : null), [warnings.data]),
      shown,
    );
    return yearlyAnswer(part, shown, warnings);
  },
};

export const warningLayer = {
  key: 'warnings',
  description: 'Early warnings (预警) of the year: one mark per place at its most severe level, red triangle, orange diamond, yellow circle',
  names: { 'zh-CN': { name: '预警' }, en: { name: 'Warnings', inText: 'warnings' } },
  toggle: { order: 7, shownAtFirst: false },
  select: null,
  export: null,
  load,
  images: WARNING_IMAGES,
  list: {
    order: 7,
    // A mark's own kind (village, township or county) overrides this one.
    kind: 'village',
    layerIds: [WARNING_MARK_LAYER_ID],
    idProperty: 'code',
    // The most severe first; the figure is the level and how many warnings the place has.
    row: (p, { messages }) => {
      const wm = warningMessagesFor(messages.nameField);
      return {
        kind: p.kind as SelectionKind,
        figure: `${wm.levels[p.level as 'RED' | 'ORANGE' | 'YELLOW'] ?? ''} · ${formatNumber(messages, numberOf(p.warnings) ?? 0)}`,
        rank: 2 - (numberOf(p.rank) ?? 2),
      };
    },
  },
  dataInputs: ({ overlays, messages }) => [overlays.warnings, messages.nameField],
  toGeoJSON: ({ overlays, messages }) => warningMarks(overlays.warnings?.items ?? [], messages.nameField),
  layers: () => [WARNING_MARKS],
  symbols: {
    RED: [WARNING_COLORS.RED, WARNING_OUTLINE, WARNING_RIM],
    ORANGE: [WARNING_COLORS.ORANGE, WARNING_OUTLINE, WARNING_RIM],
    YELLOW: [WARNING_COLORS.YELLOW, WARNING_OUTLINE, WARNING_RIM],
  },
  legend: ({ overlays, messages }) => {
    if (!overlays.warnings) return null;
    const m = warningMessagesFor(messages.nameField);
    const counts = marksByLevel(warningMarks(overlays.warnings.items, messages.nameField));
    return {
      items: (['RED', 'ORANGE', 'YELLOW'] as const).map((level) => ({
        label: m.legendItem(m.levels[level], formatNumber(messages, counts[level])),
        swatch: LEGEND_SWATCHES[level],
        value: level,
      })),
      notes: [m.legendNote],
    };
  },
} satisfies GeoJsonLayerModule;
