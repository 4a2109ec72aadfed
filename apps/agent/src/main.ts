import { parseArgs } from 'node:util';
import { resolveHome } from './lib/home.js';
import { startAgent } from './lib/start-agent.js';

export { startAgent, AGENT_VERSION } from './lib/start-agent.js';
export type { RunningAgent, StartAgentOptions } from './lib/start-agent.js';

const HELP = `afterimage-agent — the local Afterimage service (tRPC over HTTP on 127.0.0.1)

Usage: afterimage-agent [--port N] [--home DIR] [--web-origin URL]...

  --port N          port on 127.0.0.1 (default 7170; 0 picks a free one)
  --home DIR        where the token and working files live (default $AFTERIMAGE_HOME or ~/.afterimage)
  --web-origin URL  a dashboard origin allowed to call the agent from a browser (repeatable;
                    also $AFTERIMAGE_WEB_ORIGINS, comma-separated)
  --no-demo         do not offer the built-in demo card

When ready it prints one line of JSON: {"url": "...", "token": "...", "home": "..."}.`;

/** Runs the agent in the foreground until SIGINT/SIGTERM; resolves with the exit code. */
export async function runAgentCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '7170' },
        home: { type: 'string' },
        'web-origin': { type: 'string', multiple: true, default: [] },
        'no-demo': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`afterimage-agent: ${(error as Error).message}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`afterimage-agent: --port must be a number from 0 to 65535, not ${values.port}`);
    return 2;
  }
  const fromEnv = (process.env['AFTERIMAGE_WEB_ORIGINS'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  try {
    const agent = await startAgent({
      home: resolveHome(values.home),
      port,
      webOrigins: [...values['web-origin'], ...fromEnv],
      ...(values['no-demo'] ? { demoCard: false as const } : {}),
    });
    console.log(JSON.stringify({ url: agent.url, token: agent.token, home: agent.home }));
    if (agent.tookOverLock) {
      const whose = agent.tookOverLock.pid ? `pid ${agent.tookOverLock.pid}, no longer running` : 'a damaged file';
      console.error(`afterimage-agent: took over ${agent.home}/agent.lock, left by ${whose}.`);
    }
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await agent.close();
    return 0;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === 'EADDRINUSE' ? `afterimage-agent: port ${port} is in use; pick another with --port.` : `afterimage-agent: ${(error as Error).message}`);
    return 1;
  }
}
