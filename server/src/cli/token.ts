/**
 * `pnpm token --role planner --county 159901000000 --days 30 [--subject name]`
 * Mints a signed token with the hub's secret (AUTH_SECRET, or the one kept in
 * DATA_DIR) and prints it.
 */
import { parseArgs } from 'node:util';
import { ROLES, isRole } from '../auth/roles.js';
import { loadSecret } from '../auth/secret.js';
import { MAX_DAYS, mintToken } from '../auth/tokens.js';
import { ConfigError, loadConfig } from '../config/config.js';

const USAGE = `usage: pnpm run token --role <${ROLES.join('|')}> [--county <12-digit code> …] [--days <n>] [--subject <name>]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      county: { type: 'string', multiple: true },
      days: { type: 'string', default: '30' },
      subject: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!isRole(values.role)) throw new ConfigError(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
  const days = Number(values.days);
  const most = MAX_DAYS[values.role];
  if (!Number.isFinite(days) || days <= 0 || days > most) throw new ConfigError(`--days must be a number of days from 1 to ${most} for a ${values.role} token\n${USAGE}`);
  const counties = values.county ?? [];
  for (const c of counties) if (!/^\d{6}0{6}$/.test(c)) throw new ConfigError(`--county "${c}" is not a 12-digit county code (6 digits then 000000)`);
  const config = loadConfig();
  const token = await mintToken(loadSecret(config.authSecret, config.dataDir), {
    subject: values.subject ?? `${values.role}@cli`,
    role: values.role,
    counties,
    days,
  });
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(`token: ${error instanceof ConfigError ? error.message : (error as Error).message}`);
  process.exit(1);
});
