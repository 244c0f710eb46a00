/**
 * Import in the browser (导入数据), through the running hub and the same core
 * as `pnpm data:import`:
 *
 * - `POST /import/preview?name=<file name>&options=<json>`: the file as the
 *   raw body; answers what was detected (kind, encoding, header row, CRS,
 *   column mapping), the first rows, the first features' geometry and the
 *   full report of a dry run. Nothing is written. The options change what
 *   was detected (importer/http-options.ts), and the answer is re-evaluated.
 * - `POST /import/commit?name=…&options=…`: the import itself, all-or-nothing
 *   in one transaction; the answer is NDJSON, one line per progress step
 *   (`{"type":"progress","rows":…,"share":…}`) and a last line with the report
 *   (`{"type":"result",…}`). Open atlases hear the change by `dataChanged`.
 *
 * - `GET /import/templates` and `GET /import/template/<kind>.<xlsx|csv|geojson>`:
 *   the templates a data officer fills in (`?lang=en` for English sheets).
 *
 * Preview and commit need a planner's or admin's token, count against the GraphQL budget
 * of the client, and run one at a time (an import holds a transaction and a
 * core of the machine; a second one waits its turn).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type express from 'express';
import type { Database } from '../db/database.js';
import { principalOf, requireRole, type AuthOptions } from '../graphql/auth.js';
import { ApiError } from '../graphql/errors.js';
import type { Principal } from '../auth/roles.js';
import { parseChoices, type HttpImportChoices } from '../importer/http-options.js';
import { detectKind, httpReport, importOptions, openOptions, previewImport, shownProblem } from '../importer/http-preview.js';
import { outOfScope } from '../importer/http-scope.js';
import { IMPORT_MAX_BYTES, receiveUpload, UploadProblem, type Upload } from '../importer/http-upload.js';
import { ndjsonProgress } from '../importer/http-progress.js';
import { reportText } from '../importer/report.js';
import { runImport } from '../importer/run-import.js';
import { attachment, templateFile, templateList } from '../importer/http-templates.js';
import { openSource, SourceError, type SourceRow } from '@lingyan/data';

export interface ImportRouteOptions {
  db: Database;
  auth: AuthOptions;
  /** CORS and the per-client budget of /graphql */
  guards: express.RequestHandler[];
  /** the client build, for the import page */
  clientDist: string;
  maxBytes?: number;
  /** an unexpected failure after the answer began (it ends with an error line) */
  onError(error: unknown): void;
}

function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

const STATUS_OF: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, LIMIT_EXCEEDED: 413 };

function fail(res: express.Response, error: unknown): void {
  if (error instanceof UploadProblem) {
    res.status(error.status).json(errorBody(error.message, error.status === 413 ? 'LIMIT_EXCEEDED' : 'BAD_USER_INPUT'));
  } else if (error instanceof ApiError) {
    const code = String(error.extensions.code);
    res.status(STATUS_OF[code] ?? 400).json(errorBody(error.message, code));
  } else {
    throw error;
  }
}

async function plannerOf(req: express.Request, auth: AuthOptions): Promise<Principal> {
  return requireRole(await principalOf(req.headers.authorization, auth), 'planner', '导入数据 (import)');
}

/** The first rows, to detect the kind of a commit that did not name it. */
async function firstRows(file: string, choices: HttpImportChoices): Promise<SourceRow[]> {
  const source = await openSource(file, openOptions(choices, null));
  const rows: SourceRow[] = [];
  try {
    for await (const row of source.rows) if (rows.push(row) >= 5) break;
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
  } finally {
    await source.close();
  }
  return rows;
}

