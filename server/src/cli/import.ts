/**
 * `pnpm data:import <file> --kind <kind> …`: loads a file into the database
 * the configuration names (DATABASE_URL, or the embedded one in DATA_DIR),
 * prints the report, writes it to --report, and exits 1 when anything was
 * rejected (2 when the command itself is wrong).
 */
import { SourceError } from '@lingyan/data';
import { ConfigError, loadConfig } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { parseImportArgs, USAGE } from '../importer/options.js';
import { progress } from '../importer/progress.js';
import { writeReport } from '../importer/report.js';
import { runImport } from '../importer/run-import.js';

const SHOWN_LINES = 40;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const options = parseImportArgs(argv);
  const db = await openDatabase(loadConfig());
  try {
    const result = await runImport(db.orm.em as never, options, progress(process.stderr));
    // The terminal gets the head of a long report; the file gets all of it.
    const lines = result.report.trimEnd().split('\n');
    process.stdout.write(`${lines.slice(0, SHOWN_LINES).join('\n')}\n${lines.length > SHOWN_LINES ? `… ${lines.length - SHOWN_LINES} more lines in the report file\n` : ''}`);
    try {
      writeReport(options.reportPath, result.report);
      console.log(`report written to ${options.reportPath}`);
    } catch (error) {
      console.error(`data:import: cannot write the report to ${options.reportPath} (${(error as NodeJS.ErrnoException).code ?? String(error)}); pass --report <path>`);
    }
    return result.exitCode;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof SourceError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
    const message = (error as Error)?.message ?? String(error);
    // A database error's message starts with the whole statement and its data; the reason is at the end.
    const database = (error as Error)?.name?.endsWith('Exception') ?? false;
    console.error(`data:import: ${database ? `the database refused the import, nothing was written: ${message.split(' - ').pop()}` : message}`);
    if (!known && !database) console.error(error);
    process.exit(2);
  },
);
