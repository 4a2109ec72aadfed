import { describe, expect, it } from 'vitest';
import { ServiceError } from './errors.js';
import type { Finding } from './finding.js';
import { ReportEntrySchema } from './recovery.js';
import { createAppRouter } from './router.js';
import type { AgentServices } from './services.js';
import type { Source } from './source.js';

const caller = (services: Partial<AgentServices>) => createAppRouter().createCaller({ services: services as AgentServices });

const backup: Source = { id: 'src-1', kind: 'folder', folderKind: 'iphone-backup', label: 'Anna’s iPhone', path: '/backups/0000', sizeBytes: 7978, encrypted: true };

const trashed: Finding = {
  id: 'f-1',
  format: 'heic',
  extension: 'heic',
  mimeType: 'image/heic',
  name: 'IMG_0003.HEIC',
  originalPath: '/Media/DCIM/100APPLE/IMG_0003.HEIC',
  origin: 'deleted',
  foundBy: 'filesystem',
  byteRuns: [{ offset: 0, length: 1282 }],
  size: 1282,
  sha256: '0ef2a9df8bebde9aaf569a060859c5ce05f683a95c2003d1df26e4e498728f63',
  validation: { state: 'complete', reasons: [] },
  confidence: 'high',
  metadata: {},
  hasThumbnail: false,
  file: { path: '98/988bb7afc919b1ac5867df57baaaa2e687b12de1' },
  trash: { by: 'iphone-recently-deleted', deletedAt: '2024-06-20T08:15:30.000Z', purgeAt: '2024-07-20T08:15:30.000Z' },
};

describe('folder sources', () => {
  it('adds a folder with its password and hands the source back without it', async () => {
    const asked: unknown[] = [];
    const api = caller({ addFolderSource: async (input) => (asked.push(input), backup) });
    expect(await api.sources.addFolder({ path: '/backups/0000', password: 'correct horse' })).toEqual(backup);
    expect(asked).toEqual([{ path: '/backups/0000', password: 'correct horse' }]);
    await expect(api.sources.addFolder({ path: '/backups/0000', password: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('says a locked backup needs its password (PRECONDITION_FAILED) and a wrong one is a bad request, each with its service code', async () => {
    const api = caller({
      addFolderSource: async () => {
        throw new ServiceError('NEEDS_PASSWORD', 'The iPhone backup in /backups/0000 is encrypted: give its backup password.');
      },
      unlockSource: async () => {
        throw new ServiceError('WRONG_PASSWORD', 'The password does not open the encrypted iPhone backup in /backups/0000.');
      },
    });
    const needs = await api.sources.addFolder({ path: '/backups/0000' }).catch((error: unknown) => error);
    expect(needs).toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('encrypted') });
    const wrong = await api.sources.unlock({ sourceId: 'src-1', password: 'nope' }).catch((error: unknown) => error);
    expect(wrong).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('does not open') });
  });

  it('carries a folder finding’s file, trash and Live Photo partner, and refuses a trash no one keeps', async () => {
    const pair = { ...trashed, id: 'f-2', livePhotoPair: 'f-3' };
    const api = caller({ listFindings: async () => [trashed, pair] });
    expect(await api.scans.findings({ scanId: 'scan-1' })).toEqual([trashed, pair]);
    const odd = caller({ listFindings: async () => [{ ...trashed, trash: { by: 'icloud' } } as never] });
    await expect(odd.scans.findings({ scanId: 'scan-1' })).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    const { id, ...entry } = trashed;
    expect(ReportEntrySchema.parse({ ...entry, findingId: id, path: 'Media/DCIM/100APPLE/IMG_0003.HEIC' }).trash?.purgeAt).toBe('2024-07-20T08:15:30.000Z');
  });
});
