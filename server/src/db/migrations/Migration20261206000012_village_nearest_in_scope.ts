import { Migration } from '@mikro-orm/migrations';

/**
 * The k villages nearest a point within a read scope (a prefecture's code
 * range) walk one index in distance order, checking the code range inside it.
 *
 * With the geography index alone PostgreSQL chose between two plans: walk
 * that index in distance order and filter each village's code, or read the
 * scope's villages by code and sort them all. It costs the walk as if the
 * scope's villages were spread evenly over the country, so once the hub asks
 * for a few more candidates than k (feature-search.ts) it read and sorted
 * the whole prefecture to find 20 candidates. With the code in the same GiST index
 * (btree_gist, PostgreSQL's own contrib) the range is an index condition
 * and the walk is costed by the scope's size, which the planner knows. A
 * point far from the scope stays cheap: the index's inner pages hold code
 * ranges, and a spatial neighbourhood's villages share a prefecture.
 * docs/performance.md has the figures.
 */
export class Migration20261206000012_village_nearest_in_scope extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists btree_gist;`);
    this.addSql(`drop index if exists village_location_geog_gist;`);
    this.addSql(`create index village_location_geog_code_gist on village using gist ((location::geography), code);`);
  }
}
