/**
 * The big screen (`/screen`): its page of the client build, with the hub's
 * default rotation (SCREEN_VIEWS, SCREEN_INTERVAL) written into a meta tag
 * for its script, as link parameters (`views=…&interval=…`) that the page's
 * own link overrides one by one. A meta tag, not an inline script or an
 * endpoint: the page has no inline script (CSP), and the defaults arrive with
 * the page instead of after another round trip. The page-wide security
 * headers are set by the middleware before it, as for `/`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type express from 'express';

export interface ScreenDefaults {
  views: string | null;
  intervalSeconds: number | null;
}

/** The meta tag's content: link parameters, only those the hub sets. */
export function screenDefaultsQuery({ views, intervalSeconds }: ScreenDefaults): string {
  const params = new URLSearchParams();
  if (views) params.set('views', views);
  if (intervalSeconds != null) params.set('interval', String(intervalSeconds));
  // ',' and ':' are safe in a query and easier to read unescaped (as the atlas's links write them).
  return params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function serveScreen(app: express.Express, dist: string, defaults: ScreenDefaults): void {
  const page = path.join(dist, 'screen.html');
  const meta = `<meta name="lingyan-screen" content="${escapeAttribute(screenDefaultsQuery(defaults))}" />`;
  app.get(['/screen', '/screen/'], (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    if (!fs.existsSync(page)) {
      res.status(503).type('text/plain; charset=utf-8').send('The big screen is not built: run "pnpm build".\n');
      return;
    }
    res.type('html').send(fs.readFileSync(page, 'utf8').replace('</head>', `  ${meta}\n  </head>`));
  });
}
