/**
 * GraphQL's POST answers are sent without an ETag. Express hashes every body
 * it sends with `res.send` (SHA-1, its `etag` setting) so that a GET can be
 * answered 304 to If-None-Match; a POST is never answered 304, so for POSTs
 * the hash is CPU spent on every answer for nothing (its share of a request
 * is in docs/performance.md). GET requests (queries sent as GET, and every
 * other route of the hub) keep Express's ETags and their 304s.
 *
 * POSTs to the endpoint itself are answered before Express (graphql-path.ts,
 * which sends no ETag either); this keeps the forms Express's mount still
 * takes (`/graphql//`) answering as they did, the Express chain the GraphQL
 * path's tests compare it with.
 */
import express from 'express';

/**
 * The handlers to mount at /graphql after the body parser: POSTs to the
 * endpoint itself answered by `answer` from an Express app of their own whose
 * `etag` setting is off; anything else falls through to `answer` as before.
 */
export function postsWithoutEtags(answer: express.RequestHandler): [express.Express, express.RequestHandler] {
  const posts = express();
  posts.disable('x-powered-by');
  posts.set('etag', false);
  posts.post('/', answer);
  return [posts, answer];
}
