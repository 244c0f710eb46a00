/**
 * `pnpm run backup --out <file>` and `pnpm run restore --from <file>`: the
 * database named by DATABASE_URL (pg_dump / pg_restore into an empty
 * database), or the embedded one in DATA_DIR (stop the hub first; restore
 * into an empty DATA_DIR). Backups are written readable by their owner only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config/config.js';
import { backupEmbedded, backupPostgres, restoreEmbedded, restorePostgres } from '../db/backup.js';
import { parseBackupArgs } from './backup-args.js';

async function main(): Promise<void> {
  const { command, file } = parseBackupArgs(process.argv.slice(2));
  const config = loadConfig();
  const started = Date.now();
  const database = config.databaseUrl ? 'PostgreSQL' : 'embedded';
  if (command === 'backup') {
    await (config.databaseUrl ? backupPostgres(config.databaseUrl, file) : backupEmbedded(config.dataDir, file));
    console.log(`backed up the ${database} database to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return;
  }
  const secretKept = fs.existsSync(path.join(config.dataDir, 'auth-secret'));
  await (config.databaseUrl ? restorePostgres(file, config.databaseUrl) : restoreEmbedded(file, config.dataDir));
  console.log(`restored ${file} into the ${database} database in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Tokens are signed with the hub's secret, which a backup does not hold: a new DATA_DIR would make a new one.
  if (!config.databaseUrl && !config.authSecret && !secretKept) {
    console.warn(
      `note: DATA_DIR "${config.dataDir}" has no token secret; started so, the hub makes a new one and accepts no token minted before. Copy auth-secret from the old DATA_DIR into it, or set AUTH_SECRET to the old hub's, before starting.`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
