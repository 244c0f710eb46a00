#!/usr/bin/env node
/**
 * Commit subjects of at most 72 characters (README, the development loop): `git log
 * --oneline` stays readable, the why and the figures go in the body.
 *
 * Checks the commits made since the rule was enforced (RULE_SINCE; commits
 * before it are history and stay as they are), or since `--since <date>`.
 * Counts characters, not bytes (a subject may hold Chinese terms).
 * Exits 1 naming each subject too long; 0 otherwise. `--repo <dir>` checks
 * another repository (the test plants one).
 */
import { spawnSync } from 'node:child_process';

export const MAX_SUBJECT = 72;
/** The first commit after this moment is held to the rule. */
const RULE_SINCE = '2026-12-06T14:30:04Z';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const repo = option('--repo', process.cwd());
const since = option('--since', RULE_SINCE);
const log = spawnSync('git', ['log', `--since=${since}`, '--format=%h%x09%s'], { cwd: repo, encoding: 'utf8' });
if (log.status !== 0) {
  // Not a git checkout (an unpacked archive): nothing to check, say so.
  console.log(`commit subjects: not checked (${(log.stderr || 'git failed').trim()})`);
  process.exit(0);
}
const long = log.stdout
  .split('\n')
  .filter(Boolean)
  .map((line) => {
    const [hash, ...rest] = line.split('\t');
    const subject = rest.join('\t');
    return { hash, subject, length: [...subject].length };
  })
  .filter((c) => c.length > MAX_SUBJECT);
if (long.length > 0) {
  console.error(`commit subjects longer than ${MAX_SUBJECT} characters (put the detail in the body; amend or reword before pushing):`);
  for (const c of long) console.error(`  ${c.hash} (${c.length}): ${c.subject}`);
  process.exit(1);
}
