/**
 * Security headers on every response. The content security policy allows
 * nothing from outside the machine (the offline rule, enforced by the
 * browser too) and no inline script: the atlas and the explorer are Vite
 * builds of external modules. Styles may be inline (MapLibre, GraphiQL and
 * Monaco inject <style> elements); workers come from our own files (MapLibre's
 * CSP worker, Monaco's) or blobs. No page of the hub may be framed by
 * another site, but the embedded map (`/embed`), which the origins in
 * EMBED_ORIGINS may frame.
 */
import type http from 'node:http';
import type express from 'express';

const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

export const CONTENT_SECURITY_POLICY = [...POLICY, "frame-ancestors 'none'"].join('; ');

/**
 * The policy of the embedded map (`/embed`): the same, except that the hub
 * itself and the configured origins (EMBED_ORIGINS) may frame it.
 */
export function embedContentSecurityPolicy(embedOrigins: readonly string[]): string {
  return [...POLICY, `frame-ancestors ${["'self'", ...embedOrigins].join(' ')}`].join('; ');
}

/** The page-wide headers on one response (Express's middleware below, and the tiles' own path). */
export function setSecurityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

export function securityHeaders(): express.RequestHandler {
  return (_req, res, next) => {
    setSecurityHeaders(res);
    next();
  };
}

/** Replaces the page-wide headers on a response of the embedded map: framing by the allowed origins only. */
export function allowFramingBy(res: express.Response, embedOrigins: readonly string[]): void {
  res.setHeader('Content-Security-Policy', embedContentSecurityPolicy(embedOrigins));
  // X-Frame-Options cannot name origins; frame-ancestors decides.
  res.removeHeader('X-Frame-Options');
}
