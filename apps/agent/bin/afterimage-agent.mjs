#!/usr/bin/env node
// Runs the agent in the foreground. The compiled agent lives in ../dist.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('afterimage-agent: the agent is not built yet; run `npx nx run-many -t build` in the repository first.');
  process.exit(70);
}
const { runAgentCommand } = await import(main.href);
process.exitCode = await runAgentCommand(process.argv.slice(2));
