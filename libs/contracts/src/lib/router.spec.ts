import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { ServiceError } from './errors.js';
import { createAppRouter } from './router.js';
import type { AgentServices } from './services.js';

function services(overrides: Partial<AgentServices>): AgentServices {
  const missing = async () => {
    throw new Error('not part of this test');
  };
  return {
    listSources: missing,
    addImageSource: missing,
    addFolderSource: missing,
    unlockSource: missing,
    startScan: missing,
    getScan: missing,
    listScans: missing,
    listFindings: missing,
    findingsPage: missing,
    listDevices: missing,
    addDeviceSource: missing,
    cancelScan: missing,
    pauseScan: missing,
    resumeScan: missing,
    startImaging: missing,
    getImaging: missing,
    listImaging: missing,
    cancelImaging: missing,
    imagingEvents: () => ({ [Symbol.asyncIterator]: () => ({ next: missing }) }),
    scanEvents: () => ({ [Symbol.asyncIterator]: () => ({ next: missing }) }),
    thumbnail: missing,
    recover: missing,
    listRecoveries: missing,
    startRecovery: missing,
    getRecovery: missing,
    cancelRecovery: missing,
    recoveryEvents: () => ({ [Symbol.asyncIterator]: () => ({ next: missing }) }),
    findingIds: missing,
    findingFacets: missing,
    listBackupTargets: missing,
    addBackupTarget: missing,
    removeBackupTarget: missing,
    backupStatus: missing,
    backupAdapters: missing,
    currentBackup: missing,
    listBackups: missing,
    startBackup: missing,
    getBackup: missing,
    cancelBackup: missing,
    backupEvents: () => ({ [Symbol.asyncIterator]: () => ({ next: missing }) }),
    listTrash: missing,
    restoreTrash: missing,
    accountProviders: missing,
    listAccounts: missing,
    startSignIn: missing,
    signInStatus: missing,
    cancelSignIn: missing,
    removeAccount: missing,
    setAccountLabel: missing,
    ...overrides,
  };
}

describe('app router', () => {
  it('rejects a source with a negative size coming back from the agent', async () => {
    const caller = createAppRouter().createCaller({
      services: services({ listSources: async () => [{ id: 'x', kind: 'image', label: 'x', path: '/x', sizeBytes: -1 }] }),
    });
    await expect(caller.sources.list()).rejects.toThrow(TRPCError);
  });

  it('turns a service error into the matching tRPC code with its message', async () => {
    const caller = createAppRouter().createCaller({
      services: services({
        getScan: async (id) => {
          throw new ServiceError('NOT_FOUND', `No scan ${id}.`);
        },
      }),
    });
    const error = await caller.scans.get({ scanId: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('NOT_FOUND');
    expect((error as TRPCError).message).toBe('No scan nope.');
  });

  it('validates recovery requests before the service sees them', async () => {
    let called = false;
    const caller = createAppRouter().createCaller({
      services: services({
        recover: async () => {
          called = true;
          throw new Error('unreachable');
        },
      }),
    });
    await expect(caller.recovery.start({ scanId: '', destination: '/tmp/x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(called).toBe(false);
  });

  it('pages findings with the defaults filled in, and refuses a page too large before the service sees it', async () => {
    const requests: unknown[] = [];
    const caller = createAppRouter().createCaller({
      services: services({
        findingsPage: async (request) => {
          requests.push(request);
          return { total: 0, offset: 0, findings: [] };
        },
      }),
    });
    await expect(caller.findings.page({ scanId: 's', limit: 5000 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await caller.findings.page({ scanId: 's', filter: { formats: ['jpeg'] } });
    expect(requests).toEqual([{ scanId: 's', filter: { formats: ['jpeg'] }, sort: 'offset', descending: false, offset: 0, limit: 200 }]);
  });

  it('streams scan events with their ids so a client can resume', async () => {
    const caller = createAppRouter().createCaller({
      services: services({
        scanEvents: async function* (input) {
          const start = Number(input.lastEventId ?? 0);
          for (let i = start + 1; i <= 3; i++) {
            yield { id: String(i), event: { type: 'progress', progress: { bytesDone: i, bytesTotal: 3, rateBytesPerSecond: 1, findingsByFormat: {} } } };
          }
        },
      }),
    });
    const seen: unknown[] = [];
    for await (const item of await caller.scans.events({ scanId: 's', lastEventId: '1' })) seen.push(item);
    expect(seen.map((e) => (e as unknown as [string])[0])).toEqual(['2', '3']);
  });
});
