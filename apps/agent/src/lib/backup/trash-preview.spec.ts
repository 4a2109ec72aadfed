import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, LocalFolderTarget, NotFoundError, readBounded, type StoredObject, type TrashAbility, type TrashedItem, type TrashPreview, type TrashPreviewAbility, type TrashPreviewOptions } from '@afterimage/cloud-adapters';
import { smallJpeg } from '@afterimage/cloud-adapters/testing';
import { openStore } from '../store/open-store.js';
import { BackupService } from './backup-service.js';
import { PreviewCache } from './preview-cache.js';
import { TrashPreviews } from './trash-preview.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trash-preview-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** A folder with a trash beside it (ROOT.bin holds deleted files): a trash on real files, without previews. */
class FolderWithBin extends LocalFolderTarget implements TrashAbility {
  override readonly limits = { trash: 'unused: this folder has a trash', preview: 'This test folder shows no pictures of its trash.' };
  protected get bin() {
    return `${this.root}.bin`;
  }
  async *listTrash(): AsyncIterable<TrashedItem> {
    for (const name of await readdir(this.bin).catch(() => [])) yield { id: `bin:${name}`, name, path: name, size: (await stat(join(this.bin, name))).size, deletedAt: '2025-03-01T09:00:00Z' };
  }
  async restore(item: TrashedItem): Promise<StoredObject> {
    throw new Error(`not restored in this test: ${item.name}`);
  }
}

/** The same, previewing its photos by reading them (bounded), and counting the reads. */
class FolderWithPreviews extends FolderWithBin implements TrashPreviewAbility {
  reads = 0;
  async previewTrashed(item: TrashedItem, options: TrashPreviewOptions): Promise<TrashPreview | null> {
    this.reads++;
    if (item.name.startsWith('locked')) throw new AuthError('the token was refused');
    if (!/\.jpe?g$/i.test(item.name)) return null;
    const file = join(this.bin, item.id.slice(4));
    if (!(await stat(file).catch(() => undefined))) throw new NotFoundError(`${item.name} is gone`);
    return { bytes: await readBounded(createReadStream(file), { maxBytes: options.maxBytes, what: item.name }), kind: 'original' };
  }
}

async function setup(name: string, make: (root: string) => LocalFolderTarget, options: ConstructorParameters<typeof TrashPreviews>[1] = {}) {
  const made: LocalFolderTarget[] = [];
  const backup = new BackupService({ store: openStore(join(dir, `${name}.db`)), createTarget: (config) => made[made.push(make(config.root)) - 1]! });
  const config = await backup.addTarget({ kind: 'local-folder', root: join(dir, name) });
  await mkdir(`${config.root}.bin`, { recursive: true });
  const put = (file: string, bytes: Buffer) => writeFile(join(`${config.root}.bin`, file), bytes);
  const previews = new TrashPreviews(backup.targets, { maxBytes: 64 * 1024, ...options });
  const target = () => made[0] as FolderWithPreviews;
  return { backup, config, put, previews, target };
}

const jpegSize = (base64: string) => {
  const bytes = Buffer.from(base64, 'base64');
  return { soi: bytes.subarray(0, 2).toString('hex'), length: bytes.length };
};

