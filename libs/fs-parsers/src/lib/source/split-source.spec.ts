import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { scratch } from '../../testing/fixture-files.js';
import { FsParserError, InvalidReadError } from '../errors.js';
import { openSplitSource } from './split-source.js';

const temp = scratch();
afterAll(() => temp.cleanup());

const whole = Buffer.from(Array.from({ length: 2500 }, (_, i) => (i * 7 + 3) & 0xff));

/** Writes `whole` cut at the given sizes as name.001, name.002…, and returns their paths. */
function writePieces(name: string, sizes: number[]): string[] {
  let at = 0;
  return sizes.map((size, index) => {
    const path = temp.write(`${name}.${String(index + 1).padStart(3, '0')}`, whole.subarray(at, at + size));
    at += size;
    return path;
  });
}

describe('openSplitSource', () => {
  it('reads across pieces of unequal sizes as one image, also reads straddling every boundary', async () => {
    const sizes = [1000, 700, 0, 512, 288];
    const source = await openSplitSource(writePieces('unequal', sizes));
    expect(source.size).toBe(2500);
    expect(await source.read(0, 2500)).toEqual(whole);
    for (const boundary of [1000, 1700, 2212]) {
      for (const [before, after] of [[1, 1], [10, 300], [0, 5], [5, 0]] as const) {
        expect(await source.read(boundary - before, before + after)).toEqual(whole.subarray(boundary - before, boundary + after));
      }
    }
    // A read spanning three pieces, one of them empty.
    expect(await source.read(900, 1000)).toEqual(whole.subarray(900, 1900));
    expect((await source.read(2400, 500)).length).toBe(100);
    expect((await source.read(2500, 1)).length).toBe(0);
    await expect(source.read(2501, 1)).rejects.toBeInstanceOf(InvalidReadError);
    await source.close();
  });

  it('readInto fills a caller buffer across a boundary and says how many bytes it read', async () => {
    const source = await openSplitSource(writePieces('into', [1250, 1250]));
    const target = Buffer.alloc(600);
    expect(await source.readInto?.(target, 1000)).toBe(600);
    expect(target).toEqual(whole.subarray(1000, 1600));
    expect(await source.readInto?.(target, 2200)).toBe(300);
    expect(target.subarray(0, 300)).toEqual(whole.subarray(2200, 2500));
    expect(source.file).toBeUndefined();
    await source.close();
  });

  it('refuses a set with a missing middle piece, naming it', async () => {
    const paths = writePieces('gap', [800, 800, 900]);
    rmSync(paths[1] as string);
    const opening = openSplitSource(paths);
    await expect(opening).rejects.toBeInstanceOf(FsParserError);
    await expect(opening).rejects.toThrow(/piece 2 of 3 .*gap\.002.*cannot be opened/);
  });

  it('refuses an empty list and reads after close', async () => {
    await expect(openSplitSource([])).rejects.toBeInstanceOf(InvalidReadError);
    const source = await openSplitSource(writePieces('closed', [2500]), 'card.img');
    expect(source.label).toBe('card.img');
    await source.close();
    await source.close();
    await expect(source.read(0, 1)).rejects.toThrow(/after close/);
  });
});
