/**
 * 督查整改: the year's open and overdue inspection findings at the places
 * inspected (the village, or a point on the township's or county's
 * surface). Overdue ones are large solid red circles, open ones within their
 * deadline small hollow rings: told apart by size and fill, not by colour
 * alone. Drawn above the villages (the registry's last line), since a finding
 * is about the village it sits on.
 */
import type { CircleLayerSpecification, ExpressionSpecification } from 'maplibre-gl';
import { countByStatus, findingFeatures } from '../../inspection/findings';
import { findingMessagesFor } from '../../inspection/messages';
import { circleHalo, HALO_COLOR, OUTLINE_COLOR } from './expressions';
import type { GeoJsonLayerModule } from './types';
import { useMemo } from 'react';
import { skipToken, useQuery } from '@apollo/client/react';
import { ATLAS_FINDINGS } from '../../graphql/documents';
import { useOfShownYear, yearlyAnswer } from './shown-year';
import type { OverlayLoader, SelectionSummary } from './types';
import { findingTableParts } from '../../inspection/export-table';
import { FindingDetail } from '../../panels/detail/FindingDetail';

export const FINDING_CIRCLE_LAYER_ID = 'finding-circle';

export const FINDING_COLORS = { OVERDUE: '#b2182b', OPEN: '#ffffff' } as const;
/** An open finding's ring: a dark orange, so the white body or the ring stands out on every class colour. */
export const OPEN_RING_COLOR = '#7f2704';

const overdue: ExpressionSpecification = ['==', ['get', 'status'], 'OVERDUE'];

const FINDING_CIRCLES: CircleLayerSpecification = {
  id: FINDING_CIRCLE_LAYER_ID,
  type: 'circle',
  source: 'findings',
  paint: {
    'circle-color': ['case', overdue, FINDING_COLORS.OVERDUE, FINDING_COLORS.OPEN],
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, ['case', overdue, 5, 3.5], 12, ['case', overdue, 10, 7]] as ExpressionSpecification,
    'circle-stroke-color': ['case', overdue, OUTLINE_COLOR, OPEN_RING_COLOR],
    'circle-stroke-width': ['case', overdue, 1.5, 2.5] as ExpressionSpecification,
  },
};

/** Off by default, like the projects: asked for once switched on (500 at most: a year's open ones are far fewer). */
const load: OverlayLoader<'findings'> = {
  useData({ year, shown, drawn, wanted }) {
    const findings = useQuery(ATLAS_FINDINGS, drawn && year != null && wanted ? { variables: { year } } : skipToken);
    const part = useOfShownYear(
      useMemo(
        () => (findings.data && findings.variables?.year != null ? { year: findings.variables.year, items: findings.data.findings.items } : null),
        [findings.data, findings.variables],
      ),
      shown,
    );
    return yearlyAnswer(part, shown, findings);
  },
};

export const findingLayer = {
  key: 'findings',
  description: 'Inspection findings (督查问题) of the year still open: overdue as large solid circles, open as hollow rings',
  names: { 'zh-CN': { name: '督查问题' }, en: { name: 'Inspection findings', inText: 'inspection findings' } },
  toggle: { order: 6, shownAtFirst: false },
  export: { order: 4, table: (view, m, features) => findingTableParts(view, features, m.columns.pairings.year) },
  load,
  select: {
    kind: 'finding',
    layerIds: [FINDING_CIRCLE_LAYER_ID],
    idProperty: 'id',
    summary: (view, id): SelectionSummary => {
      const finding = view.overlays.findings?.items.find((f) => String(f.id) === id);
      return {
        name: finding ? finding.inspection.place[view.messages.nameField] : null,
        figures: finding ? { status: finding.status, category: finding.category, deadline: finding.deadline } : {},
      };
    },
    detail: FindingDetail,
  },
  list: {
    order: 6,
    kind: 'finding',
    layerIds: [FINDING_CIRCLE_LAYER_ID],
    idProperty: 'id',
    // Overdue first; the figure is the status and the deadline.
    row: (p, { messages }) => {
      const fm = findingMessagesFor(messages.nameField);
      return { name: String(p.place ?? ''), figure: `${fm.statuses[p.status as 'OPEN' | 'OVERDUE'] ?? ''} · ${fm.due(String(p.deadline ?? ''))}`, rank: p.status === 'OVERDUE' ? 1 : 0 };
    },
  },
  hoverLayerIds: [FINDING_CIRCLE_LAYER_ID],
  dataInputs: ({ overlays, messages }) => [overlays.findings, messages.nameField],
  toGeoJSON: ({ overlays, messages }) => findingFeatures(overlays.findings?.items ?? [], messages.nameField),
  layers: () => [circleHalo(FINDING_CIRCLES), FINDING_CIRCLES],
  symbols: {
    OVERDUE: [FINDING_COLORS.OVERDUE, OUTLINE_COLOR, HALO_COLOR],
    OPEN: [FINDING_COLORS.OPEN, OPEN_RING_COLOR, HALO_COLOR],
  },
  legend: ({ overlays, messages }) => {
    if (!overlays.findings) return null;
    const m = findingMessagesFor(messages.nameField);
    const counts = countByStatus(overlays.findings.items);
    return {
      items: [
        { label: m.legendOverdue(counts.OVERDUE), swatch: { shape: 'circle', color: FINDING_COLORS.OVERDUE, stroke: OUTLINE_COLOR, strokeWidth: 1.5 }, value: 'OVERDUE' },
        { label: m.legendOpen(counts.OPEN), swatch: { shape: 'circle', color: FINDING_COLORS.OPEN, stroke: OPEN_RING_COLOR, strokeWidth: 2.5 }, value: 'OPEN' },
      ],
      notes: [m.legendNote],
    };
  },
} satisfies GeoJsonLayerModule;
