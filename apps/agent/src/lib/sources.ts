import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { ServiceError, type Source } from '@afterimage/contracts';

/** The demo card committed in the repository (built by tools/fixtures/build-demo-card.mjs). */
export const DEFAULT_DEMO_CARD = fileURLToPath(new URL('../../../../fixtures/demo-card/demo-card.img.gz', import.meta.url));

export const DEMO_SOURCE_ID = 'demo-card';

/** Unpacks the demo card into the agent's home once; the scan reads the copy, never the committed file. */
export async function prepareDemoCard(home: string, gzPath = DEFAULT_DEMO_CARD): Promise<Source | undefined> {
  const packed = await stat(gzPath).catch(() => undefined);
  if (!packed) return undefined;
  const dir = join(home, 'demo');
  const image = join(dir, 'demo-card.img');
  let unpacked = await stat(image).catch(() => undefined);
  if (!unpacked || unpacked.mtimeMs < packed.mtimeMs) {
    await mkdir(dir, { recursive: true });
    await pipeline(createReadStream(gzPath), createGunzip(), createWriteStream(image + '.partial'));
    await rename(image + '.partial', image);
    unpacked = await stat(image);
  }
  return {
    id: DEMO_SOURCE_ID,
    kind: 'demo',
    label: 'Demo camera card',
    path: image,
    sizeBytes: unpacked.size,
    description: 'A small FAT32 card with photos, some of them deleted: try a scan and a recovery.',
  };
}

/** Describes an image file or a block device given by path; throws a ServiceError a person can read. */
export async function describePath(path: string, id: string): Promise<Source> {
  const absolute = resolve(path);
  const stats = await stat(absolute).catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === 'ENOENT') throw new ServiceError('NOT_FOUND', `No such file or device: ${path}`, { cause });
    throw new ServiceError('UNREADABLE', `Cannot read ${path}: ${cause.message}`, { cause });
  });
  if (stats.isDirectory()) throw new ServiceError('BAD_REQUEST', `${path} is a folder; add it as a folder source (an iPhone backup, or a folder with Android's or Windows' trash), or give a disk image or a device.`);
  if (!stats.isFile() && !stats.isBlockDevice()) throw new ServiceError('BAD_REQUEST', `${path} is neither an image file nor a block device.`);
  return {
    id,
    kind: stats.isBlockDevice() ? 'device' : 'image',
    label: basename(absolute),
    path: absolute,
    sizeBytes: stats.isFile() ? stats.size : 0,
  };
}
