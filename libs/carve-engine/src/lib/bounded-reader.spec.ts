import { describe, expect, it } from 'vitest';
import { bufferSource } from '../testing/buffer-source.js';
import { BoundedReader } from './bounded-reader.js';
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
});
