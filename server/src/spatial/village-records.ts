/**
 * Villages read straight from their rows into plain objects with the Village
 * entity's fields (references as `{ code }` / `{ id }`), without the ORM's
 * hydration. A page of a few hundred villages
 * spent about half its CPU time in MikroORM creating, snapshotting and
 * tracking entities that a read never changes (CPU profile of the bounding-box
 * query, issue 8). Read-only: never persist one of these; writes load managed
 * entities through the EntityManager.
 */
import type { Point } from 'geojson';
import type { BranchFocus, VillageKind } from '../domain/enums.js';
import type { Village } from '../domain/village/village.entity.js';
import { raw } from './sql.js';

/** The columns of `village v` a record needs (next to the key `v.code`). */
export const VILLAGE_COLUMNS = raw(`v.township_code, v.name, v.name_en, v.kind, ST_AsGeoJSON(v.location) as location, v.is_poor_village,
  v.exited_year, v.branch_name, v.branch_focus, v.branch_governance15, v.alliance_id`);

export interface VillageRow {
  township_code: string;
  name: string;
  name_en: string;
  kind: VillageKind;
  location: string;
  is_poor_village: boolean;
  exited_year: number | null;
  branch_name: string;
  branch_focus: BranchFocus | null;
  branch_governance15: boolean;
  alliance_id: number | null;
}

/**
 * What the Village type's fields read. A managed entity has this shape (its
 * references expose their keys), and so does a record.
 */
export type VillageRecord = Pick<Village, 'code' | 'name' | 'nameEn' | 'kind' | 'location' | 'isPoorVillage' | 'exitedYear' | 'branchName' | 'branchFocus' | 'branchGovernance15'> & {
  township: { code: string };
  alliance: { id: number } | null;
};

/** A plain object (no entity prototype: MikroORM's accessors there would try to track it). */
export function villageRecord(code: string, r: VillageRow): VillageRecord {
  return {
    code,
    township: { code: r.township_code },
    name: r.name,
    nameEn: r.name_en,
    kind: r.kind,
    location: JSON.parse(r.location) as Point,
    isPoorVillage: r.is_poor_village,
    exitedYear: r.exited_year,
    branchName: r.branch_name,
    branchFocus: r.branch_focus,
    branchGovernance15: r.branch_governance15,
    alliance: r.alliance_id === null ? null : { id: r.alliance_id },
  };
}
