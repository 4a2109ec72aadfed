import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, LocalFolderTarget, staticToken, type StoredObject, type TrashAbility, type TrashedItem } from '@afterimage/cloud-adapters';
import { openStore } from '../store/open-store.js';
import { BackupService } from './backup-service.js';
import { apiEnvName, type TargetFactory } from './targets.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'targets-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const service = (name: string, options: Partial<ConstructorParameters<typeof BackupService>[0]> = {}) => new BackupService({ store: openStore(join(dir, `${name}.db`)), ...options });

/** A folder with a trash beside it (ROOT.bin/<id> holds a deleted ROOT/<path>): a trash ability on real files. */
class FolderWithBin extends LocalFolderTarget implements TrashAbility {
  private get bin() {
    return `${this.root}.bin`;
  }
  async *listTrash(): AsyncIterable<TrashedItem> {
    for (const id of await readdir(this.bin).catch(() => [])) {
      yield { id, name: id.split('~').pop() as string, path: id.replaceAll('~', '/'), size: (await stat(join(this.bin, id))).size, deletedAt: '2025-02-01T10:00:00Z' };
    }
  }
  async restore(item: TrashedItem): Promise<StoredObject> {
    if (item.name.startsWith('locked')) throw new AuthError('the token was refused');
    const path = item.id.replaceAll('~', '/');
    await mkdir(dirname(join(this.root, path)), { recursive: true });
    await rename(join(this.bin, item.id), join(this.root, path));
    return (await this.stat(path)) as StoredObject;
  }
}

describe('backup targets', () => {
  it('adds a local folder (creating it), once; refuses what it cannot use, saying why', async () => {
    const backup = service('add');
    const root = join(dir, 'photos backup');
    const added = await backup.addTarget({ kind: 'local-folder', root });
    expect(added).toMatchObject({ id: expect.stringMatching(/^tgt-/), kind: 'local-folder', title: 'Folder or external drive', root, offsite: false, medium: 'disk' });
    expect((await stat(root)).isDirectory()).toBe(true);
    expect(await backup.addTarget({ kind: 'local-folder', root: `${root}/` })).toEqual(added);
    await expect(backup.addTarget({ kind: 'local-folder', root, offsite: true })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(added.id) });
    await expect(backup.addTarget({ kind: 'tape-robot', root })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^No backup target kind tape-robot; this agent knows local-folder/) });
    await expect(backup.addTarget({ kind: 'local-folder', root: 'relative/path' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('absolute') });
    await writeFile(join(dir, 'a-file'), 'x');
    await expect(backup.addTarget({ kind: 'local-folder', root: join(dir, 'a-file') })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('in the way') });
    expect(backup.listTargets()).toEqual([added]);
  });

  it('removes a target and forgets the copies recorded on it (the files stay)', async () => {
    const backup = service('remove');
    const target = await backup.addTarget({ kind: 'local-folder', root: join(dir, 'gone') });
    await writeFile(join(target.root, 'a.jpg'), 'a');
    backup.ledger.record({ sha256: 'a'.repeat(64), targetId: target.id, location: 'a.jpg', medium: 'disk', offsite: false, verifiedHash: 'x', hashKind: 'sha256', copiedAt: 'now' });
    expect(backup.removeTarget(target.id)).toEqual(target);
    expect(backup.ledger.copiesOf('a'.repeat(64))).toEqual([]);
    expect(await readFile(join(target.root, 'a.jpg'), 'utf8')).toBe('a');
    expect(() => backup.removeTarget(target.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('hands a target its account tokens and the API origin AFTERIMAGE_<KIND>_API names (an emulator)', async () => {
    const seen: unknown[] = [];
    const create: TargetFactory = (config, deps) => {
      seen.push({ config, deps: { ...deps, tokens: deps.tokens ? 'tokens' : undefined } });
      return new LocalFolderTarget(config.root);
    };
    expect(apiEnvName('google-drive')).toBe('AFTERIMAGE_GOOGLE_DRIVE_API');
    const backup = service('deps', { createTarget: create, env: { AFTERIMAGE_LOCAL_FOLDER_API: 'http://127.0.0.1:9/' }, tokens: () => staticToken('t') });
    const config = await backup.addTarget({ kind: 'local-folder', root: join(dir, 'deps') });
    backup.targets.instance({ ...config, account: 'acct-1' });
    expect(seen).toEqual([{ config: { id: config.id, kind: 'local-folder', root: config.root, offsite: false, account: 'acct-1' }, deps: { tokens: 'tokens', apiBase: 'http://127.0.0.1:9/' } }]);
  });
});

describe('cloud trash across targets', () => {
  it('says plainly that a local folder has no trash, and refuses to restore from it', async () => {
    const backup = service('no-trash');
    const folder = await backup.addTarget({ kind: 'local-folder', root: join(dir, 'plain') });
    expect(await backup.listTrash({})).toEqual({ items: [], unavailable: [{ targetId: folder.id, title: `Folder or external drive ${folder.root}`, reason: 'A folder has no trash of its own to list.' }] });
    await expect(backup.restoreTrash({ targetId: folder.id, itemIds: ['x'] })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('A folder has no trash of its own to list.') });
    await expect(backup.listTrash({ targetId: 'tgt-nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists and restores from a target that has a trash; an item that fails or is not there is reported, the others restored', async () => {
    const backup = service('trash', { createTarget: (config) => new FolderWithBin(config.root) });
    const target = await backup.addTarget({ kind: 'local-folder', root: join(dir, 'binned') });
    await mkdir(`${target.root}.bin`, { recursive: true });
    await writeFile(join(`${target.root}.bin`, '2024~06~IMG_0002.JPG'), 'photo two');
    await writeFile(join(`${target.root}.bin`, 'locked.jpg'), 'locked');
    const listed = await backup.listTrash({});
    expect(listed.unavailable).toEqual([]);
    expect(listed.items).toEqual([
      { targetId: target.id, id: '2024~06~IMG_0002.JPG', name: 'IMG_0002.JPG', path: '2024/06/IMG_0002.JPG', size: 9, deletedAt: '2025-02-01T10:00:00Z' },
      { targetId: target.id, id: 'locked.jpg', name: 'locked.jpg', path: 'locked.jpg', size: 6, deletedAt: '2025-02-01T10:00:00Z' },
    ]);
    const result = await backup.restoreTrash({ targetId: target.id, itemIds: ['2024~06~IMG_0002.JPG', 'locked.jpg', 'never-there'] });
    expect(result.restored).toEqual([{ id: '2024~06~IMG_0002.JPG', name: 'IMG_0002.JPG', path: '2024/06/IMG_0002.JPG' }]);
    expect(result.failed).toEqual([
      { id: 'locked.jpg', reason: expect.stringMatching(/^Sign in to Folder or external drive .* again: the token was refused/) },
      { id: 'never-there', reason: expect.stringContaining(`afterimage trash list --target ${target.id}`) },
    ]);
    expect(await readFile(join(target.root, '2024', '06', 'IMG_0002.JPG'), 'utf8')).toBe('photo two');
  });
});
