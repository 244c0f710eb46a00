/**
 * An uploaded import file, received from a request body into a temporary
 * folder under the name the browser gave it: the readers work on paths and
 * pick their format by extension, and the report names the file as the data
 * officer knows it. The body is counted as it streams in, so a file over the
 * limit is refused without being held (or written) whole.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Largest import file the hub takes through HTTP, bytes. */
export const IMPORT_MAX_BYTES = 50 * 2 ** 20;

export class UploadProblem extends Error {
  override name = 'UploadProblem';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Upload {
  /** path of the file on disk, ending in the browser's file name */
  path: string;
  /** the file name as given (the report's name for it) */
  name: string;
  bytes: number;
  remove(): void;
}

/** The browser's file name, reduced to a plain base name that is safe on disk (no folders, no control characters). */
export function safeFileName(given: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const name = basename(given.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f/]/g, '').trim();
  if (name === '' || name === '.' || name === '..') throw new UploadProblem(400, '缺少文件名：请求须带 ?name=<文件名>（如 村数据.csv），扩展名决定读取方式');
  return name.slice(-200);
}

export async function receiveUpload(req: http.IncomingMessage, givenName: string, limit = IMPORT_MAX_BYTES): Promise<Upload> {
  const name = safeFileName(givenName);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const dir = mkdtempSync(join(tmpdir(), 'lingyan-upload-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const path = join(dir, name);
  let bytes = 0;
  try {
    bytes = await copyWithin(req, path, limit);
  } catch (error) {
    remove();
    if (error instanceof UploadProblem) throw error;
    throw new UploadProblem(400, `文件没有完整收到（${(error as Error).message}）`);
  }
  if (bytes === 0) {
    remove();
    throw new UploadProblem(400, `文件 ${name} 是空的`);
  }
  return { path, name, bytes, remove };
}

/**
 * Writes the body to `path`, keeping to the file's pace; past `limit` bytes
 * it stops reading and fails, leaving the socket open for the 413 answer
 * (the server closes the connection after it rather than read the rest).
 */
function copyWithin(req: http.IncomingMessage, path: string, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path);
    let bytes = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      req.off('data', onData);
      req.pause();
      out.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) return fail(tooLarge(limit));
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    };
    req.on('data', onData);
    req.once('end', () => out.end());
    req.once('aborted', () => fail(new Error('the upload was cut off')));
    req.once('error', fail);
    out.once('error', fail);
    out.once('finish', () => {
      if (!failed) resolve(bytes);
    });
  });
}

function tooLarge(limit: number): UploadProblem {
  return new UploadProblem(413, `文件超过 ${Math.round(limit / 2 ** 20)} MB 的上限；请分成几个文件，或用命令行 pnpm data:import 导入`);
}
