/**
 * GET /embed/check: whether the asking page's origin may frame the embedded
 * map (`{"origin": "https://report.example", "allowed": false}`). The embed
 * script asks when its frame stays silent, to tell its page "the hub does not
 * let this page embed the map" from "the hub is unreachable": a refused frame
 * cannot be read from outside. Readable from any origin (no credentials): it
 * says no more than the `frame-ancestors` of `/embed`, sent to anyone.
 */
import type express from 'express';

/** The hub's own origin as this request reached it ('self' in frame-ancestors). */
function ownOrigin(req: express.Request): string {
  return `${req.protocol}://${req.get('host') ?? ''}`;
}

export function embedCheckRoute(app: express.Express, embedOrigins: readonly string[]): void {
  app.get('/embed/check', (req, res) => {
    const origin = req.get('origin') ?? null;
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ origin, allowed: origin !== null && (origin === ownOrigin(req) || embedOrigins.includes(origin)) });
  });
}
