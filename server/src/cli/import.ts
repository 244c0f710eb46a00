/**
 * `pnpm data:import <file> --kind <kind> …`: loads a file into the database
 * the configuration names (DATABASE_URL, or the embedded one in DATA_DIR),
 * prints the report, writes it to --report, and exits 1 when anything was
 * rejected (2 when the command itself is wrong).
 */
import { SourceError } from '@lingyan/data';
import { parseImportArgs, USAGE } from '../importer/options.js';
import { progress } from '../importer/progress.js';
import { writeReport } from '../importer/report.js';
import { runImport } from '../importer/run-import.js';
import { dataCommand } from './data-command.js';

const SHOWN_LINES = 40;

dataCommand(
  'data:import',
  USAGE,
  parseImportArgs,
  async (db, options) => {
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
  },
  (error) => error instanceof SourceError,
);