export function importRoutes(app: express.Express, o: ImportRouteOptions): void {
  const em: EntityManager = o.db.orm.em;
  const limit = o.maxBytes ?? IMPORT_MAX_BYTES;
  // One import at a time; the next waits for the one before it, whatever its outcome.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const turn = queue.then(work);
    queue = turn.catch(() => {});
    return turn;
  };
  /** Checks the token, receives the file and reads the options; answers the request itself when any is wrong. */
  const accept = async (req: express.Request, res: express.Response): Promise<{ principal: Principal; upload: Upload; choices: HttpImportChoices } | null> => {
    try {
      const principal = await plannerOf(req, o.auth);
      const choices = parseChoices(req.query.options, req.query.lang);
      // Replacing the demo region removes a prefecture with all under it: what removePrefecture asks of anyone.
      if (choices.demoRegion === 'replace') requireRole(principal, 'admin', '替换演示地区 (replace the demo region)');
      const upload = await receiveUpload(req, typeof req.query.name === 'string' ? req.query.name : '', limit);
      return { principal, upload, choices };
    } catch (error) {
      // A refused body is not read: the connection closes after the answer instead.
      if (!req.complete) res.setHeader('Connection', 'close');
      fail(res, error);
      return null;
    }
  };

  app.post('/import/preview', ...o.guards, async (req, res, next) => {
    const accepted = await accept(req, res).catch(next);
    if (!accepted) return;
    const { upload, choices } = accepted;
    try {
      const preview = await inTurn(() => previewImport(em, upload.path, upload.name, choices));
      res.setHeader('Cache-Control', 'no-store');
      res.json(preview);
    } catch (error) {
      next(error);
    } finally {
      upload.remove();
    }
  });

  app.post('/import/commit', ...o.guards, async (req, res, next) => {
    const accepted = await accept(req, res).catch(next);
    if (!accepted) return;
    const { principal, upload, choices } = accepted;
    try {
      const kind = choices.kind ?? detectKind(await firstRows(upload.path, choices).catch(() => []));
      if (kind === null) {
        res.status(400).json(errorBody('无法判断数据类型：请在 options 中给出 kind（如 figures）', 'BAD_USER_INPUT'));
        return;
      }
      res.status(200);
      res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      // Lines go out as they are written, not when a proxy's buffer fills.
      res.setHeader('X-Accel-Buffering', 'no');
      const line = (value: unknown) => res.write(`${JSON.stringify(value)}\n`);
      line({ type: 'start', file: upload.name, kind, bytes: upload.bytes });
      await inTurn(async () => {
        const scope = await outOfScope(principal, upload.path, kind, choices).catch((error: unknown) => {
          if (error instanceof SourceError) return null; // the import reports an unreadable file itself
          throw error;
        });
        if (scope && scope.problems.length > 0) {
          // Nothing is imported when any row lies outside the token's counties.
          const summary = { file: upload.name, kind, format: path.extname(upload.name).slice(1), encoding: null, crs: null, read: scope.read, rejectedRows: scope.problems.length, inserted: 0, updated: 0, written: false, dryRun: false, skipInvalid: false, seconds: 0 };
          const text = reportText(summary, scope.unit, scope.problems, [], { lang: choices.lang, notes: [] });
          line({ type: 'result', written: false, report: { text, unit: scope.unit, summary, problems: scope.problems.map((p) => shownProblem(p, choices.lang)), repaired: [], warnings: [], notes: [] } });
          return;
        }
        const result = await runImport(em, importOptions(upload.path, choices, kind, false, { subject: principal.subject, role: principal.role }), ndjsonProgress(line));
        line({ type: 'result', written: result.summary.written, report: httpReport(result, upload.path, upload.name, choices.lang) });
      });
      res.end();
    } catch (error) {
      if (res.headersSent) {
        o.onError(error);
        res.end(`${JSON.stringify({ type: 'error', message: '导入失败：数据平台内部错误，已记录；没有写入任何数据' })}\n`);
      } else next(error);
    } finally {
      upload.remove();
    }
  });

  // Templates hold no data of the region (their example rows are made up): no token needed.
  app.get('/import/templates', async (req, res, next) => {
    try {
      res.setHeader('Cache-Control', 'no-cache');
      res.json(await templateList(req.query.lang === 'en' ? 'en' : 'zh'));
    } catch (error) {
      next(error);
    }
  });
  app.get('/import/template/:file', async (req, res, next) => {
    try {
      const file = await templateFile(req.params.file, req.query.lang === 'en' ? 'en' : 'zh');
      if (!file) {
        res.status(404).json(errorBody(`没有模板 ${req.params.file}：应为 /import/template/<数据类型>.xlsx、.csv（边界类型另有 .geojson），数据类型见 /import/templates`, 'NOT_FOUND'));
        return;
      }
      res.setHeader('Content-Type', file.mediaType);
      res.setHeader('Content-Disposition', attachment(file.name));
      res.setHeader('Cache-Control', 'no-cache');
      res.send(Buffer.from(file.bytes));
    } catch (error) {
      next(error);
    }
  });

  const page = path.join(o.clientDist, 'import.html');
  app.get(['/import', '/import/'], (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    if (fs.existsSync(page)) res.sendFile(page);
    else res.status(503).type('text/plain; charset=utf-8').send('The import page is not built: run "pnpm build".\n');
  });
}
