#!/usr/bin/env -S node --max-semi-space-size=2
// Runs the agent in the foreground. The compiled agent lives in ../dist.
// The #! line's node options are the agent's own, also where it is started as `node <this file>`: the CLI,
// `npm start` and the benchmarks read them from that line and pass them (apps/cli/src/lib/agent/launcher-node-options.ts).
// --max-semi-space-size=2 caps V8's young generation on the main thread at 2 MiB per semi-space: left at
// its default it grows to 16 MiB while a scan runs (the main thread carves and merges the scan's
// results), max RSS for no speed: on the 4 GiB bench image 98–111 MiB with one thread instead of 85–87,
// 114–129 with two instead of 109–118; on a 2 GiB card of 566 photos 129 instead of 96. 1 MiB saved
// 2–4 MiB more but cost ~5 % of the speed on that card (more short-lived objects promoted). The flag is
// V8's, so process-wide: it holds the agent's scanning thread (which now carves images) and the engine's
// worker threads too; they also ask for the same in their resourceLimits (src/lib/scan-thread/protocol.ts).
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('afterimage-agent: the agent is not built yet; run `npx nx run-many -t build` in the repository first.');
  process.exit(70);
}
const { runAgentCommand } = await import(main.href);
process.exitCode = await runAgentCommand(process.argv.slice(2));
