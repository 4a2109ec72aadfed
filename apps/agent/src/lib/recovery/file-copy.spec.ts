import { createHash, randomFillSync } from 'node:crypto';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferSource, type ByteSource } from '@afterimage/fs-parsers';
import { copyRuns, PIECE, sha256OfFile } from './file-copy.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
// Several pieces and an odd tail: the two buffers take turns more than once.
const disk = randomFillSync(Buffer.alloc(5 * PIECE + 12345));
const runs = [
  { offset: 3 * PIECE + 7, length: PIECE + 999 },
  { offset: 17, length: 2 * PIECE + 5 },
  { offset: 5 * PIECE, length: 12345 },
];
const expected = Buffer.concat(runs.map((r) => disk.subarray(r.offset, r.offset + r.length)));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-copy-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function copyTo(source: ByteSource, name: string, signal?: AbortSignal): Promise<{ written: number; bytes: Buffer; reported: number }> {
  const path = join(dir, name);
  const handle = await open(path, 'wx');
  let reported = 0;
  try {
    const written = await copyRuns(source, runs, handle, (n) => (reported += n), signal);
    return { written, bytes: await readFile(path), reported };
  } finally {
    await handle.close();
  }
}

describe('copyRuns', () => {
  it('writes a fragmented file bit-exact through reused buffers, counting every byte once', async () => {
    const { written, bytes, reported } = await copyTo(bufferSource(disk), 'a.jpg');
    expect(written).toBe(expected.length);
    expect(reported).toBe(expected.length);
    expect(sha(bytes)).toBe(sha(expected));
  });

  it('copies from a source that can only hand out fresh buffers (read, no readInto)', async () => {
    const plain = bufferSource(disk);
    const readOnly: ByteSource = { label: 'plain', size: plain.size, read: (o, l) => plain.read(o, l), close: () => plain.close() };
    const { bytes } = await copyTo(readOnly, 'b.jpg');
    expect(sha(bytes)).toBe(sha(expected));
  });

  it('stops where the source stops giving bytes, and says how many were written', async () => {
    const plain = bufferSource(disk);
    const cut = runs[0].length + 1000;
    let handed = 0;
    const ending: ByteSource = {
      label: 'ending',
      size: plain.size,
      read: async (o, l) => {
        const give = Math.max(0, Math.min(l, cut - handed));
        handed += give;
        return (await plain.read(o, l)).subarray(0, give);
      },
      close: () => plain.close(),
    };
    const { written, bytes } = await copyTo(ending, 'c.jpg');
    expect(written).toBe(cut);
    expect(bytes.equals(expected.subarray(0, cut))).toBe(true);
  });

  it('stops when told to', async () => {
    const controller = new AbortController();
    controller.abort(new Error('user cancelled'));
    await expect(copyTo(bufferSource(disk), 'd.jpg', controller.signal)).rejects.toThrow('user cancelled');
  });
});

describe('sha256OfFile', () => {
  it('hashes a written file of several pieces as it is on the disk', async () => {
    const path = join(dir, 'e.bin');
    await writeFile(path, expected);
    expect(await sha256OfFile(path)).toBe(sha(expected));
    await writeFile(path, expected.subarray(0, expected.length - 1));
    expect(await sha256OfFile(path)).not.toBe(sha(expected));
  });

  it('hashes an empty file', async () => {
    const path = join(dir, 'empty');
    await writeFile(path, Buffer.alloc(0));
    expect(await sha256OfFile(path)).toBe(sha(Buffer.alloc(0)));
  });
});
