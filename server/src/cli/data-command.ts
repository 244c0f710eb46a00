/**
 * What `pnpm data:import` and `pnpm data:export` share: --help, the database
 * the configuration names (DATABASE_URL, or the embedded one in DATA_DIR),
 * closed at the end, and one line for what went wrong: exit 2 when the
 * command itself is wrong or the database refused it, with the stack only
 * for the unexpected.
 */
import { ConfigError, loadConfig } from '../config/config.js';
import { openDatabase, type Database } from '../db/database.js';

export function dataCommand<O>(
  name: string,
  usage: string,
  parse: (argv: string[]) => O,
  body: (db: Database, options: O) => Promise<number>,
  /** errors the command explains by their message alone, besides ConfigError */
  known: (error: unknown) => boolean = () => false,
  /** done without opening the database when it answers a number (an exit code); null: go on to `body` */
  instead: (options: O) => Promise<number | null> = async () => null,
): void {
  const main = async (): Promise<number> => {
    const argv = process.argv.slice(2);
    if (argv.includes('--help') || argv.includes('-h')) {
      console.log(usage);
      return 0;
    }
    const options = parse(argv);
    const done = await instead(options);
    if (done !== null) return done;
    const db = await openDatabase(loadConfig());
    try {
      return await body(db, options);
    } finally {
      await db.close();
    }
  };
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const expected = known(error) || error instanceof ConfigError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
      const message = (error as Error)?.message ?? String(error);
      // A database error's message starts with the whole statement and its data; the reason is at the end.
      const database = (error as Error)?.name?.endsWith('Exception') ?? false;
      console.error(`${name}: ${database ? `the database refused the ${name.replace('data:', '')}, nothing was written: ${message.split(' - ').pop()}` : message}`);
      if (!expected && !database) console.error(error);
      process.exit(2);
    },
  );
}
