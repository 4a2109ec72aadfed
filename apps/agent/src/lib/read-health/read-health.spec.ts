import { describe, expect, it } from 'vitest';
import { bufferSource } from '@afterimage/fs-parsers';
import { faultySource, patternedBytes } from '../../testing/faulty-source.js';
import { AreaSet } from './area-set.js';
import { ReadHealth, type ReadHealthFields } from './read-health.js';

const eio = () => Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });

describe('AreaSet', () => {
  it('merges what touches, counts each sector once, and tells gaps and cover', () => {
    const set = new AreaSet();
    set.add(4096, 5120);
    set.add(0, 100);
    set.add(5120, 6000);
    set.add(300, 700);
    expect(set.areas).toEqual([
      { start: 0, end: 100 },
      { start: 300, end: 700 },
      { start: 4096, end: 6000 },
    ]);
    // Bytes 0–100 and 300–700 share sector 0: sectors 0, 1, then 8–11.
    expect(set.sectors).toBe(6);
    expect(set.bytes).toBe(100 + 400 + 1904);
    expect(set.gaps(0, 5000)).toEqual([
      { start: 100, end: 300 },
      { start: 700, end: 4096 },
    ]);
    expect(set.covers(4100, 5900)).toBe(true);
    expect(set.covers(50, 400)).toBe(false);
    expect(set.within(500, 4200)).toEqual([
      { start: 500, end: 700 },
      { start: 4096, end: 4200 },
    ]);
  });
});

function health(kind: 'image' | 'device' | 'folder', size: number, onDeviceError?: (offset: number) => void) {
  const seen: ReadHealthFields[] = [];
  const meter = new ReadHealth({ kind, size, signal: new AbortController().signal, onChange: (f) => seen.push(f), onDeviceError });
  return { meter, seen };
}

describe('ReadHealth', () => {
  const size = 1024 * 1024;
  const bytes = patternedBytes(size, 5);

  it("reads an image's failing area again sector by sector and counts its bad sectors exactly, once", async () => {
    const disk = faultySource(bufferSource(bytes, 'disk'), { bad: [{ first: 300, count: 3 }] });
    const { meter } = health('image', size);
    const watched = meter.watch(disk);
    await expect(watched.read(0, 256 * 1024)).rejects.toThrow(/i\/o error/);
    expect(meter.fields()).toEqual({ badSectors: 3, unreadableBytes: 1536, readErrors: 1, firstReadErrorAt: 0 });
    // The carve reports the same area (read in this thread): not counted again.
    meter.unreadable({ offset: 0, length: 65_536 * 4 }, eio());
    await meter.settled();
    expect(meter.fields().badSectors).toBe(3);
  });

  it('counts an area a carve thread could not read, read again here', async () => {
    const disk = faultySource(bufferSource(bytes, 'disk'), { bad: [{ first: 1000, count: 2 }] });
    const { meter } = health('image', size);
    meter.watch(disk);
    meter.unreadable({ offset: 458_752, length: 65_536 }, eio());
    // Not a bad medium (a format's own trouble): not counted.
    meter.unreadable({ offset: 0, length: 512 }, new Error('bad header'));
    await meter.settled();
    expect(meter.fields()).toEqual({ badSectors: 2, unreadableBytes: 1024, readErrors: 1, firstReadErrorAt: 458_752 });
  });

  it("counts a read that failed on the scanning thread as one made here, and the carve's report of it not again", async () => {
    const disk = faultySource(bufferSource(bytes, 'disk'), { bad: [{ first: 300, count: 3 }] });
    const { meter } = health('image', size);
    meter.watch(disk);
    await meter.readFailedElsewhere(0, 256 * 1024, eio());
    expect(meter.fields()).toEqual({ badSectors: 3, unreadableBytes: 1536, readErrors: 1, firstReadErrorAt: 0 });
    meter.unreadable({ offset: 0, length: 65_536 * 4 }, eio());
    // Not a medium's error (a parser's own): not counted.
    await meter.readFailedElsewhere(4096, 512, new Error('offset past the end'));
    await meter.settled();
    expect(meter.fields()).toEqual({ badSectors: 3, unreadableBytes: 1536, readErrors: 1, firstReadErrorAt: 0 });
  });

  it('reads a failing device no further and says where it failed', async () => {
    const disk = faultySource(bufferSource(bytes, 'disk'), { bad: [{ first: 10, count: 1 }] });
    const stops: number[] = [];
    const { meter } = health('device', size, (offset) => stops.push(offset));
    const watched = meter.watch(disk);
    expect(watched.file).toBeUndefined();
    await expect(watched.read(4096, 8192)).rejects.toThrow();
    expect(stops).toEqual([4096]);
    expect(disk.reads).toHaveLength(1);
    expect(meter.fields()).toEqual({ badSectors: 1, unreadableBytes: 8192, readErrors: 1, firstReadErrorAt: 4096 });
  });

  it("counts a folder's file that failed to read as one bad sector and its size", () => {
    const { meter, seen } = health('folder', 0);
    meter.unreadable({ offset: 0, length: 20_000 }, Object.assign(new Error('read failed'), { cause: eio() }));
    expect(seen.at(-1)).toEqual({ badSectors: 1, unreadableBytes: 20_000, readErrors: 1 });
  });
});
