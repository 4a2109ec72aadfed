import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patternedBytes } from '../../testing/faulty-source.js';
import { expectedBlocks, expectedImage, savedBlocks, scratchFolder, sha256 } from '../../testing/imaging-fixtures.js';
import { imageDevice } from './imager.js';

// Real block devices: a read-only loop device over a file, and (where the kernel has device-mapper)
// a device with a zone of the `error` target, which fails every read in it with EIO as a dying disk does.
const tool = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8' });
const isRoot = process.getuid?.() === 0;
const hasLosetup = isRoot && tool('losetup', ['--version']).status === 0;
const targets = hasLosetup ? tool('dmsetup', ['targets']) : undefined;
const hasDmError = targets?.status === 0 && /^error\b/m.test(targets.stdout);
const loopReason = hasLosetup ? 'as root with losetup' : 'skipped: needs root and losetup (util-linux) to make a loop device';
const dmReason = hasDmError
  ? 'with the device-mapper error target'
  : `skipped: no device-mapper error target here (${(targets?.stderr || targets?.stdout || 'needs root, losetup and dmsetup').trim().split('\n')[0]})`;

const SIZE = 4 * 1024 * 1024;
const bytes = patternedBytes(SIZE, 11);
let folder: Awaited<ReturnType<typeof scratchFolder>>;
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  folder = await scratchFolder('block-device');
  await writeFile(folder.file('disk.bin'), bytes);
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) cleanup();
  await folder?.cleanup();
});

function readOnlyLoop(file: string): string {
  const made = tool('losetup', ['--find', '--show', '--read-only', file]);
  if (made.status !== 0) throw new Error(`losetup failed: ${made.stderr}`);
  const device = made.stdout.trim();
  cleanups.push(() => tool('losetup', ['--detach', device]));
  return device;
}

describe.skipIf(!hasLosetup)(`imaging a loop device (${loopReason})`, () => {
  it('images a real block device bit for bit, its size taken from sysfs', async () => {
    const device = readOnlyLoop(folder.file('disk.bin'));
    const paths = { imagePath: folder.file('loop.img'), mapPath: folder.file('loop.map') };
    const result = await imageDevice(device, { ...paths, chunkSize: 1024 * 1024 });
    expect(result).toMatchObject({ complete: true, progress: { bytesRescued: SIZE, bytesBad: 0 } });
    expect(sha256(await readFile(paths.imagePath))).toBe(sha256(bytes));
  });
});

describe.skipIf(!hasDmError)(`imaging a device with an error zone (${dmReason})`, () => {
  it('marks exactly the error zone bad and rescues everything around it', async () => {
    const loop = readOnlyLoop(folder.file('disk.bin'));
    // Whole 4 KiB pages: buffered reads of a block device go through the page cache a page at a time.
    const zone = { first: 2048, count: 512 }; // 256 KiB from 1 MiB on, in 512-byte sectors
    const total = SIZE / 512;
    const name = `afterimage-test-${process.pid}`;
    const table = [
      `0 ${zone.first} linear ${loop} 0`,
      `${zone.first} ${zone.count} error`,
      `${zone.first + zone.count} ${total - zone.first - zone.count} linear ${loop} ${zone.first + zone.count}`,
    ].join('\n');
    const made = spawnSync('dmsetup', ['create', name, '--readonly'], { input: table, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    cleanups.push(() => tool('dmsetup', ['remove', name]));
    const paths = { imagePath: folder.file('dm.img'), mapPath: folder.file('dm.map') };
    await imageDevice(`/dev/mapper/${name}`, { ...paths, sectorSize: 4096, retries: 0 });
    const bad = [{ first: zone.first / 8, count: zone.count / 8 }];
    expect(await savedBlocks(paths.mapPath, SIZE)).toEqual(expectedBlocks(SIZE, bad, 4096));
    expect(sha256(await readFile(paths.imagePath))).toBe(sha256(expectedImage(bytes, bad, 4096)));
  });
});
