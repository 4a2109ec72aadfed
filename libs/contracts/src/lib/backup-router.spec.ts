import { describe, expect, it } from 'vitest';
import type { BackupJobState } from './backup-job.js';
import { ServiceError } from './errors.js';
import { createAppRouter } from './router.js';
import type { AgentServices } from './services.js';

const missing = async () => {
  throw new Error('not part of this test');
};

/** Only the methods a test gives; the router never calls the others here. */
const caller = (services: Partial<AgentServices>) => createAppRouter().createCaller({ services: services as AgentServices });

const job: BackupJobState = {
  id: 'bak-1',
  status: 'running',
  startedAt: '2025-01-01T00:00:00.000Z',
  parallel: 4,
  progress: { filesTotal: 2, uploaded: 0, alreadyThere: 0, failed: 0, bytesTotal: 10, bytesDone: 0 },
  failures: [],
  notes: [],
  resumed: 0,
};

describe('backup and trash routes', () => {
  it('starts a backup with no input and with a parallel count, and refuses a count out of bounds before the service sees it', async () => {
    const requests: unknown[] = [];
    const api = caller({ startBackup: async (request) => (requests.push(request), job) });
    expect(await api.backup.run()).toEqual(job);
    await api.backup.run({ parallel: 2 });
    await expect(api.backup.run({ parallel: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.backup.run({ parallel: 64 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(requests).toEqual([{}, { parallel: 2 }]);
  });

  it('rejects a copy record whose photo hash is not a sha256, coming back from the agent', async () => {
    const copy = { sha256: 'abc', kind: 'backup', targetId: 't', location: 'x', medium: 'disk', offsite: false, verifiedHash: 'h', hashKind: 'sha256', copiedAt: 'now' } as const;
    const photo = { sha256: 'abc', name: 'a.jpg', size: 1, copies: [copy], media: ['disk' as const], offsite: false, meets321: false, lacking: ['copies' as const] };
    const api = caller({ backupStatus: async () => ({ photos: [photo], page: { offset: 0, limit: 100, matching: 1 }, held: {}, totals: { photos: 1, meets321: 0, lacking: { copies: 1, media: 1, offsite: 1 }, bytes: 1 }, targets: [] }) });
    await expect(api.backup.status()).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('asks the agent for one page of the status, and refuses a page too large or a negative offset before the agent sees it', async () => {
    const requests: unknown[] = [];
    const empty = { photos: [], page: { offset: 0, limit: 100, matching: 0 }, held: {}, totals: { photos: 0, meets321: 0, lacking: { copies: 0, media: 0, offsite: 0 }, bytes: 0 }, targets: [] };
    const api = caller({ backupStatus: async (request) => (requests.push(request), empty) });
    expect(await api.backup.status()).toEqual(empty);
    await api.backup.status({ limit: 500, offset: 1000, show: 'lacking', lacking: 'offsite', name: 'IMG_1' });
    await expect(api.backup.status({ limit: 501 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.backup.status({ offset: -1 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.backup.status({ show: 'some' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.backup.status({ name: 'x'.repeat(201) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(requests).toEqual([{}, { limit: 500, offset: 1000, show: 'lacking', lacking: 'offsite', name: 'IMG_1' }]);
  });

  it('answers the current job or null, the newest jobs, and the kinds of target with what each cannot do', async () => {
    const asked: unknown[] = [];
    const folder = { kind: 'local-folder', title: 'Folder or external drive', medium: 'disk' as const, offsite: 'optional' as const, root: { label: 'Folder', help: 'A full path.', absolutePath: true }, limits: { trash: 'A folder has no trash.' } };
    let current: BackupJobState | null = null;
    const api = caller({ currentBackup: async () => current, listBackups: async (request) => (asked.push(request), [job]), backupAdapters: async () => [folder] });
    expect(await api.backup.current()).toBeNull();
    current = job;
    expect(await api.backup.current()).toEqual(job);
    expect(await api.backup.jobs()).toEqual([job]);
    await api.backup.jobs({ limit: 5 });
    await expect(api.backup.jobs({ limit: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(asked).toEqual([{}, { limit: 5 }]);
    expect(await api.backup.adapters()).toEqual([folder]);
    const broken = caller({ backupAdapters: async () => [{ ...folder, medium: 'tape' as never }] });
    await expect(broken.backup.adapters()).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('maps a missing target to NOT_FOUND with its message, and validates a restore before the service sees it', async () => {
    let called = false;
    const api = caller({
      removeBackupTarget: async (id) => {
        throw new ServiceError('NOT_FOUND', `No backup target ${id}.`);
      },
      restoreTrash: async () => {
        called = true;
        return missing();
      },
    });
    await expect(api.backup.targets.remove({ targetId: 'tgt-x' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No backup target tgt-x.' });
    await expect(api.trash.restore({ targetId: 'tgt-x', itemIds: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(called).toBe(false);
  });

  it('streams backup events with their ids so a client can resume', async () => {
    const api = caller({
      backupEvents: async function* (input) {
        const start = Number(input.lastEventId ?? -1);
        const events = [
          { type: 'file' as const, file: { sha256: 'a', name: 'a.jpg', targetId: 't', path: '2024/06/a.jpg', size: 5, outcome: 'uploaded' as const } },
          { type: 'done' as const, state: { ...job, status: 'done' as const } },
        ];
        for (let i = start + 1; i < events.length; i++) yield { id: String(i), event: events[i]! };
      },
    });
    const seen: unknown[] = [];
    for await (const item of await api.backup.events({ jobId: 'bak-1', lastEventId: '0' })) seen.push(item);
    expect(seen).toHaveLength(1);
    expect((seen[0] as unknown as [string, { type: string }])[0]).toBe('1');
  });
});
