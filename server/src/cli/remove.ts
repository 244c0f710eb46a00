/**
 * `pnpm data:remove --prefecture <code> [--dry-run]`: removes a prefecture
 * (the demo region 159900000000, say, before a bureau's own) with everything
 * under it, in one transaction, audited; prints what it removed per table.
 * A dry run counts the same rows and rolls back.
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PrefectureRemovalError, removePrefecture, type PrefectureRemoval } from '../domain/region/remove-prefecture.service.js';
import { dataCommand } from './data-command.js';

const USAGE = `usage: pnpm data:remove --prefecture <12 位盟市代码> [--dry-run]
  删除该盟市及其下全部旗县、苏木乡镇、嘎查村和相关数据（一次完成，写入审计日志）；--dry-run 只统计不删除`;

interface RemoveOptions {
  prefecture: string;
  dryRun: boolean;
}

function parse(argv: string[]): RemoveOptions {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { prefecture: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } });
  if (positionals.length > 0 || !values.prefecture) throw new ConfigError(`请用 --prefecture 指定要删除的盟市代码\n${USAGE}`);
  return { prefecture: values.prefecture.trim(), dryRun: values['dry-run']! };
}

class RollBack extends Error {}

export function removalText(r: PrefectureRemoval, dryRun: boolean): string {
  const total = r.removed.reduce((n, t) => n + t.rows, 0);
  const head = dryRun ? `试运行，未删除：将删除 ${r.name}（${r.code}）及其下 ${total} 行数据` : `已删除 ${r.name}（${r.code}）及其下 ${total} 行数据（已写入审计日志）`;
  return [head, ...r.removed.map((t) => `  ${t.table}: ${t.rows}`)].join('\n');
}

dataCommand(
  'data:remove',
  USAGE,
  parse,
  async (db, o) => {
    let result: PrefectureRemoval | null = null;
    await db.orm.em
      .fork()
      .transactional(async (tx) => {
        result = await removePrefecture(tx as EntityManager, o.prefecture, { subject: 'remove@cli', role: 'admin', counties: null });
        if (o.dryRun) throw new RollBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
    console.log(removalText(result!, o.dryRun));
    return 0;
  },
  (error) => error instanceof PrefectureRemovalError,
);
