/// <reference lib="dom" />
/**
 * axe-core in a Playwright page, offline: the engine's source comes from the
 * `axe-core` package on this machine and is put into every frame of the page,
 * then `axe.run` checks the document as it stands.
 *
 * The source is evaluated through the browser's protocol rather than added as
 * a <script> element: the hub's pages forbid inline scripts
 * (`script-src 'self'`, server/src/http/security-headers.ts), and turning that
 * off for the test would check a page the hub never serves.
 */
import axe from 'axe-core';
import type { Frame, Page } from 'playwright-core';

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface Violation {
  id: string;
  impact: Impact | null;
  help: string;
  /** each failing node: its selector path and axe's summary of what is wrong */
  nodes: Array<{ target: string; summary: string }>;
}

type AxeWindow = Window & { axe?: typeof axe };

async function inject(frame: Frame): Promise<void> {
  if (await frame.evaluate(() => (window as AxeWindow).axe !== undefined)) return;
  await frame.evaluate(axe.source);
}

/**
 * Runs axe-core on the page with its default rules (WCAG 2.0–2.2 A and AA and
 * best practices, as a person running axe gets them; subframes included) and
 * returns the violations.
 */
export async function axeViolations(page: Page): Promise<Violation[]> {
  // Every frame gets its own axe: the top frame's asks each one for its part.
  for (const frame of page.frames()) await inject(frame);
  return page.evaluate(async () => {
    const result = await (window as AxeWindow).axe!.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: (v.impact ?? null) as Impact | null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: n.failureSummary ?? '' })),
    }));
  });
}

export const BLOCKING: ReadonlySet<Impact> = new Set(['serious', 'critical']);

/** One line per violation: impact, rule, number of nodes, and the first nodes' selectors. */
export function describeViolations(violations: readonly Violation[]): string[] {
  return violations.map((v) => {
    const shown = v.nodes.slice(0, 4).map((n) => n.target);
    const more = v.nodes.length > shown.length ? ` …+${v.nodes.length - shown.length}` : '';
    return `${v.impact ?? 'unknown'} ${v.id} ×${v.nodes.length} (${v.help}): ${shown.join(' | ')}${more}`;
  });
}
