// The node options the agent's launcher asks for on its #! line (apps/agent/bin/afterimage-agent.mjs:
// V8 heap settings; it says why). `npm start` and the benchmarks start the agent as `node <launcher>`,
// where the kernel never reads that line, so they pass them, as the CLI does
// (apps/cli/src/lib/agent/launcher-node-options.ts); the benchmarks run their stand-ins for the agent's
// scanning process (tools/bench/run-*.mjs) with them too, so they measure what a user's agent runs with.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const AGENT_LAUNCHER = resolve(import.meta.dirname, '../../../apps/agent/bin/afterimage-agent.mjs');

const OPTION = /^--[a-z][a-z0-9-]*(=[\w.,:/+-]+)?$/i;

/** `--opt` and `--opt=value` after node on a script's #! line; none when it holds anything else. */
export function launcherNodeOptions(script = AGENT_LAUNCHER) {
  const first = readFileSync(script, 'utf8').slice(0, 512).split('\n', 1)[0].trim();
  const match = /^#!\s*(?:\S*\/env(?:\s+-S)?\s+)?(?:\S*\/)?node(?:\s+(.*))?$/.exec(first);
  const options = (match?.[1] ?? '').split(/\s+/).filter(Boolean);
  return options.every((o) => OPTION.test(o)) ? options : [];
}

export const AGENT_NODE_OPTIONS = launcherNodeOptions();
