/** The demo region in an empty database, as every test run starts with it: the schema migrated by the hub's own code, then the data loaded. */
import { readDemoRegion } from '@lingyan/data';
import { loadConfig } from '../../server/src/config/config.js';
import { openDatabase } from '../../server/src/db/database.js';
import { loadDataset } from '../../server/src/importer/load-dataset.js';

export async function loadDemoRegion(url: string): Promise<void> {
  const db = await openDatabase({ ...loadConfig({}), databaseUrl: url, seedDemo: false });
  try {
    await loadDataset(db.orm.em, readDemoRegion());
  } finally {
    await db.orm.close();
  }
}
