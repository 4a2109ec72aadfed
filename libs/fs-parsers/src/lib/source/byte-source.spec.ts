import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scratch } from '../../testing/fixture-files.js';
import { FsParserError, InvalidReadError, TruncatedError, UnsupportedError } from '../errors.js';
import { type ByteSource, readExact } from './byte-source.js';
import { bufferSource } from './buffer-source.js';
import { openFileSource } from './file-source.js';
import { readByteRuns } from './read-runs.js';
import { sliceSource } from './slice-source.js';

const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i & 0xff));
const temp = scratch();
afterAll(() => temp.cleanup());

const padded = Buffer.concat([Buffer.alloc(24, 0xaa), bytes, Buffer.alloc(40, 0xbb)]);
const factories: Record<string, () => Promise<ByteSource>> = {
  bufferSource: async () => bufferSource(bytes),
  openFileSource: () => openFileSource(temp.write('thousand.bin', bytes)),
  sliceSource: async () => sliceSource(bufferSource(padded), 24, 1000),
};

describe('ByteSource implementations', () => {
  it.each(Object.keys(factories))('%s reads exactly, short only at the end', async (kind) => {
    const source = await (factories[kind] as () => Promise<ByteSource>)();
    expect(source.size).toBe(1000);
    expect(await source.read(10, 5)).toEqual(bytes.subarray(10, 15));
    expect((await source.read(990, 50)).length).toBe(10);
    expect((await source.read(1000, 10)).length).toBe(0);
    expect((await source.read(0, 0)).length).toBe(0);
    for (const [offset, length] of [[-1, 1], [1.5, 1], [0, -1], [0, 2.5], [1001, 1], [Number.NaN, 1]] as const) {
      await expect(source.read(offset, length)).rejects.toBeInstanceOf(InvalidReadError);
    }
    await source.close();
  });

  it('a file source refuses reads after close and closes twice quietly', async () => {
    const source = await openFileSource(temp.write('closed.bin', bytes));
    await source.close();
    await source.close();
    await expect(source.read(0, 1)).rejects.toBeInstanceOf(FsParserError);
  });

  it('opening a missing path or a directory fails with a typed error', async () => {
    await expect(openFileSource('/nonexistent/afterimage.img')).rejects.toMatchObject({ code: 'IO' });
    const dir = join(temp.write('marker', Buffer.alloc(0)), '..', 'a-dir');
    mkdirSync(dir);
    await expect(openFileSource(dir)).rejects.toBeInstanceOf(UnsupportedError);
  });

  it('opens a file it may only read', async () => {
    const path = temp.write('readonly.bin', bytes);
    chmodSync(path, 0o444);
    const source = await openFileSource(path);
    expect((await source.read(0, 4)).length).toBe(4);
    expect(Object.keys(source).sort()).toEqual(['close', 'file', 'label', 'read', 'readInto', 'size']);
    expect(source.file).toEqual({ path, offset: 0 });
    await source.close();
  });

  it('says which file a slice of a file is a window of, so another thread can open it', async () => {
    const path = temp.write('window.bin', bytes);
    const file = await openFileSource(path);
    const inner = sliceSource(sliceSource(file, 100, 500), 20, 30);
    expect(inner.file).toEqual({ path, offset: 120 });
    const target = Buffer.alloc(40);
    expect(await inner.readInto?.(target, 0)).toBe(30);
    expect(target.subarray(0, 30)).toEqual(bytes.subarray(120, 150));
    await expect(inner.readInto?.(target, 31)).rejects.toThrow(InvalidReadError);
    expect(sliceSource(bufferSource(bytes), 10, 10).file).toBeUndefined();
    await file.close();
  });

  it('a slice is bounds-checked against its parent and reads relative to its start', async () => {
    const parent = bufferSource(bytes, 'card');
    expect(() => sliceSource(parent, 900, 101)).toThrow(InvalidReadError);
    expect(() => sliceSource(parent, -1, 10)).toThrow(InvalidReadError);
    const slice = sliceSource(parent, 100, 50);
    expect(slice.label).toBe('card[100+50]');
    expect(await slice.read(0, 3)).toEqual(bytes.subarray(100, 103));
    expect((await slice.read(40, 100)).length).toBe(10);
    await expect(slice.read(51, 1)).rejects.toBeInstanceOf(InvalidReadError);
    expect(sliceSource(parent, 0, 10, 'p1').label).toBe('p1');
  });

  it('buffer reads are copies the caller may patch', async () => {
    const source = bufferSource(bytes);
    (await source.read(0, 4)).fill(0xff);
    expect(await source.read(0, 4)).toEqual(bytes.subarray(0, 4));
  });
});

describe('readExact and readByteRuns', () => {
  it('readExact throws TruncatedError naming the structure when the source is short', async () => {
    const source = bufferSource(bytes, 'img');
    expect(await readExact(source, 0, 8, 'header')).toEqual(bytes.subarray(0, 8));
    await expect(readExact(source, 996, 8, 'boot sector')).rejects.toThrow(/boot sector.*img/);
    await expect(readExact(source, 996, 8, 'boot sector')).rejects.toBeInstanceOf(TruncatedError);
    await expect(readExact(source, 5000, 8, 'FAT')).rejects.toBeInstanceOf(TruncatedError);
  });

  it('readByteRuns joins runs in order and refuses more than its limit', async () => {
    const source = bufferSource(bytes);
    const joined = await readByteRuns(source, [{ offset: 500, length: 2 }, { offset: 10, length: 3 }]);
    expect([...joined]).toEqual([...bytes.subarray(500, 502), ...bytes.subarray(10, 13)]);
    await expect(readByteRuns(source, [{ offset: 0, length: 100 }], 99)).rejects.toBeInstanceOf(InvalidReadError);
    await expect(readByteRuns(source, [{ offset: 990, length: 20 }])).rejects.toBeInstanceOf(TruncatedError);
  });
});
