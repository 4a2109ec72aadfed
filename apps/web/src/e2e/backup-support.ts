// Helpers of the backup and trash end-to-end test: the agent's tRPC from node (setup only), the
// recovered demo card, file hashes on disk, and the Dropbox emulator as a process.
import type { AppRouter, RecoveryReport } from '@afterimage/contracts';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { workspaceRoot } from './processes';

export function agentClient(url: string, token: string) {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })] });
}

/** Scans the demo card and recovers what it finds into `destination`, through the agent's API. */
export async function recoverDemoCard(client: ReturnType<typeof agentClient>, destination: string): Promise<RecoveryReport> {
  let scan = await client.scans.start.mutate({ sourceId: 'demo-card' });
  for (let i = 0; scan.status === 'running' && i < 600; i++) {
    await new Promise((r) => setTimeout(r, 200));
    scan = await client.scans.get.query({ scanId: scan.id });
  }
  if (scan.status !== 'done') throw new Error(`The demo card's scan ended ${scan.status}: ${scan.error ?? ''}`);
  return client.recovery.start.mutate({ scanId: scan.id, destination });
}

/** The sha256 of every file under `dir`. */
export async function hashesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return Promise.all(files.map(async (p) => createHash('sha256').update(await readFile(p)).digest('hex')));
}

/** tools/emulators' Dropbox as a child process: `hold` keeps matching requests waiting until `release`. */
export interface DropboxProcess {
  url: string;
  /** Requests whose path holds `path` wait at the emulator until released (a backup kept running). */
  hold(path: string): Promise<void>;
  release(): Promise<void>;
  /** How many requests wait now. */
  held(): Promise<number>;
  stop(): Promise<void>;
}

/** tools/emulators' Dropbox (API and OAuth on one origin), as a child process. */
export async function startDropboxEmulator(): Promise<DropboxProcess> {
  const child = spawn(process.execPath, [resolve(workspaceRoot, 'apps/web/src/e2e/dropbox-emulator.mjs')], { stdio: ['pipe', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (c: Buffer) => (errors += c.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const lines = createInterface({ input: child.stdout });
  const answers: ((line: string) => void)[] = [];
  const url = await new Promise<string>((done, fail) => {
    lines.once('line', (line) => {
      lines.on('line', (next) => answers.shift()?.(next));
      done((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => fail(new Error(`The Dropbox emulator exited (${code}):\n${errors}`)));
  });
  /** One command, one answer, in order. */
  const command = (body: object) =>
    new Promise<number>((done) => {
      answers.push((line) => done((JSON.parse(line) as { held: number }).held));
      child.stdin.write(`${JSON.stringify(body)}\n`);
    });
  return {
    url,
    hold: async (path) => void (await command({ hold: path })),
    release: async () => void (await command({ release: true })),
    held: () => command({ held: true }),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A Dropbox API call to the emulator, as the test's own hand (the token every emulator accepts). */
export async function dropboxCall(url: string, route: string, args: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/2/${route}`, { method: 'POST', headers: { authorization: 'Bearer emulator-token', 'content-type': 'application/json' }, body: JSON.stringify(args) });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

/** Stores `bytes` at `path` in the emulated Dropbox (files/upload), as the test's own hand. */
export async function dropboxUpload(url: string, path: string, bytes: Buffer): Promise<void> {
  const response = await fetch(`${url}/2/files/upload`, {
    method: 'POST',
    headers: { authorization: 'Bearer emulator-token', 'content-type': 'application/octet-stream', 'dropbox-api-arg': JSON.stringify({ path, mode: 'overwrite' }) },
    body: Uint8Array.from(bytes),
  });
  if (response.status !== 200) throw new Error(`The Dropbox emulator refused ${path}: ${response.status} ${await response.text()}`);
}

/**
 * Signs the agent in to the emulated Dropbox without a browser: the emulator's consent page approves
 * at once and redirects to the agent's loopback receiver, which fetch follows. The account's id.
 */
export async function signInToDropbox(client: ReturnType<typeof agentClient>): Promise<string> {
  const started = await client.accounts.signIn.mutate({ provider: 'dropbox' });
  const answered = await fetch(started.authorizationUrl);
  await answered.body?.cancel();
  for (let i = 0; i < 100; i++) {
    const status = await client.accounts.signInStatus.query({ signInId: started.signInId });
    if (status.state === 'done' && status.accountId) return status.accountId;
    if (status.state !== 'waiting') throw new Error(`The Dropbox sign-in ended ${status.state}: ${status.error ?? ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('The Dropbox sign-in did not finish.');
}
