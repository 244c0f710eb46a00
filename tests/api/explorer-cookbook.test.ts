/**
 * The explorer's cookbook (schema/operations/cookbook/*.graphql) against the
 * real server and the demo region: every example runs as it stands (variables
 * come from the operations' defaults), without errors, and answers with data
 * (every top-level field present and, for lists and pages, not empty), so a
 * planner who presses ▶ on any example sees an answer. Also: /explorer itself
 * is served from the client build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuild } from '../e2e/helpers/client-build.js';
import { startTestServer, type TestServer } from '../support/server.js';

const COOKBOOK_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../schema/operations/cookbook');
const examples = readdirSync(COOKBOOK_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((file) => ({ file, text: readFileSync(resolve(COOKBOOK_DIR, file), 'utf8') }));

/** Top-level fields whose answer is missing or empty, by alias. */
function emptyFields(data: Record<string, unknown> | null | undefined): string[] {
  if (!data || Object.keys(data).length === 0) return ['(no data)'];
  return Object.entries(data)
    .filter(([, value]) => {
      if (value == null) return true;
      if (Array.isArray(value)) return value.length === 0;
      if (typeof value === 'object' && 'items' in value) return !Array.isArray(value.items) || value.items.length === 0;
      if (typeof value === 'object' && 'areas' in value) return !Array.isArray(value.areas) || value.areas.length === 0;
      return false;
    })
    .map(([key]) => key);
}

let server: TestServer;
beforeAll(async () => {
  ensureClientBuild();
  server = await startTestServer();
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe('explorer cookbook', () => {
  it('has the examples the planners asked for, each titled in Chinese and English', () => {
    expect(examples.length).toBeGreaterThanOrEqual(15);
    for (const { file, text } of examples) {
      const [zh, en] = text.split('\n');
      expect(zh, file).toMatch(/^# .*[\u4e00-\u9fff]/);
      expect(en, file).toMatch(/^# [A-Z][^\u4e00-\u9fff]+$/);
    }
  });

  it.each(examples)('$file runs without errors and answers with data', async ({ text }) => {
    const { data, errors } = await server.graphql<Record<string, unknown>>(text);
    expect(errors).toBeUndefined();
    expect(emptyFields(data)).toEqual([]);
  });

  it('is served at /explorer from the client build', async () => {
    const response = await fetch(new URL('/explorer', server.url));
    expect(response.status).toBe(200);
    const html = await response.text();
    // The page's main landmark is the explorer's root (accessibility.test.ts: content inside landmarks).
    expect(html).toContain('<main id="explorer">');
    expect(html).toMatch(/src="\/assets\/explorer-[\w-]+\.js"/);
    // Offline: the page names nothing off the machine.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
