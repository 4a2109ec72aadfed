import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertDestinationOffSource } from './destination-guard.js';

let dir: string;
let image: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dest-guard-'));
  image = join(dir, 'card.img');
  await writeFile(image, Buffer.alloc(4096));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** The block device holding the temp folder, when this machine shows it in /dev. */
async function deviceOfTmp(): Promise<string | undefined> {
  const { dev } = await stat(tmpdir());
  const major = (dev >> 8) & 0xfff;
  const minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
  const uevent = await readFile(`/sys/dev/block/${major}:${minor}/uevent`, 'utf8').catch(() => '');
  const name = /DEVNAME=(\S+)/.exec(uevent)?.[1];
  return name && existsSync(`/dev/${name}`) ? `/dev/${name}` : undefined;
}

describe('destination guard', () => {
  it('accepts a folder beside an image file (the image itself is never written)', async () => {
    await expect(assertDestinationOffSource(image, join(dir, 'out/new'))).resolves.toBeUndefined();
  });

  it('refuses the source image itself and paths beneath it', async () => {
    await expect(assertDestinationOffSource(image, image)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(assertDestinationOffSource(image, join(image, 'x'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a destination that is a file', async () => {
    const file = join(dir, 'note.txt');
    await writeFile(file, 'x');
    await expect(assertDestinationOffSource(image, file)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses a destination on the device being recovered', async (context) => {
    const device = await deviceOfTmp();
    if (!device) return context.skip('the device holding the temp folder is not visible in /dev here');
    await expect(assertDestinationOffSource(device, join(dir, 'out'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
