/**
 * A JSON answer written with Node's own response API, byte for byte what
 * Express's `res.status(s).json(body)` sends (type with charset, length, and
 * the weak ETag its default `etag` setting adds), so a route served before
 * Express (the tiles) answers errors exactly as the routes behind it.
 */
import { createHash } from 'node:crypto';
import type http from 'node:http';

/** Express's weak validator of a body (the `etag` package: length in hex, then 27 characters of SHA-1 in base64). */
function weakEtag(body: Buffer): string {
  return `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64').substring(0, 27)}"`;
}

export function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', String(body.length));
  res.setHeader('ETag', weakEtag(body));
  // Node writes no body in answer to HEAD.
  res.end(body);
}
