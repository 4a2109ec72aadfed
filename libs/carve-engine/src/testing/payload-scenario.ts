import { createHash } from 'node:crypto';
import { carve } from '../lib/carve.js';
import type { CarvedFile } from '../lib/types.js';
import { bufferSource } from './buffer-source.js';
import { buildDisk } from './disk.js';
import { CAMERA_EXIF, renderJpeg } from './jpeg-fixtures.js';
import { renderPng } from './png-fixtures.js';

/**
 * Disks where other photos lie inside the bytes a file's structure claims but cannot verify (its raw
 * data, the unreferenced end of an mdat): written over the file after it was deleted, or stored behind a
 * file cut short whose offsets and sizes still name its old length.
 */
export interface PayloadScenario {
  readonly disk: Buffer;
  /** Where the outer file starts. */
  readonly base: number;
  readonly jpeg: { readonly at: number; readonly data: Buffer };
  readonly png: { readonly at: number; readonly data: Buffer };
}

const BLOCK = 512;
const up = (n: number): number => Math.ceil(n / BLOCK) * BLOCK;
export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** The photos that land inside: a camera JPEG (its EXIF holds a TIFF header) and a PNG. */
export async function foreignPhotos(): Promise<{ jpeg: Buffer; png: Buffer }> {
  return { jpeg: await renderJpeg({ width: 96, height: 64, seed: 901, exif: CAMERA_EXIF }), png: await renderPng({ width: 24, height: 16, seed: 902 }) };
}

/**
 * `file` at block 16 of a disk of random bytes, then a JPEG and a PNG written over it at the first block
 * boundaries at or after `from` bytes into it (both must end before `to`).
 */
export async function overwritten(file: Buffer, from: number, to: number): Promise<PayloadScenario> {
  const { jpeg, png } = await foreignPhotos();
  const base = 16 * BLOCK;
  const jpegAt = up(base + from);
  const pngAt = up(jpegAt + jpeg.length);
  if (pngAt + png.length > base + to) throw new Error(`the photos do not fit in [${from}, ${to}) of the file`);
  const disk = buildDisk(base + file.length + 64 * 1024, [{ offset: base, data: file }]);
  jpeg.copy(disk, jpegAt);
  png.copy(disk, pngAt);
  return { disk, base, jpeg: { at: jpegAt, data: jpeg }, png: { at: pngAt, data: png } };
}

/** The first `kept` bytes of `file` at block 16, the JPEG and PNG at the next block boundaries (before `claimed`). */
export async function cutShort(file: Buffer, kept: number, claimed: number): Promise<PayloadScenario> {
  const { jpeg, png } = await foreignPhotos();
  const base = 16 * BLOCK;
  const jpegAt = up(base + kept);
  const pngAt = up(jpegAt + jpeg.length);
  if (pngAt + png.length > base + claimed) throw new Error(`the photos do not fit before byte ${claimed} of the claim`);
  const disk = buildDisk(base + claimed + 64 * 1024, [
    { offset: base, data: file.subarray(0, kept) },
    { offset: jpegAt, data: jpeg },
    { offset: pngAt, data: png },
  ]);
  return { disk, base, jpeg: { at: jpegAt, data: jpeg }, png: { at: pngAt, data: png } };
}

/** Everything the engine carves from `disk` with its whole format list, in one thread. */
export async function carveDisk(disk: Buffer, blockSize: number): Promise<CarvedFile[]> {
  const found: CarvedFile[] = [];
  for await (const file of carve(bufferSource(disk), { blockSize, workers: 1 })) found.push(file);
  return found;
}

/** The finding that starts at `offset`, if any. */
export const foundAt = (found: readonly CarvedFile[], offset: number): CarvedFile | undefined => found.find((f) => f.byteRuns[0]?.offset === offset);
