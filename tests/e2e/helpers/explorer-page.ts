/// <reference lib="dom" />
/**
 * Helpers that drive and read the explorer page (GraphiQL 5 with Monaco
 * editors, client/src/explorer). Monaco draws only the visible lines, so text
 * is read from its models through the page, not from the DOM.
 */
import type { Page } from 'playwright-core';

/** GraphiQL's run button (also Ctrl-Enter). */
export const EXECUTE_BUTTON = '.graphiql-execute-button';

/** Waits for GraphiQL and its operation editor to be on the page. */
export async function waitForExplorer(page: Page, timeout = 60_000): Promise<void> {
  await page.locator('.graphiql-container').waitFor({ state: 'visible', timeout });
  await page.locator('.graphiql-query-editor .monaco-editor').waitFor({ state: 'visible', timeout });
}

/** Visible text of an editor (`query` or `response`), lines joined by newlines. */
export function editorText(page: Page, editor: 'query' | 'response'): Promise<string> {
  const selector = editor === 'query' ? '.graphiql-query-editor' : '.graphiql-response';
  return page.locator(`${selector} .view-lines`).first().evaluate((el) =>
    Array.from(el.querySelectorAll('.view-line'))
      .map((line) => ({ top: parseFloat((line as HTMLElement).style.top || '0'), text: line.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text.replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}

/** Titles of GraphiQL's tabs, in order. */
export function tabTitles(page: Page): Promise<string[]> {
  return page.locator('.graphiql-tab').allTextContents();
}
