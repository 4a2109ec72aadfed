import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const workspaceRoot = resolve(import.meta.dirname, '../../../..');
export const webRoot = resolve(workspaceRoot, 'apps/web');

export interface Running {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

function track(child: ChildProcess): Running {
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The real agent, through its launcher (on `port`, 0 for any free one); resolves when it prints {"url","token"}. */
export async function startAgent(home: string, webOrigin: string, port = 0): Promise<Running & { url: string; token: string }> {
  const launcher = resolve(workspaceRoot, 'apps/agent/bin/afterimage-agent.mjs');
  const child = spawn(process.execPath, [launcher, '--port', String(port), '--home', home, '--web-origin', webOrigin], { stdio: ['ignore', 'pipe', 'pipe'] });
  const running = track(child);
  const { stdout } = child;
  if (!stdout) throw new Error('Cannot read what the agent prints.');
  const ready = await new Promise<{ url: string; token: string }>((done, fail) => {
    const lines = createInterface({ input: stdout });
    lines.once('line', (line) => {
      try {
        done(JSON.parse(line) as { url: string; token: string });
      } catch {
        fail(new Error(`The agent printed something else than its address: ${line}`));
      }
    });
    child.once('exit', (code) => fail(new Error(`The agent exited (${code}) before it was ready:\n${running.output()}`)));
  });
  return { ...running, ...ready };
}

/** `next start` on a built apps/web (the Nx test target depends on build). */
export async function startWeb(port: number, env: Record<string, string>): Promise<Running & { url: string }> {
  const distDir = process.env.AFTERIMAGE_WEB_DIST || '.next';
  if (!existsSync(resolve(webRoot, distDir, 'BUILD_ID'))) {
    throw new Error('apps/web is not built: run `npx nx build @afterimage/web` (the Nx test target does it first).');
  }
  const next = resolve(workspaceRoot, 'node_modules/next/dist/bin/next');
  // Only what the caller passes reaches the dashboard: a token in the test's own environment must not.
  const { AFTERIMAGE_TOKEN: _ignored, ...inherited } = process.env;
  const childEnv: NodeJS.ProcessEnv = { ...inherited, NEXT_TELEMETRY_DISABLED: '1', ...env };
  const child = spawn(process.execPath, [next, 'start', '--hostname', '127.0.0.1', '--port', String(port)], { cwd: webRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const running = track(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${running.output()}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return { ...running, url };
    await new Promise((r) => setTimeout(r, 250));
  }
  await running.stop();
  throw new Error(`next start did not answer on ${url}:\n${running.output()}`);
}
