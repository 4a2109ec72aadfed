// A FAT32 camera card on an image file with dosfstools and mtools (nothing mounted).
// Cameras allocate first-fit; mtools follows FSInfo's "next free cluster" hint, so the hint is set to
// 0xFFFFFFFF ("unknown", which the FAT spec allows) before each file: mtools then searches from
// cluster 2 and a new photo takes the lowest freed clusters, split over the holes when it is larger.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { onPath } from './card-tools.mjs';

const env = { ...process.env, MTOOLS_SKIP_CHECK: '1', TZ: 'UTC' };
const mtools = (cmd, args) => execFileSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
// 2 KiB clusters: the smallest card FAT32 allows with them is ~130 MiB (65,525 clusters).
const MKFS = ['-F', '32', '-s', '4', '-S', '512', '-n', 'CARD', '-i', '0CA2D032'];

function clearNextFreeHint(image) {
  const fd = openSync(image, 'r+');
  try {
    const boot = Buffer.alloc(512);
    readSync(fd, boot, 0, 512, 0);
    const fsInfo = boot.readUInt16LE(0x30);
    const check = Buffer.alloc(4);
    readSync(fd, check, 0, 4, fsInfo * 512);
    if (check.toString('latin1') !== 'RRaA') throw new Error(`${image}: no FSInfo sector at ${fsInfo}`);
    writeSync(fd, Buffer.from([0xff, 0xff, 0xff, 0xff]), 0, 4, fsInfo * 512 + 0x1ec);
  } finally {
    closeSync(fd);
  }
}

export const fat32 = {
  id: 'fat32',
  label: 'FAT32 (2 KiB clusters, mkfs.fat + mtools)',
  folder: '100CANON',
  tskType: 'fat',
  minBytes: 136 * 1024 * 1024,
  /** FAT keeps 8.3 names in upper case (and TSK may show them lowered): names compare case-insensitively. */
  caseInsensitive: true,
  missing: () => ['mkfs.fat', 'mcopy', 'mdel', 'mmd'].filter((c) => !onPath(c)),
  create(image, bytes, files) {
    execFileSync('mkfs.fat', [...MKFS, '-C', image, String(Math.ceil(bytes / 1024))], { stdio: 'ignore' });
    const dirs = [...new Set(files.map((f) => f.dir))];
    mtools('mmd', ['-i', image, '-D', 's', ...new Set(dirs.flatMap((d) => d.split('/').map((_, i, parts) => `::${parts.slice(0, i + 1).join('/')}`)))]);
    return { volumeOffset: 0 };
  },
  write(image, files) {
    for (const f of files) {
      clearNextFreeHint(image);
      mtools('mcopy', ['-i', image, f.photo.path, `::${f.path}`]);
    }
  },
  remove(image, files) {
    for (let i = 0; i < files.length; i += 50) mtools('mdel', ['-i', image, ...files.slice(i, i + 50).map((f) => `::${f.path}`)]);
  },
  /** mkfs.fat again over the used image (no -C): new boot sector, FATs and root folder; the data area stays. */
  quickFormat(image) {
    execFileSync('mkfs.fat', [...MKFS, image], { stdio: 'ignore' });
  },
};
