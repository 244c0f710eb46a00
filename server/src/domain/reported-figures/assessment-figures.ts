/**
 * Assessments use the figures the prefecture chose (area_figures_chosen), as
 * the map does: where a county's or township's figures of the year (or of
 * the year before) are the bureau's reported ones, its poverty-incidence
 * indicators are computed from those area figures; everywhere else they stay
 * the villages' (indicators.ts), so an assessment without reported figures
 * does not move.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { povertyIncidence } from '../rules.js';
import { query, sql } from '../../spatial/sql.js';

type Values = { POVERTY_INCIDENCE: number | null; INCIDENCE_FALL: number | null };

/** The indicators an area's chosen figures give: the year's incidence, and its fall on the previous year (percentage points). */
export const AREA_FIGURE_INDICATORS: ReadonlySet<string> = new Set<keyof Values>(['POVERTY_INCIDENCE', 'INCIDENCE_FALL']);

/** Those indicators of every area of the level whose figures of the year or the year before are reported, by code. */
export async function reportedIndicatorValues(em: EntityManager, level: 'county' | 'township', year: number): Promise<Map<string, Values>> {
  const rows = await query<{ code: string; poor: number; rural: number; prev_poor: number | null; prev_rural: number | null }>(
    em,
    sql`select cur.code, cur.poor_population as poor, cur.rural_population as rural, prev.poor_population as prev_poor, prev.rural_population as prev_rural
          from area_figures_chosen cur
               left join area_figures_chosen prev on prev.level = cur.level and prev.code = cur.code and prev.year = cur.year - 1
         where cur.level = ${level} and cur.year = ${year}::int and (cur.source = 'REPORTED' or prev.source = 'REPORTED')`,
  );
  return new Map(
    rows.map((r) => {
      const now = povertyIncidence(Number(r.poor), Number(r.rural));
      const before = r.prev_poor === null || r.prev_rural === null ? null : povertyIncidence(Number(r.prev_poor), Number(r.prev_rural));
      return [r.code, { POVERTY_INCIDENCE: now, INCIDENCE_FALL: now === null || before === null ? null : before - now }];
    }),
  );
}
