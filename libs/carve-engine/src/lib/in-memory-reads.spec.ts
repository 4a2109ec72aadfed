import { describe, expect, it } from 'vitest';
import { bufferSource } from '../testing/buffer-source.js';
import { buildDisk, layOut } from '../testing/disk.js';
import { CAMERA_EXIF, renderJpeg } from '../testing/jpeg-fixtures.js';
import { buildRw2 } from '../testing/tiff-raw-fixtures.js';
import { BoundedReader } from './bounded-reader.js';
import type { CarveSource } from './byte-source.js';
import { carve } from './carve.js';
import { ChunkReader } from './chunk-reader.js';
import { jpegFormat } from './formats/jpeg.js';
import { tiffFormat } from './formats/tiff.js';
import type { CarvedFile } from './types.js';

/**
 * A source that reads into the caller's buffers (as a file does) and counts the reads that allocate a
 * fresh buffer each (`read`): garbage the heap frees only at its next collection, which shows as max RSS.
 */
function countingSource(data: Buffer): CarveSource & { fresh: number[] } {
  const plain = bufferSource(data);
  const fresh: number[] = [];
  return {
    ...plain,
    fresh,
    async read(offset, length) {
      const bytes = await plain.read(offset, length);
      fresh.push(bytes.length);
      return bytes;
    },
    async readInto(target, offset) {
      const n = Math.max(0, Math.min(target.length, data.length - offset));
      data.copy(target, 0, offset, offset + n);
      return n;
    },
  };
}

/** Sets the (one) StripByteCounts value (tag 0x117, LONG) of a little-endian TIFF's IFD0. */
function setStripByteCount(tiff: Buffer, bytes: number): void {
  const ifd = tiff.readUInt32LE(4);
  const entries = tiff.readUInt16LE(ifd);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    if (tiff.readUInt16LE(at) !== 0x117) continue;
    if (tiff.readUInt16LE(at + 2) !== 4 || tiff.readUInt32LE(at + 4) !== 1) throw new Error('expected one LONG strip byte count');
    tiff.writeUInt32LE(bytes, at + 8);
    return;
  }
  throw new Error('no StripByteCounts in IFD0');
}

async function carveAll(source: CarveSource, blockSize: number | 'auto'): Promise<CarvedFile[]> {
  const found: CarvedFile[] = [];
  for await (const file of carve(source, { blockSize, workers: 1 })) found.push(file);
  return found;
}

describe('reads a scan holds in memory are not read again', () => {
  it("serves a reader's window from the chunk as a view, and copies only what a read needs past its end", async () => {
    const data = Buffer.alloc(1 << 20, 7);
    const source = countingSource(data);
    const chunks = new ChunkReader(source, 65_536);
    const chunk = await chunks.read(0, 65_536);
    const view = chunks.sourceView(source);
    const inside = await new BoundedReader(view, 1000, 1 << 20).bytes(1000, 16);
    expect(inside?.buffer).toBe(chunk.buffer); // the chunk's own memory
    expect(source.fresh).toEqual([]);
    // 100 bytes before the chunk's end, 400 wanted: 400 copied, not a whole 256 KiB window.
    expect(await new BoundedReader(view, 65_436, 1 << 20).bytes(65_436, 400)).toHaveLength(400);
    expect(source.fresh).toEqual([400]);
    await chunks.settle();
  });

  it("walks a JPEG held in the scan's chunk through views of it: nothing is copied into the walk's buffer", async () => {
    const jpeg = await renderJpeg({ width: 900, height: 700, seed: 9, quality: 95, exif: CAMERA_EXIF });
    expect(jpeg.length).toBeGreaterThan(256 * 1024); // more than one window of the walk
    const disk = buildDisk(1 << 20, [{ offset: 4096, data: jpeg }]);
    const source = countingSource(disk);
    const chunks = new ChunkReader(source, 1 << 20);
    await chunks.read(0, 1 << 20);
    const view = chunks.sourceView(source);
    let copied = 0;
    const watched: CarveSource = {
      ...view,
      readInto: async (target, offset) => {
        copied += target.length;
        return (view.readInto as NonNullable<CarveSource['readInto']>)(target, offset);
      },
    };
    const match = await jpegFormat.match(watched, 4096, { maxSize: 1 << 20 });
    expect(match).toMatchObject({ length: jpeg.length, validation: { state: 'complete' } });
    expect(copied).toBe(0);
    expect(source.fresh).toEqual([]);
    await chunks.settle();
  });

  it('finds the block size and carves a card smaller than a chunk without one fresh read', async () => {
    const photos = await Promise.all([1, 2, 3, 4].map((seed) => renderJpeg({ width: 120, height: 90, seed, exif: CAMERA_EXIF })));
    const disk = buildDisk(1 << 20, layOut(photos, 65_536, 32_768, 4096));
    const source = countingSource(disk);
    const found = await carveAll(source, 'auto');
    expect(found.map((f) => f.format)).toEqual(['jpeg', 'jpeg', 'jpeg', 'jpeg']);
    expect(source.fresh).toEqual([]);
  });

  it("looks through a RAW's claimed raw data for other files in one reused buffer, not a fresh one per step", async () => {
    const rw2 = Buffer.from((await buildRw2()).data);
    const raw = (await tiffFormat.match(bufferSource(rw2), 0, { maxSize: rw2.length }))?.payload?.[0];
    if (!raw) throw new Error('the RW2 fixture should report its raw strip as payload');
    // Cut after 4 KiB of its raw data, its strip now claiming 6 MiB: the photo behind it lies 3 MiB in.
    const stripped = rw2.subarray(0, raw.offset + 4096);
    setStripByteCount(stripped, 6 << 20);
    const jpeg = await renderJpeg({ width: 160, height: 120, seed: 5, exif: CAMERA_EXIF });
    const jpegAt = Math.ceil((8192 + raw.offset + (3 << 20)) / 512) * 512;
    const disk = buildDisk(8 << 20, [
      { offset: 8192, data: stripped },
      { offset: jpegAt, data: jpeg },
    ]);
    const source = countingSource(disk);
    const found = await carveAll(source, 512);
    expect(found.find((f) => f.format === 'rw2')).toMatchObject({ size: jpegAt - 8192, validation: { state: 'corrupt' } });
    expect(found.find((f) => f.byteRuns[0]?.offset === jpegAt)?.format).toBe('jpeg');
    // The look read 3 MiB of claimed raw data in steps into one buffer; what fresh reads are left are
    // formats' windows (at most 256 KiB) past the scan's chunks.
    expect(Math.max(0, ...source.fresh)).toBeLessThanOrEqual(256 * 1024);
  });
});
