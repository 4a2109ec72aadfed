// Builds the scan images from the photos with real tools, into a scratch folder:
//   card.img  a FAT32 card (mkfs.fat + mtools): every photo written, every third deleted, then junk
//             files written over part of the freed space — the job PhotoRec is made for;
//   dump.img  the photos at unaligned offsets among random filler (byte-level mode's job);
//   large.img SIZE bytes of 64 MiB stripes of random bytes and zeros, the photos spread through it at
//             4 KiB boundaries (throughput and memory).
import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, copyFileSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { extname, join } from 'node:path';
import { seededRandom } from '../lib/seeded-random.mjs';

const MiB = 1024 * 1024;
const mtoolsEnv = { ...process.env, MTOOLS_SKIP_CHECK: '1', TZ: 'UTC' };

function writeAll(fd, buffer, position) {
  for (let done = 0; done < buffer.length; ) done += writeSync(fd, buffer, done, buffer.length - done, position + done);
}

/** A FAT32 card with 4 KiB clusters: returns { path, placed: photos written, deleted: photos deleted }. */
export function buildCard(dir, photos) {
  const path = join(dir, 'card.img');
  const total = photos.reduce((s, p) => s + p.data.length, 0);
  const sizeKiB = Math.max(512 * 1024, Math.ceil((total * 1.4 + 64 * MiB) / MiB) * 1024);
  execFileSync('mkfs.fat', ['-F', '32', '-s', '8', '-S', '512', '-n', 'BENCH', '-i', '0b5e55ed', '-C', path, String(sizeKiB)], { stdio: 'ignore' });
  const staging = join(dir, 'card-staging');
  mkdirSync(staging, { recursive: true });
  const names = photos.map((p, i) => `IMG_${String(i + 1).padStart(4, '0')}${extname(p.path).toUpperCase() || '.BIN'}`);
  photos.forEach((p, i) => copyFileSync(p.path, join(staging, names[i])));
  execFileSync('mmd', ['-i', path, '::DCIM', '::DCIM/100BENCH'], { env: mtoolsEnv });
  execFileSync('mcopy', ['-i', path, '-D', 'o', ...names.map((n) => join(staging, n)), '::DCIM/100BENCH/'], { env: mtoolsEnv });
  const deleted = photos.filter((_, i) => i % 3 === 2);
  const gone = names.filter((_, i) => i % 3 === 2);
  for (let i = 0; i < gone.length; i += 50) execFileSync('mdel', ['-i', path, ...gone.slice(i, i + 50).map((n) => `::DCIM/100BENCH/${n}`)], { env: mtoolsEnv });
  // New files after the deletions take freed clusters: some deleted photos are partly overwritten.
  const random = seededRandom(7);
  const junk = [];
  for (let i = 0, bytes = 0; bytes < deleted.reduce((s, p) => s + p.data.length, 0) * 0.15; i++) {
    const data = Buffer.alloc(256 * 1024 + Math.floor(random() * 2 * MiB));
    randomFillSync(data);
    const name = join(staging, `JUNK${String(i).padStart(4, '0')}.DAT`);
    writeFileSync(name, data);
    junk.push(name);
    bytes += data.length;
  }
  if (junk.length > 0) execFileSync('mcopy', ['-i', path, '-D', 'o', ...junk, '::DCIM/100BENCH/'], { env: mtoolsEnv });
  execFileSync('rm', ['-rf', staging]);
  return { path, placed: photos, deleted };
}

/** The photos one after another, each at an offset that is not a multiple of 512, random filler between. */
export function buildDump(dir, photos) {
  const path = join(dir, 'dump.img');
  const fd = openSync(path, 'w');
  const random = seededRandom(11);
  let at = 0;
  const offsets = [];
  const gap = (length) => {
    const filler = randomFillSync(Buffer.alloc(length));
    writeAll(fd, filler, at);
    at += length;
  };
  for (const photo of photos) {
    gap(1 + Math.floor(random() * 64 * 1024));
    if (at % 512 === 0) gap(1 + Math.floor(random() * 511));
    offsets.push(at);
    writeAll(fd, photo.data, at);
    at += photo.data.length;
  }
  gap(64 * 1024);
  closeSync(fd);
  return { path, placed: photos, offsets, size: at };
}

/** `size` bytes in 64 MiB stripes (random, zeros, …) with the photos spread through at 4 KiB boundaries. */
export function buildLarge(dir, photos, size) {
  const path = join(dir, 'large.img');
  let chosen = photos;
  while (chosen.length > 0 && chosen.reduce((s, p) => s + p.data.length, 0) > size * 0.6) chosen = chosen.slice(0, Math.floor(chosen.length * 0.8));
  const filler = size - chosen.reduce((s, p) => s + p.data.length + 4096, 0);
  const step = Math.floor(filler / (chosen.length + 1));
  const placements = [];
  let at = 0;
  for (const photo of chosen) {
    at = Math.ceil((at + step) / 4096) * 4096;
    placements.push({ offset: at, data: photo.data });
    at += photo.data.length;
  }
  const fd = openSync(path, 'w');
  const stripe = 64 * MiB;
  const buffer = Buffer.alloc(stripe);
  for (let start = 0, n = 0; start < size; start += stripe, n++) {
    const length = Math.min(stripe, size - start);
    const chunk = buffer.subarray(0, length);
    if (n % 2 === 0) randomFillSync(chunk);
    else chunk.fill(0);
    for (const { offset, data } of placements) {
      const from = Math.max(offset, start);
      const to = Math.min(offset + data.length, start + length);
      if (from < to) data.copy(chunk, from - start, from - offset, to - offset);
    }
    writeAll(fd, chunk, start);
  }
  closeSync(fd);
  return { path, placed: chosen, size };
}
