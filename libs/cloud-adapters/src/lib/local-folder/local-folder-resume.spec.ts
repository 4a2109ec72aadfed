import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PutProgress } from '../backup-target.js';
import { countingSource, expectedOf, isAbort, MapSessionStore, photoLike, readBack } from '../../testing/index.js';
import { LocalFolderTarget } from './local-folder-target.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'local-folder-resume-'));
});
afterEach(async () => rm(root, { recursive: true, force: true }));

/** Starts a put and aborts it once a third is written; resolves with what the put rejected with. */
async function interrupted(target: LocalFolderTarget, path: string, bytes: Buffer, sessions?: MapSessionStore): Promise<unknown> {
  const controller = new AbortController();
  const onProgress = (p: PutProgress) => p.committed >= bytes.length / 3 && controller.abort();
  return target.put(path, countingSource(bytes), expectedOf(bytes), { signal: controller.signal, onProgress, sessions }).catch((e: unknown) => e);
}

describe('local-folder resume', () => {
  it('resumes an interrupted copy from the partial file, reading only the rest of the source', async () => {
    const target = new LocalFolderTarget(root);
    const bytes = photoLike(1_000_000, 1);
    const sessions = new MapSessionStore();
    expect(isAbort(await interrupted(target, 'videos/big.mp4', bytes, sessions))).toBe(true);
    expect(await target.stat('videos/big.mp4')).toBeNull();
    const source = countingSource(bytes);
    const progress: number[] = [];
    await target.put('videos/big.mp4', source, expectedOf(bytes), { sessions, onProgress: (p) => progress.push(p.committed) });
    expect(source.bytesRead).toBeLessThanOrEqual(bytes.length * (2 / 3));
    expect(progress[0]).toBeGreaterThanOrEqual(bytes.length / 3);
    expect((await readBack(target, 'videos/big.mp4')).equals(bytes)).toBe(true);
    expect(await readdir(join(root, 'videos'))).toEqual(['big.mp4']);
    expect(sessions.entries.size).toBe(0);
  });

  it('starts over, and leaves no partial, when the content handed over has changed since', async () => {
    const target = new LocalFolderTarget(root);
    const sessions = new MapSessionStore();
    await interrupted(target, 'a.mp4', photoLike(300_000, 2), sessions);
    const other = photoLike(300_000, 3);
    const source = countingSource(other);
    await target.put('a.mp4', source, expectedOf(other), { sessions });
    expect(source.bytesRead).toBe(other.length);
    expect((await readBack(target, 'a.mp4')).equals(other)).toBe(true);
    expect(await readdir(root)).toEqual(['a.mp4']);
  });

  it('refuses a damaged partial with IntegrityError and starts clean the next time', async () => {
    const target = new LocalFolderTarget(root);
    const bytes = photoLike(300_000, 4);
    const sessions = new MapSessionStore();
    await interrupted(target, 'b.mp4', bytes, sessions);
    const [partial] = await readdir(root);
    const { open } = await import('node:fs/promises');
    const handle = await open(join(root, partial!), 'r+');
    await handle.write(Buffer.from([0x00, 0x11]), 0, 2, 5000);
    await handle.close();
    await expect(target.put('b.mp4', countingSource(bytes), expectedOf(bytes), { sessions })).rejects.toMatchObject({ name: 'IntegrityError' });
    expect(await readdir(root)).toEqual([]);
    await target.put('b.mp4', countingSource(bytes), expectedOf(bytes), { sessions });
    expect((await readBack(target, 'b.mp4')).equals(bytes)).toBe(true);
  });

  it('without a sessions store, an aborted copy leaves no partial behind', async () => {
    const target = new LocalFolderTarget(root);
    expect(isAbort(await interrupted(target, 'c.mp4', photoLike(300_000, 5)))).toBe(true);
    expect(await readdir(root)).toEqual([]);
  });
});
