/**
 * Villages read straight from their rows into plain objects with the Village
 * entity's fields (references as `{ code }` / `{ id }`), without the ORM's
 * hydration: a page of a few hundred villages spent much of its CPU time in
 * MikroORM creating, snapshotting and tracking entities that a read never
 * changes. Read-only: never persist one of these; writes load managed
 * entities through the EntityManager.
 *
 * Seam on a library's internals (docs/architecture.md#seams-on-libraries-internals):
 * - buys: village lists without hydration, reading only the columns the
 *   selection needs; figure in docs/performance.md#what-the-workarounds-buy.
 * - leans on: objects shaped as `Village` entities that MikroORM never
 *   made, with unread columns left `undefined`: only the fields that read a
 *   column may touch it, and the ORM must never see one. The references and
 *   the location are typed as possibly unread; their resolvers say so
 *   (`readColumn`) rather than answer from a column that was not read.
 * - guarded by: tests/api/village-columns.test.ts (each selection reads its
 *   columns and answers as the entity would).
 */
import type { Point } from 'geojson';
import type { BranchFocus, VillageKind } from '../domain/enums.js';
import type { Village } from '../domain/village/village.entity.js';
import { RawJson } from './raw-json.js';
import { raw, type Sql } from './sql.js';

/** A row as read: only the columns of the properties asked for (see `villageColumns`). */
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
 * references expose their keys), and so does a record, whose references and
 * location are `undefined` when their column was not read. A record's
 * location is PostGIS's GeoJSON text, sent as it is (spatial/raw-json.ts).
 */
export type VillageRecord = Pick<Village, 'code' | 'name' | 'nameEn' | 'kind' | 'isPoorVillage' | 'exitedYear' | 'branchName' | 'branchFocus' | 'branchGovernance15'> & {
  township: { code: string } | undefined;
  location: Point | RawJson | undefined;
  alliance: { id: number } | null | undefined;
};

/** A record's property whose column a field needs; an error (a bug in village-reads.ts's table) when it was not read. */
export function readColumn<T>(value: T | undefined, property: VillageProperty): T {
  if (value === undefined) throw new Error(`the village's ${property} was not read: graphql/village-reads.ts must name it for the field that reads it`);
  return value;
}

/** A record's properties other than its key, each read from its own column(s). */
export type VillageProperty = Exclude<keyof VillageRecord, 'code'>;

/** The column of `village v` each property is read from. */
const COLUMN: Record<VillageProperty, string> = {
  township: 'v.township_code',
  name: 'v.name',
  nameEn: 'v.name_en',
  kind: 'v.kind',
  location: 'ST_AsGeoJSON(v.location) as location',
  isPoorVillage: 'v.is_poor_village',
  exitedYear: 'v.exited_year',
  branchName: 'v.branch_name',
  branchFocus: 'v.branch_focus',
  branchGovernance15: 'v.branch_governance15',
  alliance: 'v.alliance_id',
};

export const VILLAGE_PROPERTIES = Object.keys(COLUMN) as VillageProperty[];

/**
 * The columns to read for records with `properties` (all of them by default),
 * or null when none is needed beyond the key. The national bounding box
 * (254 villages, `code name location`) spent a fifth of the hub's CPU time
 * parsing the eleven columns of every row; reading only the two asked for
 * took it from 424-461 to 476-550 answers a second (8 connections).
 */
export function villageColumns(properties: Iterable<VillageProperty> = VILLAGE_PROPERTIES): Sql | null {
  const columns = [...new Set(properties)].map((p) => COLUMN[p]);
  return columns.length ? raw(columns.join(', ')) : null;
}

/**
 * A plain object (no entity prototype: MikroORM's accessors there would try
 * to track it) with the properties whose columns `r` holds; the others are
 * left undefined, and only fields that do not read them may be resolved on it.
 */
export function villageRecord(code: string, r: Partial<VillageRow>): VillageRecord {
  return {
    code,
    township: r.township_code === undefined ? undefined : { code: r.township_code },
    name: r.name!,
    nameEn: r.name_en!,
    kind: r.kind!,
    location: r.location === undefined ? undefined : new RawJson(r.location),
    isPoorVillage: r.is_poor_village!,
    exitedYear: r.exited_year!,
    branchName: r.branch_name!,
    branchFocus: r.branch_focus!,
    branchGovernance15: r.branch_governance15!,
    alliance: r.alliance_id === undefined ? undefined : r.alliance_id === null ? null : { id: r.alliance_id },
  };
}
