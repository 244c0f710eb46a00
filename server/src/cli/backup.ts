/**
 * `pnpm run backup --out <file>` and `pnpm run restore --from <file>`: the
 * database named by DATABASE_URL (pg_dump / pg_restore into an empty
 * database), or the embedded one in DATA_DIR (stop the hub first; restore
 * into an empty DATA_DIR).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config.js';
import { backupEmbedded, backupPostgres, restoreEmbedded, restorePostgres } from '../db/backup.js';

const USAGE = 'usage: pnpm run backup --out <file> | pnpm run restore --from <file>';

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({ args: rest, options: { out: { type: 'string' }, from: { type: 'string' } } });
  const config = loadConfig();
  const started = Date.now();
  if (command === 'backup') {
    if (!values.out) throw new ConfigError(`--out is missing\n${USAGE}`);
    await (config.databaseUrl ? backupPostgres(config.databaseUrl, values.out) : backupEmbedded(config.dataDir, values.out));
    console.log(`backed up the ${config.databaseUrl ? 'PostgreSQL' : 'embedded'} database to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else if (command === 'restore') {
    if (!values.from) throw new ConfigError(`--from is missing\n${USAGE}`);
    await (config.databaseUrl ? restorePostgres(values.from, config.databaseUrl) : restoreEmbedded(values.from, config.dataDir));
    console.log(`restored ${values.from} into the ${config.databaseUrl ? 'PostgreSQL' : 'embedded'} database in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    throw new ConfigError(USAGE);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
