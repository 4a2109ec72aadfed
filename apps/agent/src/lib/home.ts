import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The agent's home: where its token, its copy of the demo card and (later) its database live. */
export function resolveHome(explicit?: string): string {
  return resolve(explicit ?? process.env['AFTERIMAGE_HOME'] ?? join(homedir(), '.afterimage'));
}

export async function ensureHome(home: string): Promise<void> {
  await mkdir(home, { recursive: true, mode: 0o700 });
}

/**
 * The bearer token every /trpc request must carry. It is kept in HOME/agent.token (mode 0600) so
 * the dashboard and the CLI of the same user can read it; an existing token is reused.
 */
export async function loadOrCreateToken(home: string): Promise<string> {
  const file = join(home, 'agent.token');
  const existing = await readFile(file, 'utf8').catch(() => '');
  const token = existing.trim();
  if (/^[A-Za-z0-9_-]{32,}$/.test(token)) {
    await chmod(file, 0o600);
    return token;
  }
  const fresh = randomBytes(32).toString('base64url');
  await writeFile(file, fresh + '\n', { mode: 0o600 });
  await chmod(file, 0o600);
  return fresh;
}
