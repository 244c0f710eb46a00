/**
 * Where a process's CPU time went, from a V8 `.cpuprofile` (`node --cpu-prof`):
 * shares by category (HTTP/Express, GraphQL, pg + ORM, JSON, GC, hub code,
 * the rest) and the functions with the most self time.
 *
 * Each sample is put in the category of the innermost frame that decides
 * one: a package under node_modules, the hub's own files, Node's HTTP
 * modules, the garbage collector, and JSON: V8 shows JSON.stringify and
 * JSON.parse called from JavaScript as their caller's self time, so a
 * function named for JSON (stringifyAnswer, res.json, …) counts as JSON.
 * Node's shared internals (sockets, streams, buffers, timers) and V8
 * builtins decide nothing: they count for whoever called them. The native
 * write calls themselves are `writes` (see WRITES). What no frame decides
 * (microtask runs, timers) is `other`.
 *
 * A window on the monotonic clock (the bench records it around a load) keeps
 * the hub's start-up (module loading) out of the shares.
 *
 * As a command: `pnpm --filter @lingyan/tests exec tsx bench/cpu-profile.ts [--last <s>] <file.cpuprofile>…`
 * (the whole profile, or its last <s> seconds: a profiled hub's load ends just before it exits).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  /** microseconds on the machine's monotonic clock (CLOCK_MONOTONIC, as process.hrtime in any process) */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export const CATEGORIES = ['HTTP/Express', 'GraphQL', 'pg + ORM', 'JSON', 'GC', 'hub code', 'writes', 'other'] as const;

/**
 * Native writes to a socket or file descriptor, counted apart. A profiled hub
 * spends far more CPU per answer than an unprofiled one, and much of the
 * difference is sampled here, while unprofiled the hub's system time (where
 * these writes run) is a small part of its CPU: left among their callers they
 * would make pg or HTTP look dearer than they are.
 */
const WRITES = new Set(['writeBuffer', 'writev', 'writeString', 'writeUtf8String', 'writeLatin1String', 'writeAsciiString', 'writeUcs2String']);
export type Category = (typeof CATEGORIES)[number];

export interface ProfileShares {
  /** CPU milliseconds sampled, idle excluded */
  busyMs: number;
  shares: Record<Category, number>;
  /** the functions with the most self time: "name (file:line)" and their share */
  top: Array<{ frame: string; category: Category; share: number }>;
}

const PACKAGES: Array<[Category, RegExp]> = [
  ['HTTP/Express', /^(express|router|body-parser|raw-body|finalhandler|send|serve-static|on-finished|on-headers|compression|helmet|cors|content-type|type-is|accepts|negotiator|etag|fresh|http-errors|depd|qs|cookie|proxy-addr|vary|parseurl|statuses|mime-types|mime-db|media-typer|iconv-lite|bytes|unpipe|destroy|ee-first|fastify|@fastify\/.*|find-my-way|light-my-request|avvio)$/],
  ['GraphQL', /^(graphql|graphql-jit|@apollo\/.*|type-graphql|class-validator|class-transformer|@graphql-tools\/.*|graphql-.*|dataloader|fast-json-stringify|reflect-metadata|libphonenumber-js|validator)$/],
  ['pg + ORM', /^(pg|pg-.*|postgres-.*|@mikro-orm\/.*|knex|kysely|buffer-writer|packet-reader|split2)$/],
];

function packageOf(url: string): string | null {
  const m = url.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//);
  return m ? m[1]! : null;
}

/** The category `frame` decides, or null when it counts for its caller. */
function decide({ functionName, url }: ProfileNode['callFrame']): Category | null {
  if (functionName === '(garbage collector)') return 'GC';
  if (!url && WRITES.has(functionName)) return 'writes';
  // V8 shows JSON.stringify/parse called from JavaScript as their caller's self time: a function named for JSON is counted as JSON.
  if (/stringify|json/i.test(functionName) || (!url && functionName === 'parse')) return 'JSON';
  if (!url) return null;
  const pkg = packageOf(url);
  if (pkg) return PACKAGES.find(([, re]) => re.test(pkg))?.[0] ?? 'other';
  // node:net is not decided here: pg writes to its socket through it too.
  if (/^node:(_http_|http$|https$|internal\/http)/.test(url)) return 'HTTP/Express';
  if (/\/(server|data)\/(dist|src)\//.test(url)) return 'hub code';
  return null;
}

/** A span of the monotonic clock in microseconds (process.hrtime.bigint() / 1000n): only samples within it count. */
export type Window = [number, number];

export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

export function profileShares(profile: CpuProfile, window: Window | null = null, topCount = 12): ProfileShares {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const categoryOf = new Map<number, Category | 'idle'>();
  const category = (id: number): Category | 'idle' => {
    const known = categoryOf.get(id);
    if (known) return known;
    const frame = byId.get(id)!.callFrame;
    let c: Category | 'idle';
    if (frame.functionName === '(idle)') c = 'idle';
    else {
      const own = decide(frame);
      const up = parent.get(id);
      c = own ?? (up === undefined ? 'other' : category(up));
      if (c === 'idle') c = 'other';
    }
    categoryOf.set(id, c);
    return c;
  };
  const totals = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const self = new Map<number, number>();
  let busy = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (window && (at < window[0] || at > window[1])) return;
    const c = category(id);
    if (c === 'idle' || us <= 0) return;
    totals[c] += us;
    busy += us;
    self.set(id, (self.get(id) ?? 0) + us);
  });
  const frameName = (f: ProfileNode['callFrame']) => `${f.functionName || '(anonymous)'} (${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : 'native'})`;
  const selfByFrame = new Map<string, { category: Category; us: number }>();
  for (const [id, us] of self) {
    const key = frameName(byId.get(id)!.callFrame);
    const entry = selfByFrame.get(key) ?? { category: category(id) as Category, us: 0 };
    entry.us += us;
    selfByFrame.set(key, entry);
  }
  const share = (us: number) => (busy ? us / busy : 0);
  return {
    busyMs: busy / 1000,
    shares: Object.fromEntries(CATEGORIES.map((c) => [c, share(totals[c])])) as Record<Category, number>,
    top: [...selfByFrame].sort((a, b) => b[1].us - a[1].us).slice(0, topCount).map(([frame, e]) => ({ frame, category: e.category, share: share(e.us) })),
  };
}

export function readProfile(file: string, window: Window | null = null): ProfileShares {
  return profileShares(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, window);
}

export const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const last = args[0] === '--last' ? Number(args[1]) * 1e6 : null;
  for (const file of last === null ? args : args.slice(2)) {
    const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile & { endTime: number };
    const r = profileShares(p, last === null ? null : [p.endTime - last, p.endTime]);
    console.log(`${file}: ${r.busyMs.toFixed(0)} ms busy`);
    for (const c of CATEGORIES) console.log(`  ${c.padEnd(20)} ${percent(r.shares[c])}`);
    console.log('  most self time:');
    for (const t of r.top) console.log(`    ${percent(t.share).padStart(7)}  ${t.category.padEnd(20)} ${t.frame}`);
  }
}
