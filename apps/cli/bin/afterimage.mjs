#!/usr/bin/env node
// The `afterimage` command. The compiled CLI lives in ../dist (built by `npm start`, `npm test` or `npx nx build @afterimage/cli`).
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('afterimage: the CLI is not built yet; run `npx nx run-many -t build` (or `npm start`) in the repository first.');
  process.exit(70);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
