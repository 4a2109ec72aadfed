import { parseArgs } from 'node:util';
import { findRunningAgent } from '../agent/agent-discovery.js';
import { removeAdvert, resolveHome, writeAdvert } from '../agent/agent-home.js';
import { spawnAgent } from '../agent/spawn-agent.js';
import { CliError, EXIT } from '../exit-codes.js';
import { printLines } from '../format/output.js';

export const AGENT_HELP = `Usage: afterimage agent [--port N] [--home DIR] [--web-origin URL]... [--no-demo]

Runs the local agent in the foreground (Ctrl-C stops it): the service the dashboard and the other
commands talk to, on 127.0.0.1 only. It keeps its token, its store of scans (afterimage.db) and a
note of where it listens (agent.json) in its home, so the other commands find it without --agent,
and scans started with 'afterimage scan --detach' go on after that command ends.

  --port N          port on 127.0.0.1 (default 7170; 0 picks a free one)
  --home DIR        its home (default $AFTERIMAGE_HOME or ~/.afterimage)
  --web-origin URL  a dashboard origin allowed to call it from a browser (repeatable)
  --no-demo         do not offer the built-in demo card
  -h, --help        show this help

When ready it prints one line of JSON: {"url": "...", "token": "...", "home": "..."}.

Examples:
  afterimage agent
  afterimage agent --port 0 --home /srv/afterimage
  AFTERIMAGE_HOME=~/cases/smith afterimage agent --port 7180`;

export async function agentCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      home: { type: 'string' },
      'web-origin': { type: 'string', multiple: true },
      'no-demo': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    printLines(out, AGENT_HELP);
    return EXIT.ok;
  }
  const home = resolveHome(values.home);
  const running = await findRunningAgent(home);
  if (running) {
    const whose = running.kind === 'private' ? "another command's private agent (wait until that command ends)" : 'an agent';
    throw new CliError(`${home} is already served by ${whose} at ${running.url}; two agents must not share a home.`, EXIT.failure);
  }
  const agent = await spawnAgent(argv, 'inherit');
  await writeAdvert(agent.ready.home, { url: agent.ready.url, pid: agent.pid ?? 0, kind: 'foreground', startedAt: new Date().toISOString() });
  out.write(JSON.stringify(agent.ready) + '\n');
  agent.onLine((line) => out.write(line + '\n'));
  const stop = () => void agent.stop();
  process.on('SIGINT', stop).on('SIGTERM', stop);
  try {
    const code = await agent.exited;
    return code ?? EXIT.failure;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    await removeAdvert(agent.ready.home, agent.pid);
  }
}
