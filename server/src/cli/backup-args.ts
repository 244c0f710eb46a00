/** The arguments of `pnpm run backup` and `pnpm run restore`, parsed and checked. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config.js';

export const BACKUP_USAGE = 'usage: pnpm run backup --out <file> | pnpm run restore --from <file>';

export interface BackupArgs {
  command: 'backup' | 'restore';
  /** the backup file, absolute */
  file: string;
}

/** The command and its file; a relative path is relative to where the user ran pnpm (INIT_CWD), not to server/. */
export function parseBackupArgs(argv: string[], cwd = process.env.INIT_CWD ?? process.cwd()): BackupArgs {
  const [command, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: { out: { type: 'string' }, from: { type: 'string' } } });
  if (command === 'backup') {
    if (!values.out) throw new ConfigError(`--out is missing\n${BACKUP_USAGE}`);
    return { command, file: path.resolve(cwd, values.out) };
  }
  if (command === 'restore') {
    if (!values.from) throw new ConfigError(`--from is missing\n${BACKUP_USAGE}`);
    return { command, file: path.resolve(cwd, values.from) };
  }
  throw new ConfigError(BACKUP_USAGE);
}