describe('trash.preview', () => {
  it('makes a small JPEG of a trashed photo, keeps it for the next ask, and changes nothing in the trash', async () => {
    const { backup, config, put, previews, target } = await setup('photo', (root) => new FolderWithPreviews(root));
    await put('IMG_0401.jpg', smallJpeg());
    previews.remember(await backup.listTrash({}));
    const thumb = await previews.preview({ targetId: config.id, itemId: 'bin:IMG_0401.jpg' });
    expect(thumb).toMatchObject({ available: true, mimeType: 'image/jpeg', width: 48, height: 32 });
    expect(thumb.available && jpegSize(thumb.dataBase64).soi).toBe('ffd8');
    const large = await previews.preview({ targetId: config.id, itemId: 'bin:IMG_0401.jpg', size: 'large' });
    expect(large).toMatchObject({ available: true, width: 48, height: 32 }); // never enlarged
    expect(target().reads).toBe(2);
    expect(await previews.preview({ targetId: config.id, itemId: 'bin:IMG_0401.jpg' })).toEqual(thumb);
    expect(target().reads).toBe(2); // the second ask came from memory
    expect((await readFile(join(`${config.root}.bin`, 'IMG_0401.jpg')).then((b) => b.equals(smallJpeg())))).toBe(true);
    expect(await readdir(config.root)).toEqual([]);
  });

  it('says why there is no preview: not a photo, too large to read, not a picture at all', async () => {
    const { backup, config, put, previews } = await setup('none', (root) => new FolderWithPreviews(root), { maxBytes: 4096 });
    await put('clip.mp4', Buffer.from('a video'));
    await put('IMG_0402.jpg', Buffer.concat([smallJpeg(), Buffer.alloc(8192)]));
    await put('IMG_0403.jpg', Buffer.from('not a picture, only a name'));
    previews.remember(await backup.listTrash({}));
    const ask = (itemId: string) => previews.preview({ targetId: config.id, itemId });
    expect(await ask('bin:clip.mp4')).toEqual({ available: false, reason: 'Folder or external drive has no picture of clip.mp4 (only photos have previews).' });
    expect(await ask('bin:IMG_0402.jpg')).toEqual({ available: false, reason: expect.stringMatching(/^IMG_0402\.jpg is too large to preview here/) });
    expect(await ask('bin:IMG_0403.jpg')).toEqual({ available: false, reason: expect.stringMatching(/^IMG_0403\.jpg is not a picture this agent can show/) });
  });

  it('finds an item never listed in this agent’s life by listing that trash once', async () => {
    const { config, put, previews, target } = await setup('relist', (root) => new FolderWithPreviews(root));
    await put('IMG_0404.jpg', smallJpeg());
    expect(await previews.preview({ targetId: config.id, itemId: 'bin:IMG_0404.jpg' })).toMatchObject({ available: true });
    await expect(previews.preview({ targetId: config.id, itemId: 'bin:never.jpg' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('is not in the trash of') });
    await expect(previews.preview({ targetId: 'tgt-nope', itemId: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(target().reads).toBe(1);
  });

  it('gives the target’s own words when it cannot preview, and a sign-in problem as an error that is asked again next time', async () => {
    const plain = await setup('plain', (root) => new FolderWithBin(root));
    await plain.put('IMG_0405.jpg', smallJpeg());
    expect(await plain.previews.preview({ targetId: plain.config.id, itemId: 'bin:IMG_0405.jpg' })).toEqual({ available: false, reason: 'This test folder shows no pictures of its trash.' });

    const { backup, config, put, previews, target } = await setup('locked', (root) => new FolderWithPreviews(root));
    await put('locked.jpg', smallJpeg());
    previews.remember(await backup.listTrash({}));
    const ask = () => previews.preview({ targetId: config.id, itemId: 'bin:locked.jpg' });
    await expect(ask()).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('again: the token was refused') });
    await expect(ask()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(target().reads).toBe(2);
  });

  it('a folder without a trash has no previews, saying why', async () => {
    const backup = new BackupService({ store: openStore(join(dir, 'bare.db')) });
    const config = await backup.addTarget({ kind: 'local-folder', root: join(dir, 'bare') });
    const previews = new TrashPreviews(backup.targets);
    expect(await previews.preview({ targetId: config.id, itemId: 'x' })).toEqual({ available: false, reason: 'A folder has no trash of its own to list.' });
  });
});

describe('the preview cache', () => {
  it('drops the least recently used past its count or its bytes, and keeps nothing larger than all of it', () => {
    const cache = new PreviewCache<string>(3, 10, (v) => v.length);
    cache.set('a', 'aaa');
    cache.set('b', 'bbb');
    cache.set('c', 'ccc');
    expect(cache.get('a')).toBe('aaa'); // a is now the most recent
    cache.set('d', 'd');
    expect([cache.get('b'), cache.size, cache.bytes]).toEqual([undefined, 3, 7]);
    cache.set('e', 'eeeeee'); // 13 bytes: the oldest (c) goes, 10 are left
    expect([cache.get('c'), cache.get('a'), cache.get('d'), cache.get('e'), cache.bytes]).toEqual([undefined, 'aaa', 'd', 'eeeeee', 10]);
    cache.set('f', 'ff'); // a is the oldest now
    expect([cache.get('a'), cache.size, cache.bytes]).toEqual([undefined, 3, 9]);
    cache.set('huge', 'x'.repeat(11));
    expect([cache.get('huge'), cache.size, cache.bytes]).toEqual([undefined, 3, 9]);
  });
});
