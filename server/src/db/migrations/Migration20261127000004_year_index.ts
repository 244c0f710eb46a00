import { Migration } from '@mikro-orm/migrations';

/**
 * Almost every read names a year ("figures of 2019", "the latest year"):
 * an index on village_year.year turns "latest year" into one index probe
 * and lets year-only filters skip the (village_code, year) key's order.
 */
export class Migration20261127000004_year_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index village_year_year_index on village_year (year);`);
  }
}
