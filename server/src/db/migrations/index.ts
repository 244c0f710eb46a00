/** The migrations, in order. Listed by hand so they run the same under tsx, tsc output and vitest. */
import { Migration20261126000001_domain } from './Migration20261126000001_domain.js';
import { Migration20261126000002_geography_indexes } from './Migration20261126000002_geography_indexes.js';
import { Migration20261126000003_planning } from './Migration20261126000003_planning.js';
import { Migration20261127000004_year_index } from './Migration20261127000004_year_index.js';
import { Migration20261127000005_area_figures } from './Migration20261127000005_area_figures.js';
import { Migration20261127000006_change_notifications } from './Migration20261127000006_change_notifications.js';
import { Migration20261127000007_poor_village_index } from './Migration20261127000007_poor_village_index.js';
import { Migration20261206000008_incidence_bands } from './Migration20261206000008_incidence_bands.js';
import { Migration20261206000009_management_loop } from './Migration20261206000009_management_loop.js';
import { Migration20261206000010_token_revocation } from './Migration20261206000010_token_revocation.js';
import { Migration20261206000011_reported_figures } from './Migration20261206000011_reported_figures.js';
import { Migration20261206000012_village_nearest_in_scope } from './Migration20261206000012_village_nearest_in_scope.js';

export const migrationsList = [
  { name: 'Migration20261126000001_domain', class: Migration20261126000001_domain },
  { name: 'Migration20261126000002_geography_indexes', class: Migration20261126000002_geography_indexes },
  { name: 'Migration20261126000003_planning', class: Migration20261126000003_planning },
  { name: 'Migration20261127000004_year_index', class: Migration20261127000004_year_index },
  { name: 'Migration20261127000005_area_figures', class: Migration20261127000005_area_figures },
  { name: 'Migration20261127000006_change_notifications', class: Migration20261127000006_change_notifications },
  { name: 'Migration20261127000007_poor_village_index', class: Migration20261127000007_poor_village_index },
  { name: 'Migration20261206000008_incidence_bands', class: Migration20261206000008_incidence_bands },
  { name: 'Migration20261206000009_management_loop', class: Migration20261206000009_management_loop },
  { name: 'Migration20261206000010_token_revocation', class: Migration20261206000010_token_revocation },
  { name: 'Migration20261206000011_reported_figures', class: Migration20261206000011_reported_figures },
  { name: 'Migration20261206000012_village_nearest_in_scope', class: Migration20261206000012_village_nearest_in_scope },
];
