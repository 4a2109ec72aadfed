import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAgent } from './start-agent.js';
import { warmUp } from './warm-up.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'agent-warm-up-'));
});
afterEach(async () => rm(home, { recursive: true, force: true }));

const query = async (url: string, token: string, path: string) => {
  const response = await fetch(`${url}/trpc/${path}`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { result: { data: unknown } }).result.data;
};

describe("the agent's warm-up at start", () => {
  it('leaves no trace: a fresh agent lists no scan and no source, in its answers and in its database', async () => {
    const agent = await startAgent({ home, port: 0, demoCard: false });
    try {
      expect(await query(agent.url, agent.token, 'scans.list')).toEqual([]);
      expect(await query(agent.url, agent.token, 'sources.list')).toEqual([]);
    } finally {
      await agent.close();
    }
    const db = new Database(join(home, 'afterimage.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM scans').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM sources').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('gives up quietly when the agent cannot be reached: a colder first scan, never a failed start', async () => {
    // Port 9 (discard) on loopback: nothing listens there.
    await expect(warmUp('http://127.0.0.1:9', 'no-token', 2000)).resolves.toBeUndefined();
  });
});
