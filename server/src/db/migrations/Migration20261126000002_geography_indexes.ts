import { Migration } from '@mikro-orm/migrations';

/**
 * Distances are geodesic (metres on geography casts). These expression
 * indexes let ST_DWithin(location::geography, …) and KNN ordering by
 * location::geography <-> … use an index instead of scanning every row.
 */
export class Migration20261126000002_geography_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index village_location_geog_gist on village using gist ((location::geography));`);
    this.addSql(`create index industry_project_location_geog_gist on industry_project using gist ((location::geography));`);
  }
}
