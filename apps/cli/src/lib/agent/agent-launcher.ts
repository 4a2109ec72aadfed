/**
 * Runs the agent's launcher tied to a lifeline: the CLI that started this process holds its stdin,
 * and when that pipe closes (the CLI ended, or was killed) the agent is stopped as by SIGTERM, so it
 * closes its store cleanly. It runs in a process group of its own, so the Ctrl-C meant for the CLI
 * (which pauses a scan through the agent) does not reach it.
 *
 * Usage: node agent-launcher.js AGENT_BIN [agent options...]
 */
import { pathToFileURL } from 'node:url';

const [bin, ...args] = process.argv.slice(2);
if (!bin) {
  console.error('agent-launcher: give the agent launcher to run.');
  process.exit(2);
}
process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.on('error', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
// The agent reads its options from process.argv.slice(2).
process.argv = [process.argv[0] as string, bin, ...args];
await import(pathToFileURL(bin).href);
process.exit();
