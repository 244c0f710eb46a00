// Reads vitest's JSON reports and fails when a run is missing, a test was
// skipped, or a required suite (every test file under tests/api, tests/e2e,
// tests/import and tests/unit) did not run with at least one passing test.
// One report holds both vitest projects (unit and db), each file by its path.
// Prints "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const required = ['tests/api', 'tests/e2e', 'tests/import', 'tests/unit']
  .flatMap((dir) => (fs.existsSync(path.join(repo, dir)) ? fs.readdirSync(path.join(repo, dir), { recursive: true }).map((f) => path.join(dir, String(f))) : []))
  .filter((f) => f.endsWith('.test.ts'));

let passed = 0;
let failed = 0;
const problems = [];
for (const file of process.argv.slice(2)) {
  const label = path.basename(file, '.json');
  if (!fs.existsSync(file)) {
    problems.push(`${label}: no report (the run did not finish)`);
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  const skipped = report.numPendingTests + report.numTodoTests;
  if (skipped > 0) problems.push(`${label}: ${skipped} test(s) skipped`);
  const byFile = new Map(report.testResults.map((r) => [path.relative(repo, r.name), r]));
  for (const suite of required) {
    const r = byFile.get(suite);
    const ok = r?.assertionResults.filter((a) => a.status === 'passed').length ?? 0;
    if (!r) problems.push(`${label}: required suite ${suite} did not run`);
    else if (ok === 0) problems.push(`${label}: required suite ${suite} passed no test`);
  }
}
for (const p of problems) console.error(`required suites: ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(problems.length > 0 || failed > 0 ? 1 : 0);
