import { readFileSync } from 'node:fs';

/** A node option as a #! line may carry it: `--name` or `--name=value`, nothing a shell would interpret. */
const OPTION = /^--[a-z][a-z0-9-]*(=[\w.,:/+-]+)?$/i;

/**
 * The node options a launcher script asks for on its #! line (`#!/usr/bin/env -S node --opt=1`), as npm's
 * command shims read them: started as `node <script>` (the CLI starts the agent that way, behind its
 * lifeline) the kernel never reads that line, so they are passed explicitly. The agent's are V8 heap
 * settings (apps/agent/bin/afterimage-agent.mjs says why). None when the line names no node, or holds
 * anything but plain options.
 */
export function nodeOptionsOfShebang(firstLine: string): string[] {
  const match = /^#!\s*(?:\S*\/env(?:\s+-S)?\s+)?(?:\S*\/)?node(?:\s+(.*))?$/.exec(firstLine.trim());
  if (!match) return [];
  const options = (match[1] ?? '').split(/\s+/).filter(Boolean);
  return options.every((o) => OPTION.test(o)) ? options : [];
}

/** The node options of a launcher script's #! line (none when it cannot be read). */
export function launcherNodeOptions(script: string): string[] {
  let text: string;
  try {
    text = readFileSync(script, 'utf8').slice(0, 512);
  } catch {
    return [];
  }
  return nodeOptionsOfShebang(text.split('\n', 1)[0] ?? '');
}
