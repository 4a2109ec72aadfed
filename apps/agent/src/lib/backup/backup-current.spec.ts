import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapters, GOOGLE_PHOTOS_LIMITS, LocalFolderTarget, type BackupTarget } from '@afterimage/cloud-adapters';
import { agentOn, followBackup, recoverDemoCard, type RecoveredCard } from '../../testing/recovered-card.js';
import type { TargetFactory } from './targets.js';

let home: string;
let card: RecoveredCard;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'backup-current-'));
  card = await recoverDemoCard(home);
});
afterAll(async () => rm(home, { recursive: true, force: true }));

/** Real local folders whose puts wait at a gate until the test opens it (a backup that takes as long as the test needs). */
function gatedFolders(): { factory: TargetFactory; waiting: () => number; open: () => void } {
  let opened = false;
  let waiting = 0;
  const waiters: (() => void)[] = [];
  const factory: TargetFactory = (config) => {
    const inner = new LocalFolderTarget(config.root, undefined, config.offsite ?? false);
    const target: BackupTarget = {
      id: inner.id,
      kind: inner.kind,
      medium: inner.medium,
      offsite: inner.offsite,
      hashKinds: inner.hashKinds,
      limits: inner.limits,
      stat: (path) => inner.stat(path),
      list: (prefix) => inner.list(prefix),
      open: (path) => inner.open(path),
      put: async (path, content, expected, options) => {
        if (!opened) {
          waiting++;
          await new Promise<void>((resolve) => waiters.push(resolve));
        }
        return inner.put(path, content, expected, options);
      },
    };
    return target;
  };
  return {
    factory,
    waiting: () => waiting,
    open: () => {
      opened = true;
      waiters.splice(0).forEach((resolve) => resolve());
    },
  };
}

describe('the current backup job', () => {
  it('is none before any backup; the running one while it runs (a second start joins it); the last one after, also for a new agent', async () => {
    const db = join(home, 'current.db');
    const gate = gatedFolders();
    const { agent, store } = await agentOn(card, db, { createTarget: gate.factory });
    expect(await agent.currentBackup()).toBeNull();
    expect(await agent.listBackups({})).toEqual([]);
    await agent.addBackupTarget({ kind: 'local-folder', root: join(home, 'near') });

    const job = await agent.startBackup({ parallel: 2 });
    while (gate.waiting() === 0) await new Promise((resolve) => setImmediate(resolve));
    const current = await agent.currentBackup();
    expect(current).toMatchObject({ id: job.id, status: 'running', parallel: 2 });
    expect(current?.progress.filesTotal).toBe(card.report.files.length);
    expect((await agent.startBackup({ parallel: 8 })).id).toBe(job.id);
    expect((await agent.listBackups({})).map((j) => [j.id, j.status])).toEqual([[job.id, 'running']]);

    gate.open();
    const { state } = await followBackup(agent, job.id);
    expect(state.status).toBe('done');
    expect(await agent.currentBackup()).toEqual(state);

    // A second job: the newest comes first, and `limit` keeps the list short.
    const second = await followBackup(agent, (await agent.startBackup({})).id);
    expect((await agent.listBackups({})).map((j) => j.id)).toEqual([second.state.id, job.id]);
    expect((await agent.listBackups({ limit: 1 })).map((j) => j.id)).toEqual([second.state.id]);
    store.close();

    const again = await agentOn(card, db, undefined, false);
    expect(await again.agent.currentBackup()).toEqual(second.state);
    again.store.close();
  });
});

describe('the kinds of target the agent can add', () => {
  it('are the registry’s adapters, in its order, each saying what it needs and, in words, what it cannot do', async () => {
    const { agent, store } = await agentOn(card, join(home, 'kinds.db'));
    const kinds = await agent.backupAdapters();
    expect(kinds.map((k) => k.kind)).toEqual(adapters.map((a) => a.kind));
    for (const kind of kinds) {
      expect(kind.root.label, kind.kind).toMatch(/\w/);
      expect(kind.offsite).toBe(kind.medium === 'cloud' ? 'always' : 'optional');
      for (const sentence of Object.values(kind.limits)) expect(sentence, kind.kind).toMatch(/^[A-Z].*\.$/);
    }
    expect(kinds[0]).toMatchObject({ kind: 'local-folder', medium: 'disk', root: { label: 'Folder', absolutePath: true }, limits: { trash: 'A folder has no trash of its own to list.' } });
    expect(kinds[0]).not.toHaveProperty('account');
    expect(kinds.find((k) => k.kind === 'google-photos')).toMatchObject({ account: 'google', medium: 'cloud', root: { label: 'Album', default: 'Afterimage', absolutePath: false }, limits: GOOGLE_PHOTOS_LIMITS });
    expect(kinds.find((k) => k.kind === 'dropbox')).toMatchObject({ account: 'dropbox', root: { label: 'Folder in your Dropbox' } });
    expect(kinds.find((k) => k.kind === 'onedrive')).toMatchObject({ account: 'microsoft' });
    // What the catalogue says a folder needs is what adding one takes.
    await expect(agent.addBackupTarget({ kind: 'local-folder', root: 'relative/path' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(agent.addBackupTarget({ kind: 'dropbox', root: 'Afterimage' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('needs a signed-in account') });
    store.close();
  });
});
