import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferContent } from '../content.js';
import { IntegrityError, InvalidPathError } from '../errors.js';
import { LocalFolderTarget } from './local-folder-target.js';

const photo = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const chunks = (b: Buffer, size = 1024) => bufferContent(b, size);

let root: string;
let target: LocalFolderTarget;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'local-folder-'));
  target = new LocalFolderTarget(root);
});
afterEach(async () => rm(root, { recursive: true, force: true }));

describe('local-folder target', () => {
  it('stores a file, and stat, list and open give back the same bytes and hash', async () => {
    const stored = await target.put('2024/IMG_0001.JPG', chunks(photo), { size: photo.length, sha256: sha(photo) });
    expect(stored).toEqual({ path: '2024/IMG_0001.JPG', size: photo.length, hashes: { sha256: sha(photo) } });
    expect(await target.stat('2024/IMG_0001.JPG')).toEqual(stored);
    const listed = [];
    for await (const o of target.list()) listed.push(o);
    expect(listed).toEqual([stored]);
    const back = [];
    for await (const c of target.open('2024/IMG_0001.JPG')) back.push(c);
    expect(sha(Buffer.concat(back))).toBe(sha(photo));
  });

  it('keeps nothing when the bytes that arrive are not the ones expected', async () => {
    const damaged = Buffer.from(photo);
    damaged[100] ^= 0xff;
    await expect(target.put('a.jpg', chunks(damaged), { size: photo.length, sha256: sha(photo) })).rejects.toBeInstanceOf(IntegrityError);
    expect(await target.stat('a.jpg')).toBeNull();
    expect(await readdir(root)).toEqual([]);
  });

  it('refuses paths that would leave its folder', async () => {
    for (const bad of ['../escape.jpg', '/etc/passwd', 'a/../../b', '', 'a//b']) {
      await expect(target.put(bad, chunks(photo), { size: photo.length, sha256: sha(photo) })).rejects.toBeInstanceOf(InvalidPathError);
    }
  });

  it('says it is an onsite disk copy for the 3-2-1 count', () => {
    expect({ medium: target.medium, offsite: target.offsite }).toEqual({ medium: 'disk', offsite: false });
  });
});
