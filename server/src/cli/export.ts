/**
 * `pnpm data:export --kind <kind> …`: writes one kind from the database the
 * configuration names (DATABASE_URL, or the embedded one in DATA_DIR) in the
 * layout `pnpm data:import` reads by default; exits 2 when the command is wrong.
 */
import { parseExportArgs, USAGE } from '../exporter/options.js';
import { runExport } from '../exporter/run-export.js';
import { WARNINGS_KIND, runWarningsExport } from '../exporter/warnings-export.js';
import { dataCommand } from './data-command.js';

dataCommand('data:export', USAGE, parseExportArgs, async (db, options) => {
  if (options.kind === WARNINGS_KIND) {
    const w = await runWarningsExport(db.orm.em, options);
    console.log(`exported ${w.rows} warnings of ${w.year}${options.county ? ` (county ${options.county})` : ''} to ${options.out} (CSV, UTF-8 with BOM) in ${w.seconds.toFixed(1)} s`);
    return 0;
  }
  const r = await runExport(db.orm.em, options);
  const filter = [options.county && `county ${options.county}`, options.year !== null && `year ${options.year}`].filter(Boolean).join(', ');
  console.log(`exported ${r.rows} ${options.kind}${filter ? ` (${filter})` : ''} to ${options.out} (${options.format === 'csv' ? 'CSV, UTF-8 with BOM' : 'GeoJSON'}) in ${r.seconds.toFixed(1)} s`);
  return 0;
});
