/**
 * `pnpm data:import` while the hub runs on the embedded database. One process
 * owns DATA_DIR, so the command would otherwise have to wait for the hub to
 * stop, then boot PGlite and PostGIS itself (15–50 s for any file). Instead the
 * file goes to the running hub's /import — the browser's path, the same
 * runImport, all-or-nothing, live updates to open maps — signed with a
 * ten-minute admin token the command mints from the hub's own keys: whoever
 * may read DATA_DIR may act as the hub's admin anyway. The report is the
 * hub's, written and exited on as a local import would.
 */
import fs from 'node:fs';
import path from 'node:path';
import { KeyRing } from '../auth/keys.js';
import { loadSecret } from '../auth/secret.js';
import { mintToken } from '../auth/tokens.js';
import { ConfigError, type Config } from '../config/config.js';
import { dataDirHolder } from '../db/embedded.js';
import type { Progress } from '../importer/progress.js';
import type { CliOptions } from '../importer/options.js';

/** The subject the audit trail names for an import sent by the command line. */
export const CLI_IMPORT_SUBJECT = 'import@cli';
const TOKEN_DAYS = 10 / (24 * 60);
const HEALTH_TIMEOUT_MS = 2000;

/** The running hub's base URL when one holds DATA_DIR and answers on the configured port; null otherwise. */
export async function runningHub(config: Config): Promise<string | null> {
  if (config.databaseUrl || dataDirHolder(config.dataDir) === null) return null;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    return res.ok ? url : null;
  } catch {
    return null;
  }
}

/** The command's options as the hub's /import reads them (importer/http-options.ts). */
export function hubChoices(o: CliOptions): Record<string, unknown> {
  if (o.skipInvalid) throw new ConfigError('--skip-invalid 不能经由正在运行的服务导入（服务端导入是“全部或全不”）；请去掉 --skip-invalid，或先停止服务');
  return {
    kind: o.kind,
    ...(o.encoding ? { encoding: o.encoding } : {}),
    ...(o.headerRow !== undefined ? { headerRow: o.headerRow } : {}),
    ...(o.crsStated ? { crs: o.crs } : {}),
    ...(Object.keys(o.overrides).length ? { mapping: o.overrides } : {}),
    ...(o.repair ? { repair: true } : {}),
    ...(o.prefectureName ? { prefectureName: o.prefectureName } : {}),
    demoRegion: o.demoRegion,
  };
}

interface HubReport {
  text: string;
  summary: { rejectedRows: number; written: boolean };
}

/** Sends the file to the hub; the report's text and the exit code a local import would give. */
export async function importThroughHub(url: string, config: Config, o: CliOptions, shown: Progress): Promise<{ report: string; exitCode: number }> {
  const body = fs.readFileSync(o.file);
  const token = await mintToken(new KeyRing(loadSecret(config.authSecret, config.dataDir), config.authKeysFile), { subject: CLI_IMPORT_SUBJECT, role: 'admin', days: TOKEN_DAYS });
  const query = new URLSearchParams({ name: path.basename(o.file), options: JSON.stringify(hubChoices(o)), lang: o.lang ?? 'zh' });
  const res = await fetch(`${url}/import/${o.dryRun ? 'preview' : 'commit'}?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body,
  });
  if (!res.ok) {
    const text = await res.text();
    // Express's own error page holds the reason in <pre>.
    let reason = (/<pre>([\s\S]*?)<\/pre>/.exec(text)?.[1] ?? text).trim().slice(0, 1000) || res.statusText;
    try {
      reason = (JSON.parse(text) as { errors?: Array<{ message?: string }> }).errors?.[0]?.message ?? reason;
    } catch {
      // not JSON: the body as it came
    }
    throw new ConfigError(`运行中的服务拒绝了导入（HTTP ${res.status}）：${reason}`);
  }
  const report = o.dryRun ? ((await res.json()) as { report: HubReport }).report : await commitReport(res, shown);
  const rejected = report.summary.rejectedRows > 0 || (!o.dryRun && !report.summary.written);
  return { report: report.text, exitCode: rejected ? 1 : 0 };
}

/** Reads the commit's NDJSON: progress lines shown as they come, then the result. */
async function commitReport(res: Response, shown: Progress): Promise<HubReport> {
  const decoder = new TextDecoder();
  let buffered = '';
  let rows = 0;
  if (!res.body) throw new ConfigError('运行中的服务没有给出导入结果');
  for await (const chunk of res.body) {
    buffered += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffered.slice(0, end)) as { type: string; rows?: number; share?: number | null; done?: boolean; report?: HubReport; message?: string };
      buffered = buffered.slice(end + 1);
      if (line.type === 'progress') {
        rows = line.rows ?? rows;
        if (line.done) shown.done(rows);
        else shown.update(rows, line.share ?? null);
      } else if (line.type === 'result' && line.report) {
        return line.report;
      } else if (line.type === 'error') {
        throw new ConfigError(line.message ?? '导入失败，没有写入任何数据');
      }
    }
  }
  throw new ConfigError('运行中的服务没有给出导入结果就断开了连接；没有确认写入，请在地图上核对后重试');
}
