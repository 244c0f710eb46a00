/**
 * What the map holds about the selected feature for the view's year: its
 * name and figures, as an embedding page receives them (`selectionChanged`)
 * — the same numbers the map draws, not a second query.
 */
import type { Selection } from '../state/view-state';
import type { AtlasView } from './layers/types';

/** What the selected feature shows for the view's year. */
export interface SelectedFeature {
  kind: string;
  id: string;
  name: string | null;
  year: number;
  /** the figures the map holds for it (county: population, poor population, incidence, the metric's value) */
  figures: Record<string, number | string | null>;
}

export function selectedFeature(view: AtlasView, selection: Selection): SelectedFeature {
  const base = { kind: selection.kind, id: selection.id, year: view.year };
  const nameOf = (item: { name: string; nameEn?: string | null } | undefined) =>
    item ? (view.messages.nameField === 'nameEn' && item.nameEn ? item.nameEn : item.name) : null;
  const metricValue = (code: string, classification = view.classification) => ({
    metric: view.metric,
    value: classification.valueOf.get(code) ?? null,
    classIndex: classification.classOf.get(code) ?? null,
  });
  switch (selection.kind) {
    case 'county': {
      const county = view.atlas.counties.find((c) => c.code === selection.id);
      const f = view.figures.get(selection.id) ?? null;
      return {
        ...base,
        name: nameOf(county),
        figures: {
          ruralPopulation: f?.ruralPopulation ?? null,
          poorPopulation: f?.poorPopulation ?? null,
          povertyIncidence: f?.povertyIncidence ?? null,
          ...metricValue(selection.id),
        },
      };
    }
    case 'township': {
      const townships = view.overlays.townships;
      const township = townships?.boundaries.find((t) => t.code === selection.id);
      return {
        ...base,
        name: nameOf(township),
        figures: townships ? metricValue(selection.id, townships.classification) : {},
      };
    }
    case 'village': {
      const village = view.overlays.villages?.items.find((v) => v.code === selection.id);
      return {
        ...base,
        name: nameOf(village),
        figures: {
          status: village?.figures?.status ?? null,
          strength: village?.figures?.strength ?? null,
          ruralPopulation: village?.figures?.ruralPopulation ?? null,
        },
      };
    }
    case 'pairing': {
      const pairing = view.overlays.pairings?.items.find((p) => String(p.id) === selection.id);
      return {
        ...base,
        name: pairing ? `${pairing.helperVillage?.name ?? pairing.helperOrganisation?.name ?? ''} → ${pairing.helpedVillage.name}` : null,
        figures: pairing
          ? { kind: pairing.kind, startYear: pairing.startYear, distanceMeters: pairing.distanceMeters ?? null }
          : {},
      };
    }
    case 'alliance': {
      const alliance = view.overlays.alliances?.find((a) => String(a.id) === selection.id);
      return {
        ...base,
        name: alliance?.name ?? null,
        figures: alliance ? { foundedYear: alliance.foundedYear, members: alliance.members.length } : {},
      };
    }
    case 'project': {
      const project = view.overlays.projects?.items.find((p) => String(p.id) === selection.id);
      return {
        ...base,
        name: project?.name ?? null,
        figures: project
          ? { type: project.type, investmentTotal: project.investmentTotal, startYear: project.startYear }
          : {},
      };
    }
    default:
      throw new Error(`unknown selection kind ${JSON.stringify(selection.kind satisfies never)}`);
  }
}
