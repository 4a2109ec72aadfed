import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFolder } from './describe-folder.js';

const root = mkdtempSync(join(tmpdir(), 'afterimage-folders-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
function files(base: string, list: Record<string, number>): string {
  const dir = join(root, base);
  for (const [name, size] of Object.entries(list)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), Buffer.alloc(size));
  }
  return dir;
}

describe('describeFolder', () => {
  it('counts photos, raw files and videos of a copied camera card, and everything else', async () => {
    const card = files('card', {
      'DCIM/100CANON/IMG_0001.JPG': 1000, 'DCIM/100CANON/IMG_0002.CR3': 2000, 'DCIM/101CANON/MVI_0003.MP4': 5000,
      'DCIM/101CANON/img_0004.heic': 700, 'MISC/AUTPRINT.MRK': 10, '.Trashes/501/IMG_0000.JPG': 300,
    });
    // Links are never followed: one to a folder outside, one to a photo inside.
    symlinkSync('/etc', join(card, 'outside'));
    symlinkSync(join(card, 'DCIM/100CANON/IMG_0001.JPG'), join(card, 'again.jpg'));
    const described = await describeFolder(card);
    expect(described).toEqual({
      kind: 'folder', path: card, label: 'card', looksLike: 'camera-card', mediaFiles: 5, mediaBytes: 9000,
      byKind: { photo: 3, raw: 1, video: 1 }, totalFiles: 6, totalBytes: 9010, folders: 6,
      skipped: { symlinks: 2, otherFilesystems: 0, unreadable: 0 }, complete: true,
    });
  });

  it('stops at its limits and says the counts are incomplete', async () => {
    const many = files('many', Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`DSC${String(i).padStart(5, '0')}.JPG`, 1])));
    const seen: number[] = [];
    const limited = await describeFolder(many, { maxEntries: 1200, onProgress: (n) => seen.push(n) });
    expect(limited).toMatchObject({ complete: false, mediaFiles: 1200 });
    expect(seen).toEqual([1000]);
    const deep = files('deep', { 'a/b/c/d/e/photo.jpg': 1 });
    expect(await describeFolder(deep, { maxDepth: 3 })).toMatchObject({ complete: false, mediaFiles: 0 });
    expect(await describeFolder(deep)).toMatchObject({ complete: true, mediaFiles: 1 });
  });

  it('recognises an iPhone backup folder and a DCIM folder given directly', async () => {
    expect(await describeFolder(files('backup', { 'Manifest.db': 4096, 'Info.plist': 100, '00/00a1b2c3d4': 2048 }))).toMatchObject({
      looksLike: 'iphone-backup', mediaFiles: 0, totalFiles: 3,
    });
    expect(await describeFolder(join(files('copy', { 'DCIM/IMG_1.JPG': 5 }), 'DCIM'))).toMatchObject({ looksLike: 'camera-card', label: 'DCIM' });
  });

  it('refuses what is not a folder, and stops when cancelled', async () => {
    const dir = files('plain', { 'card.img': 10 });
    await expect(describeFolder(join(dir, 'nothing'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(describeFolder(join(dir, 'card.img'))).rejects.toMatchObject({ code: 'NOT_A_SOURCE' });
    await expect(describeFolder(dir, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
