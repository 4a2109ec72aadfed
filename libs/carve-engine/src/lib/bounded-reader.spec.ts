import { describe, expect, it } from 'vitest';
import { bufferSource } from '../testing/buffer-source.js';
import { renderJpeg } from '../testing/jpeg-fixtures.js';
import { BoundedReader } from './bounded-reader.js';
import type { CarveSource } from './byte-source.js';
import { walkJpeg } from './formats/jpeg-walk.js';
import { CarveAbortedError } from './errors.js';

const data = Buffer.concat([Buffer.alloc(100, 0x11), Buffer.alloc(50, 0xff), Buffer.from([0x22]), Buffer.alloc(100, 0x33)]);

describe('BoundedReader', () => {
  it('never reads past min(source end, start + maxSize)', async () => {
    const source = bufferSource(data);
    const reader = new BoundedReader(source, 10, 100, undefined, 16);
    expect(reader.end).toBe(110);
    expect(reader.endIsSourceEnd).toBe(false);
    expect(await reader.bytes(100, 10)).not.toBeNull();
    expect(await reader.bytes(100, 11)).toBeNull();
    expect(await reader.byte(110)).toBe(-1);
    expect(source.stats.largestRead).toBeLessThanOrEqual(16);
    expect(new BoundedReader(source, 10, 10_000).endIsSourceEnd).toBe(true);
  });

  it('finds bytes and skips runs across small windows', async () => {
    const reader = new BoundedReader(bufferSource(data), 0, 1000, undefined, 7);
    expect(await reader.indexOf(0xff, 0)).toBe(100);
    expect(await reader.indexOf(0x22, 0, 150)).toBe(-1);
    expect(await reader.indexOf(0x44, 0)).toBe(-1);
    expect(await reader.skipWhile(0xff, 100, 1000)).toBe(150);
    expect(await reader.skipWhile(0xff, 100, 20)).toBe(120);
    expect(await reader.skipWhile(0x33, 151, 1000)).toBe(data.length);
    expect(await reader.u16be(149)).toBe(0xff22);
  });

  it('honours the abort signal on its next read', async () => {
    const controller = new AbortController();
    const reader = new BoundedReader(bufferSource(data), 0, 1000, controller.signal, 8);
    await reader.byte(0);
    controller.abort();
    await expect(reader.byte(200)).rejects.toBeInstanceOf(CarveAbortedError);
  });

  it('streaming: reads every window into one lent buffer, with the same bytes, and lends it again after release', async () => {
    let reads = 0;
    const plain = bufferSource(data);
    const source: CarveSource = {
      ...plain,
      async readInto(target, offset) {
        reads++;
        return data.copy(target, 0, offset, Math.min(data.length, offset + target.length));
      },
    };
    const reader = new BoundedReader(source, 0, data.length, undefined, 16).streaming();
    const seen: number[] = [];
    for (let pos = 0; pos < data.length; pos += 7) seen.push(await reader.byte(pos));
    expect(seen).toEqual([...data].filter((_, i) => i % 7 === 0));
    expect(await reader.skipWhile(0xff, 100, 1000)).toBe(150);
    expect(reads).toBeGreaterThan(10);
    expect(plain.stats.reads).toBe(0); // nothing through read(): no window allocated per read
    const first = await reader.bytes(0, 4);
    reader.release();
    const again = new BoundedReader(source, 0, data.length, undefined, 16).streaming();
    await again.bytes(140, 4);
    expect(first?.buffer).toBe((await again.bytes(140, 4))?.buffer); // the same buffer, lent again
  });

  it('streaming: walks a JPEG in small windows to the same end as a plain reader', async () => {
    const jpeg = Buffer.concat([await renderJpeg({ width: 300, height: 200 }), Buffer.alloc(100, 0x55)]);
    const source: CarveSource = { ...bufferSource(jpeg), readInto: async (target, offset) => jpeg.copy(target, 0, offset, Math.min(jpeg.length, offset + target.length)) };
    for (const window of [3, 64, 1000]) {
      const streaming = new BoundedReader(source, 0, jpeg.length, undefined, window).streaming();
      expect(await walkJpeg(streaming, 0)).toEqual(await walkJpeg(new BoundedReader(bufferSource(jpeg), 0, jpeg.length, undefined, window), 0));
      streaming.release();
    }
  });
});
