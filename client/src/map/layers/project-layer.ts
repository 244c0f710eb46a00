/**
 * Industry projects (产业项目) running in the year, as circles coloured by
 * industry type (no sprite: the map has no icon URL to fetch offline), sized
 * by investment. Drawn under the villages, so a project at its village's
 * centre does not hide the village's status.
 */
import type { CircleLayerSpecification, ExpressionSpecification } from 'maplibre-gl';
import type { IndustryType } from '../../graphql/documents';
import { passes } from '../../state/filter-pass';
import { numberOf } from './list-rows';
import { circleHalo, HALO_COLOR, matchProperty, OUTLINE_COLOR } from './expressions';
import type { GeoJsonLayerModule } from './types';
import { useMemo } from 'react';
import { ATLAS_PROJECTS, type AtlasProjectsQuery } from '../../graphql/documents';
import { useAllPages } from '../../graphql/paged';
import { useOfShownYear, yearlyAnswer } from './shown-year';
import type { OverlayLoader, SelectionSummary } from './types';
import { ProjectDetail } from '../../panels/detail/ProjectDetail';

export const PROJECT_CIRCLE_LAYER_ID = 'project-circle';

/**
 * Nine industries: ColorBrewer Set1 without its yellow (unreadable on the
 * choropleth's yellows) plus two Dark2 colours; told apart by shape of the
 * legend's label too, as nine hues cannot all be colour-blind safe.
 */
export const PROJECT_COLORS: Readonly<Record<IndustryType, string>> = {
  LIVESTOCK: '#a65628',
  DAIRY: '#377eb8',
  VEGETABLES: '#4daf4a',
  POTATOES: '#984ea3',
  EDIBLE_FUNGI: '#f781bf',
  PHOTOVOLTAIC: '#ff7f00',
  PROCESSING: '#666666',
  RURAL_TOURISM: '#1b9e77',
  E_COMMERCE: '#e7298a',
};
const TYPES = Object.keys(PROJECT_COLORS) as IndustryType[];

/** A circle per project, its area by investment, dark-outlined on a white halo (circleHalo). */
const PROJECT_CIRCLES: CircleLayerSpecification = {
  id: PROJECT_CIRCLE_LAYER_ID,
  type: 'circle',
  source: 'projects',
  paint: {
    'circle-color': matchProperty('type', PROJECT_COLORS, '#52606d'),
    'circle-radius': [
      'interpolate',
      ['linear'],
      ['zoom'],
      6,
      ['+', 2, ['*', 4, ['get', 'size']]],
      12,
      ['+', 5, ['*', 12, ['get', 'size']]],
    ] as ExpressionSpecification,
    'circle-stroke-color': OUTLINE_COLOR,
    'circle-stroke-width': 1,
    // Offset a little so a project at its village's point stays visible beside the village circle.
    'circle-translate': [4, -4],
  },
};

// Module-level: useAllPages needs stable page selectors.
const projectsPage = (data: AtlasProjectsQuery) => data.industryProjects;

/** Off by default: asked for once switched on, after the first map is drawn. */
const load: OverlayLoader<'projects'> = {
  useData({ year, shown, drawn, wanted }) {
    const projects = useAllPages(ATLAS_PROJECTS, drawn && year != null && wanted ? { year } : null, projectsPage);
    const part = useOfShownYear(
      useMemo(() => (projects.data ? { year: projects.data.variables.year, items: projects.data.items } : null), [projects.data]),
      shown,
    );
    return yearlyAnswer(part, shown, projects);
  },
};

export const projectLayer = {
  key: 'projects',
  description: 'Industry projects running in the year: circles coloured by industry, area by investment',
  names: { 'zh-CN': { name: '产业项目' }, en: { name: 'Industry projects', inText: 'industry projects' } },
  // Off at first: a click away.
  toggle: { order: 2, shownAtFirst: false },
  export: null,
  load,
  select: {
    kind: 'project',
    layerIds: [PROJECT_CIRCLE_LAYER_ID],
    idProperty: 'id',
    summary: (view, id): SelectionSummary => {
      const project = view.overlays.projects?.items.find((p) => String(p.id) === id);
      return {
        name: project?.name ?? null,
        figures: project ? { type: project.type, investmentTotal: project.investmentTotal, startYear: project.startYear } : {},
      };
    },
    detail: ProjectDetail,
  },
  list: {
    order: 5,
    kind: 'project',
    layerIds: [PROJECT_CIRCLE_LAYER_ID],
    idProperty: 'id',
    // Largest investment first; the figure is the industry.
    row: (p, { messages: m }) => ({ figure: m.industryTypes[p.type as IndustryType] ?? String(p.type ?? ''), rank: numberOf(p.investment) }),
  },
  dataInputs: ({ overlays, filters }) => [overlays.projects, filters.industry],
  toGeoJSON: ({ overlays, filters }) => {
    const items = (overlays.projects?.items ?? []).filter((p) => passes(filters.industry, p.type));
    const largest = Math.max(1, ...items.map((p) => p.investmentTotal));
    return {
      type: 'FeatureCollection',
      features: items.map((project) => ({
        type: 'Feature',
        properties: {
          id: project.id,
          name: project.name,
          type: project.type,
          investment: project.investmentTotal,
          village: project.village.code,
          size: Math.sqrt(project.investmentTotal / largest),
        },
        geometry: project.location,
      })),
    };
  },
  layers: () => [circleHalo(PROJECT_CIRCLES), PROJECT_CIRCLES],
  symbols: Object.fromEntries(TYPES.map((type) => [type, [PROJECT_COLORS[type], OUTLINE_COLOR, HALO_COLOR]])),
  legend: ({ overlays, messages }) => {
    if (!overlays.projects) return null;
    const { items } = overlays.projects;
    return {
      items: TYPES.map((type) => ({
        label: messages.legendCount(messages.industryTypes[type], items.filter((p) => p.type === type).length),
        swatch: { shape: 'circle', color: PROJECT_COLORS[type], stroke: OUTLINE_COLOR, strokeWidth: 1 },
        value: type,
        filter: 'industry',
      })),
      notes: [messages.projectSizeNote],
    };
  },
} satisfies GeoJsonLayerModule;
