// An exFAT camera card: mkfs.exfat on an image file, then each step mounts it with exfat-fuse through
// a loop device (cp / rm), unmounts and detaches, so the image on disk is complete between steps.
// exfat-fuse allocates first-fit: a new photo fills the lowest freed clusters and continues elsewhere
// (with a FAT chain then; a contiguous file gets the NoFatChain flag).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { onPath, withExfatMount, withLoop } from './card-tools.mjs';

// 32 KiB clusters, as cameras format cards of 4–32 GiB.
const MKFS = ['-c', '32K', '-L', 'CARD'];

export const exfat = {
  id: 'exfat',
  label: 'exFAT (32 KiB clusters, mkfs.exfat + exfat-fuse)',
  folder: '100CANON',
  tskType: 'exfat',
  minBytes: 136 * 1024 * 1024,
  caseInsensitive: false,
  missing: () => ['mkfs.exfat', 'mount.exfat-fuse', 'fusermount', 'losetup'].filter((c) => !onPath(c)),
  create(image, bytes) {
    execFileSync('truncate', ['-s', String(bytes), image]);
    execFileSync('mkfs.exfat', [...MKFS, image], { stdio: 'ignore' });
    return { volumeOffset: 0 };
  },
  write(image, files) {
    withExfatMount(image, `${image}.mnt`, (mnt) => {
      for (const f of files) {
        mkdirSync(join(mnt, f.dir), { recursive: true });
        copyFileSync(f.photo.path, join(mnt, f.path));
      }
    });
  },
  remove(image, files) {
    withExfatMount(image, `${image}.mnt`, (mnt) => {
      for (const f of files) unlinkSync(join(mnt, f.path));
    });
  },
  /** mkfs.exfat again on the loop device: new boot region, FAT, bitmap, upcase table and root folder. */
  quickFormat(image) {
    withLoop(image, (loop) => execFileSync('mkfs.exfat', [...MKFS, loop], { stdio: 'ignore' }));
  },
};
