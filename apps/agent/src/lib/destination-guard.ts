import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Stats } from 'node:fs';
import { ServiceError } from '@afterimage/contracts';

/** The nearest existing folder at or above `path`, so a destination may be created later. */
export async function nearestExisting(path: string): Promise<{ path: string; stats: Stats }> {
  let current = resolve(path);
  for (;;) {
    const stats = await stat(current).catch(() => undefined);
    if (stats) return { path: current, stats };
    const parent = dirname(current);
    if (parent === current) throw new ServiceError('BAD_REQUEST', `No part of ${path} exists.`);
    current = parent;
  }
}

function devNumber(majorMinor: string): number | undefined {
  const match = /^(\d+):(\d+)\s*$/.exec(majorMinor);
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  // Linux's encoding of dev_t, as node reports st_dev / st_rdev.
  return ((minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xff) << 12)) >>> 0;
}

/** Device numbers of the whole disk a block device belongs to and of every partition on it. */
async function deviceFamily(devicePath: string): Promise<Set<number>> {
  const family = new Set<number>();
  const name = basename(await realpath(devicePath));
  const sysPath = await realpath(join('/sys/class/block', name)).catch(() => undefined);
  if (!sysPath) return family;
  const isPartition = await stat(join(sysPath, 'partition')).then(() => true, () => false);
  const diskPath = isPartition ? dirname(sysPath) : sysPath;
  const add = async (dir: string) => {
    const dev = devNumber(await readFile(join(dir, 'dev'), 'utf8').catch(() => ''));
    if (dev !== undefined) family.add(dev);
  };
  await add(diskPath);
  for (const entry of await readdir(diskPath).catch(() => [])) {
    if (await stat(join(diskPath, entry, 'partition')).then(() => true, () => false)) await add(join(diskPath, entry));
  }
  return family;
}

/**
 * Rule 1 of DESIGN.md: recovery never writes to the source. A destination on the source device (any
 * partition of the same disk), or the source image itself or a path beneath it, is refused.
 */
export async function assertDestinationOffSource(sourcePath: string, destination: string): Promise<void> {
  const source = resolve(sourcePath);
  const dest = resolve(destination);
  const sourceStats = await stat(source);
  const refused = () =>
    new ServiceError('FORBIDDEN', `Refusing to write to ${destination}: it is on the source ${sourcePath}. Choose a folder on another drive.`);
  if (dest === source || dest.startsWith(source + sep)) throw refused();
  const existing = await nearestExisting(dest);
  if (!existing.stats.isDirectory()) throw new ServiceError('BAD_REQUEST', `${existing.path} is not a folder.`);
  if (sourceStats.isBlockDevice()) {
    const family = await deviceFamily(source);
    family.add(sourceStats.rdev);
    if (family.has(existing.stats.dev)) throw refused();
  }
}
