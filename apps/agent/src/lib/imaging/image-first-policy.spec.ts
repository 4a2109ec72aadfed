import { describe, expect, it } from 'vitest';
import { bufferSource, FsParserError, InvalidReadError } from '@afterimage/fs-parsers';
import { faultySource } from '../../testing/faulty-source.js';
import { imageThenScanPolicy, watchReadErrors } from './image-first-policy.js';
import { isMediaReadError } from './read-errors.js';

describe('imaging first', () => {
  it('recommends imaging a device that gave read errors, and nothing for an image file or a healthy device', () => {
    expect(imageThenScanPolicy({ sourceKind: 'device', readErrors: 1 })).toMatch(/a read error: it may be failing\. Make an image of it first/);
    expect(imageThenScanPolicy({ sourceKind: 'device', readErrors: 12 })).toMatch(/12 read errors/);
    expect(imageThenScanPolicy({ sourceKind: 'device', readErrors: 0 })).toBeUndefined();
    expect(imageThenScanPolicy({ sourceKind: 'image', readErrors: 5 })).toBeUndefined();
  });

  it('counts the media errors of the reads it passes through, unchanged', async () => {
    const bytes = Buffer.alloc(8192, 1);
    const seen: number[] = [];
    const watched = watchReadErrors(faultySource(bufferSource(bytes), { bad: [{ first: 4, count: 1 }] }), (_error, offset) => seen.push(offset));
    expect(await watched.read(0, 1024)).toEqual(bytes.subarray(0, 1024));
    await expect(watched.read(1024, 2048)).rejects.toThrow(/EIO/);
    await expect(watched.read(2048, 512)).rejects.toBeInstanceOf(FsParserError);
    expect(watched.readErrors).toBe(2);
    expect(seen).toEqual([1024, 2048]);
    expect(watched.file).toBeUndefined();
    await expect(watched.read(9000, 1)).rejects.toBeInstanceOf(InvalidReadError);
    expect(watched.readErrors).toBe(2); // a bad request is not a failing disk
  });

  it('tells a bad medium from other failures by the system error code in the cause chain', () => {
    const eio = Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    expect(isMediaReadError(new FsParserError('read failed', { cause: eio }))).toBe(true);
    expect(isMediaReadError(Object.assign(new Error('gone'), { code: 'ENODEV' }))).toBe(false);
    expect(isMediaReadError(new Error('something else'))).toBe(false);
    expect(isMediaReadError('EIO')).toBe(false);
  });
});
