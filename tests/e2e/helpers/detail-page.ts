/// <reference lib="dom" />
/**
 * Helpers that drive and read the atlas's detail panel and search box
 * (client/src/panels/detail, client/src/panels/SearchBox.tsx).
 */
import type { Locator, Page } from 'playwright-core';

/** The part of MapLibre's Map this file uses (the tests do not depend on maplibre-gl). */
interface CameraWindow extends Window {
  __lingyan?: { map: { isMoving(): boolean; loaded(): boolean; once(event: 'moveend' | 'idle', listener: () => void): void } };
}

export const PANEL = '[data-testid="detail-panel"]';

/** Types into the search box and waits for the option of `code`; returns it. */
export async function searchFor(page: Page, text: string, code: string): Promise<Locator> {
  const input = page.getByTestId('search-input');
  await input.fill(text);
  const option = page.locator(`[data-testid="search-results"] [role="option"][data-code="${code}"]`);
  await option.waitFor({ state: 'visible' });
  return option;
}

/** Waits until the panel shows the feature (its answer has arrived: the heading is its name). */
export async function waitForPanel(page: Page, kind: string, id: string, title: string): Promise<Locator> {
  const panel = page.locator(`${PANEL}[data-kind="${kind}"][data-id="${id}"]`);
  await panel.getByTestId('detail-title').filter({ hasText: title }).waitFor({ state: 'visible' });
  return panel;
}

/** The raw values of the panel's figures (`data-value`), by key. */
export async function figureValues(panel: Locator): Promise<Record<string, string>> {
  return panel.locator('[data-testid^="figure-"]').evaluateAll((nodes) =>
    Object.fromEntries(
      nodes
        .filter((n) => n.getAttribute('data-value') !== null)
        .map((n) => [n.getAttribute('data-testid')!.slice('figure-'.length), n.getAttribute('data-value')!]),
    ),
  );
}

/** Waits (no sleep) until the map has finished flying to the selection and drawn the place it arrived at. */
export async function waitForCameraIdle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const map = (window as CameraWindow).__lingyan!.map;
    if (map.isMoving()) await new Promise<void>((resolve) => map.once('moveend', () => resolve()));
    if (!map.loaded()) await new Promise<void>((resolve) => map.once('idle', () => resolve()));
  });
}
