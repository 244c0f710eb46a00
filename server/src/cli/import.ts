/**
 * `pnpm data:import <file> --kind <kind> …`: loads a file into the database
 * the configuration names (DATABASE_URL, or the embedded one in DATA_DIR),
 * prints the report (Chinese, or English with --lang en), writes it to
 * --report or DATA_DIR/import-reports/ and prints where, and exits 1 when
 * anything was rejected (2 when the command itself is wrong). While the hub
 * runs on the embedded database, the file goes through it
 * (import-through-hub.ts).
 */
import { formatMessage, message, SourceError } from '@lingyan/data';
import { loadConfig } from '../config/config.js';
import { parseImportArgs, USAGE } from '../importer/options.js';
import { progress } from '../importer/progress.js';
import { defaultReportPath, writeReport } from '../importer/report.js';
import { runImport } from '../importer/run-import.js';
import { dataCommand } from './data-command.js';
import { importThroughHub, runningHub } from './import-through-hub.js';
import type { CliOptions } from '../importer/options.js';

const SHOWN_LINES = 40;

/** Prints the head of the report, writes all of it, and gives the exit code back. */
function finish(options: CliOptions, result: { report: string; exitCode: number }): number {
  const lang = options.lang;
  // The terminal gets the head of a long report; the file gets all of it.
  const lines = result.report.trimEnd().split('\n');
  const more = lines.length > SHOWN_LINES ? `${formatMessage(message('report.moreLines', { count: lines.length - SHOWN_LINES }), lang)}\n` : '';
  process.stdout.write(`${lines.slice(0, SHOWN_LINES).join('\n')}\n${more}`);
  const reportPath = options.reportPath ?? defaultReportPath(options.file, loadConfig().dataDir);
  try {
    writeReport(reportPath, result.report);
    console.log(formatMessage(message('report.written', { path: reportPath }), lang));
  } catch (error) {
    console.error(`data:import: ${formatMessage(message('report.cannotWrite', { path: reportPath, error: (error as NodeJS.ErrnoException).code ?? String(error) }), lang)}`);
  }
  return result.exitCode;
}

dataCommand(
  'data:import',
  USAGE,
  parseImportArgs,
  async (db, options) => finish(options, await runImport(db.orm.em, options, progress(process.stderr))),
  (error) => error instanceof SourceError,
  async (options) => {
    const config = loadConfig();
    const hub = await runningHub(config);
    if (hub === null) return null;
    console.error(formatMessage(message('cli.throughHub', { url: hub }), options.lang));
    return finish(options, await importThroughHub(hub, config, options, progress(process.stderr)));
  },
);
