// `npm start`: installs and builds what is needed, then runs the agent and the dashboard on
// 127.0.0.1 and prints the dashboard's address. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { AGENT_NODE_OPTIONS } from './lib/agent-node-options.mjs';
import { ensureNpmPackages, must, nxEnv, root } from './lib/setup.mjs';

const agentPort = Number(process.env.AFTERIMAGE_PORT ?? 7170);
const webPort = Number(process.env.AFTERIMAGE_WEB_PORT ?? 7171);
const webOrigins = [`http://127.0.0.1:${webPort}`, `http://localhost:${webPort}`];

ensureNpmPackages();
console.log('Building Afterimage…');
must(resolve(root, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '-p', '@afterimage/agent', '@afterimage/web', '@afterimage/cli', '--outputStyle=static'], {
  env: nxEnv,
});

const children = [];
const stop = (code = 0) => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
};
process.on('SIGINT', () => stop(0)).on('SIGTERM', () => stop(0));

// With the node options on the agent launcher's #! line (its heap settings), as the CLI starts it.
const agent = spawn(process.execPath, [...AGENT_NODE_OPTIONS, 'apps/agent/bin/afterimage-agent.mjs', '--port', String(agentPort), ...webOrigins.flatMap((o) => ['--web-origin', o])], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
children.push(agent);
agent.once('exit', (code) => {
  console.error(`The agent stopped (exit ${code}).`);
  stop(1);
});
const ready = await new Promise((resolveReady) => createInterface({ input: agent.stdout }).once('line', (line) => resolveReady(JSON.parse(line))));

const web = spawn(resolve(root, 'node_modules/.bin/next'), ['start', '--hostname', '127.0.0.1', '--port', String(webPort)], {
  cwd: resolve(root, 'apps/web'),
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...nxEnv, AFTERIMAGE_AGENT_URL: ready.url, AFTERIMAGE_TOKEN: ready.token, AFTERIMAGE_HOME: ready.home },
});
children.push(web);
web.once('exit', (code) => {
  console.error(`The dashboard stopped (exit ${code}).`);
  stop(1);
});
web.stdout.resume();

const url = `http://127.0.0.1:${webPort}/`;
for (let i = 0; i < 120; i++) {
  const ok = await fetch(url).then((r) => r.ok, () => false);
  if (ok) break;
  await new Promise((r) => setTimeout(r, 500));
}
console.log(`\nAfterimage is running.\n  Dashboard: ${url}\n  Agent:     ${ready.url} (token in ${ready.home}/agent.token)\nPress Ctrl-C to stop.`);
