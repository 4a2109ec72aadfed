// `npm test`: sets up what the tests need, runs every project's lint, typecheck, build and test
// through Nx plus `nx sync:check`, then sums every vitest run into one closing line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureDebianTools, ensureNpmPackages, nxEnv, root, sh } from './lib/setup.mjs';

ensureNpmPackages();
ensureDebianTools();

const reports = resolve(root, 'reports/vitest');
rmSync(reports, { recursive: true, force: true });

const nx = resolve(root, 'node_modules/.bin/nx');
const syncStatus = sh(nx, ['sync:check'], { env: nxEnv });
// CI runs everything afresh: Nx keeps its cache outside the checkout, where clones share it.
const fresh = process.env.CI === 'true' ? ['--skip-nx-cache'] : [];
const runStatus = sh(nx, ['run-many', '-t', 'lint', 'typecheck', 'build', 'test', '--outputStyle=static', ...fresh, ...process.argv.slice(2)], {
  env: nxEnv,
});

let passed = 0;
let failed = 0;
let skipped = 0;
const files = existsSync(reports) ? readdirSync(reports, { recursive: true }).filter((f) => f.endsWith('.json')).sort() : [];
for (const file of files) {
  const result = JSON.parse(readFileSync(resolve(reports, file), 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + result.numTodoTests;
  console.log(`  ${file.replace(/\.json$/, '').padEnd(22)} ${result.numPassedTests} passed, ${result.numFailedTests} failed, ${result.numPendingTests} skipped`);
}
// Every project with a test target must have left a report: a missing one is a failure, not zero tests.
const listing = spawnSync(nx, ['show', 'projects', '--with-target', 'test', '--json'], { cwd: root, env: nxEnv, encoding: 'utf8' });
const roots = JSON.parse(listing.stdout || '[]').map((name) => {
  const shown = spawnSync(nx, ['show', 'project', name, '--json'], { cwd: root, env: nxEnv, encoding: 'utf8' });
  return JSON.parse(shown.stdout).root;
});
const missing = roots.filter((r) => !files.includes(`${r}.json`));
if (missing.length > 0) console.log(`No test report from: ${missing.join(', ')}.`);
if (syncStatus !== 0) console.log('nx sync:check failed: run `npx nx sync` and commit the tsconfig changes.');
if (runStatus !== 0) console.log('Some Nx targets failed (see above).');
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(syncStatus !== 0 || runStatus !== 0 || failed > 0 || passed === 0 || missing.length > 0 ? 1 : 0);
