/**
 * A JSON answer written with Node's own response API, byte for byte what
 * Express's `res.status(s).json(body)` sends (type with charset, length, and
 * the weak ETag of Express's own `etag` package), so a route served before
 * Express (the tiles) answers errors exactly as the routes behind it.
 */
import type http from 'node:http';
import etag from 'etag';

export function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', String(body.length));
  res.setHeader('ETag', etag(body, { weak: true }));
  // Node writes no body in answer to HEAD.
  res.end(body);
}
