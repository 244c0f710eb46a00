/**
 * Tokens and the keys that sign them (server/src/auth/keys.ts):
 *
 *   pnpm run token --role planner --county 159901000000 --days 30 [--subject name]
 *   pnpm run token --embed [--county <code> …] [--days 30] [--subject name]
 *                                                         read-only embed token (≤ 90 days), optionally reading only those counties
 *   pnpm run token --keys                                  list the keys (no secrets)
 *   pnpm run token --rotate                                add a key; new tokens are signed with it
 *   pnpm run token --retire <kid>                          its tokens are refused from now on
 *
 * A minted token is printed on stdout; its id (for revokeToken), key and
 * expiry on stderr.
 */
import { parseArgs } from 'node:util';
import { BASE_KID, KeyRing, retireKey, rotateKey } from '../auth/keys.js';
import { ROLES, isRole, type Role } from '../auth/roles.js';
import { loadSecret } from '../auth/secret.js';
import { EMBED_DEFAULT_DAYS, describeToken, maxDays, mintToken } from '../auth/tokens.js';
import { ConfigError, loadConfig } from '../config/config.js';

const USAGE = `usage: pnpm run token --role <${ROLES.join('|')}> [--county <12-digit code> …] [--days <n>] [--subject <name>]
       pnpm run token --embed [--county <12-digit code> …] [--days <n>] [--subject <name>]
       pnpm run token --keys | --rotate | --retire <kid>`;

function listKeys(ring: KeyRing): void {
  const signing = ring.signing().kid;
  const records = ring.records();
  const base = records.find((r) => r.kid === BASE_KID);
  console.log(`${BASE_KID}\t(AUTH_SECRET or DATA_DIR/auth-secret)\t${base?.retired ? `retired ${base.retired}` : 'active'}${signing === BASE_KID ? '\tsigns new tokens' : ''}`);
  for (const r of records) {
    if (r.kid === BASE_KID) continue;
    console.log(`${r.kid}\tcreated ${r.created}\t${r.retired ? `retired ${r.retired}` : 'active'}${signing === r.kid ? '\tsigns new tokens' : ''}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      county: { type: 'string', multiple: true },
      days: { type: 'string' },
      subject: { type: 'string' },
      embed: { type: 'boolean' },
      keys: { type: 'boolean' },
      rotate: { type: 'boolean' },
      retire: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const base = loadSecret(config.authSecret, config.dataDir);
  const file = config.authKeysFile;
  const actions = [values.keys, values.rotate, values.retire !== undefined, values.embed || values.role !== undefined].filter(Boolean).length;
  if (actions > 1) throw new ConfigError(`give one of --role/--embed, --keys, --rotate, --retire\n${USAGE}`);
  if (values.rotate) {
    const key = rotateKey(file);
    console.log(`added key ${key.kid} to ${file}; new tokens are signed with it, older keys keep verifying until retired`);
    return;
  }
  if (values.retire !== undefined) {
    retireKey(file, base, values.retire);
    console.log(`retired key ${values.retire} in ${file}; running hubs refuse its tokens within a few seconds`);
    listKeys(new KeyRing(base, file));
    return;
  }
  if (values.keys) {
    listKeys(new KeyRing(base, file));
    return;
  }
  const embed = values.embed === true;
  const role: Role | undefined = embed ? (values.role === undefined || values.role === 'viewer' ? 'viewer' : undefined) : isRole(values.role) ? values.role : undefined;
  if (!role) throw new ConfigError(embed ? `an embed token has role viewer; leave out --role\n${USAGE}` : `--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
  const days = Number(values.days ?? (embed ? EMBED_DEFAULT_DAYS : 30));
  const most = maxDays(role, embed);
  if (!Number.isFinite(days) || days <= 0 || days > most) throw new ConfigError(`--days must be a number of days from 1 to ${most} for ${embed ? 'an embed' : `a ${role}`} token\n${USAGE}`);
  const counties = values.county ?? [];
  for (const c of counties) if (!/^\d{6}0{6}$/.test(c)) throw new ConfigError(`--county "${c}" is not a 12-digit county code (6 digits then 000000)`);
  const ring = new KeyRing(base, file);
  const token = await mintToken(ring, { subject: values.subject ?? `${embed ? 'embed' : role}@cli`, role, counties, days, embed });
  const { id, expiresAt } = describeToken(token);
  console.log(token);
  console.error(`id ${id} (revokeToken(id: "${id}")), key ${ring.signing().kid}, expires ${expiresAt?.toISOString()}`);
}

main().catch((error: unknown) => {
  console.error(`token: ${error instanceof ConfigError ? error.message : (error as Error).message}`);
  process.exit(1);
});
