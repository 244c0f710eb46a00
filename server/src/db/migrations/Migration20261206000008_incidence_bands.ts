import { Migration } from '@mikro-orm/migrations';

/**
 * The prefecture's own poverty-incidence bands for the map (政策分级): inner
 * bounds in percent, ascending. Null until an admin sets them: the hub then
 * uses the national default (1 / 3 / 5 / 10 / 20, DEFAULT_INCIDENCE_BANDS).
 */
export class Migration20261206000008_incidence_bands extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table prefecture add column incidence_bands jsonb;`);
  }
}
