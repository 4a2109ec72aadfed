import { mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '@afterimage/contracts';
import { LocalAgentServices } from '../agent-services.js';
import { scanMedia, thumbnailForFinding } from '../scan-pipeline.js';
import { openStore, type Db } from '../store/open-store.js';
import { BIN_DELETED, leftoverFolder, PENDING_EXPIRES, scanToEnd, sha256, snapshotFolder, TRASH_EXPIRES } from '../../testing/folder-fixtures.js';

const folder = leftoverFolder();
let home: string;
let store: Db;
let services: LocalAgentServices;
let scanId: string;
let findings: Finding[];
const before = snapshotFolder(folder.root);

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'leftover-source-'));
  store = openStore(join(home, 'afterimage.db'));
  services = new LocalAgentServices({ version: 'test', pipeline: scanMedia, thumbnail: thumbnailForFinding, store });
  const source = await services.addFolderSource({ path: folder.root });
  expect(source).toMatchObject({ kind: 'folder', folderKind: 'folder', path: folder.root });
  expect(source.encrypted).toBeUndefined();
  scanId = (await services.startScan({ sourceId: source.id })).id;
  ({ findings } = await scanToEnd(services, scanId));
});
afterAll(async () => {
  await services.shutdown().finally(() => store.close());
  folder.cleanup();
  await rm(home, { recursive: true, force: true });
});

const named = (name: string) => findings.find((f) => f.name === name) as Finding;

describe('a folder with Android’s trash and a Recycle Bin as a source', () => {
  it('finds the trashed, pending and binned photos and videos under their real names and places, and nothing live or not a photo', () => {
    expect(findings.map((f) => f.name).sort()).toEqual([...folder.files.keys()].sort());
    for (const [name, { bytes, originalPath }] of folder.files) {
      expect(named(name)).toMatchObject({ originalPath, sha256: sha256(bytes), size: bytes.length, origin: 'deleted', foundBy: 'filesystem', validation: { state: 'complete' } });
    }
  });

  it('says what kept each one and until when', () => {
    const since = new Date(Date.parse(TRASH_EXPIRES) - 30 * 86_400_000).toISOString();
    expect(named('IMG_20240602_111111.jpg')).toMatchObject({
      trash: { by: 'android-trash', deletedAt: since, purgeAt: TRASH_EXPIRES },
      times: { modifiedAt: '2024-06-02T11:11:11.000Z', deletedAt: since },
      file: { path: `DCIM/Camera/.trashed-${Date.parse(TRASH_EXPIRES) / 1000}-IMG_20240602_111111.jpg` },
    });
    expect(named('VID_20240612_093000.mp4').trash).toEqual({ by: 'android-pending', purgeAt: PENDING_EXPIRES });
    expect(named('beach.jpg')).toMatchObject({ trash: { by: 'recycle-bin', deletedAt: BIN_DELETED }, file: { path: expect.stringMatching(/^\$Recycle\.Bin\/S-1-5-21-[-\d]+\/\$RAB12CD\.JPG$/) } });
  });

  it('recovers each under its original folder and name, verified, and leaves the folder as it was', async () => {
    const destination = join(home, 'recovered');
    const report = await services.recover({ scanId, destination });
    expect(report.failed).toEqual([]);
    expect(report.files.map((f) => f.path).sort()).toEqual(['DCIM/Camera/IMG_20240602_111111.jpg', 'DCIM/Camera/VID_20240612_093000.mp4', 'Users/anna/Pictures/Holiday/beach.jpg']);
    for (const entry of report.files) expect(sha256(await readFile(join(destination, entry.path)))).toBe(entry.sha256);
    expect((await stat(join(destination, 'DCIM/Camera/IMG_20240602_111111.jpg'))).mtime.toISOString()).toBe('2024-06-02T11:11:11.000Z');
    expect(report.files.find((f) => f.name === 'beach.jpg')?.trash?.by).toBe('recycle-bin');
    expect(snapshotFolder(folder.root)).toEqual(before);
  });

  it('refuses a destination inside the folder, also through a link to it', async () => {
    await expect(services.recover({ scanId, destination: join(folder.root, 'DCIM', 'out') })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Refusing to write') });
    const link = join(home, 'link-to-source');
    await symlink(folder.root, link);
    await expect(services.recover({ scanId, destination: join(link, 'out') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(snapshotFolder(folder.root)).toEqual(before);
  });

  it('refuses a file where a folder is wanted, and a relative path', async () => {
    await expect(services.addFolderSource({ path: join(folder.root, 'DCIM/Camera/IMG_20240601_101010.jpg') })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(services.addFolderSource({ path: 'DCIM' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(services.addFolderSource({ path: join(folder.root, 'nope') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
