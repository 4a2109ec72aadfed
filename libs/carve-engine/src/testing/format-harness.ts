import { createHash } from 'node:crypto';
import { carve } from '../lib/carve.js';
import type { CarvedFile, CarveFormat, FormatMatch } from '../lib/types.js';
import { bufferSource } from './buffer-source.js';
import { buildDisk, layOut } from './disk.js';

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** One format's verdict on `data` at `offset`, as the engine would ask for it. */
export function matchAt(format: CarveFormat, data: Buffer, offset = 0, maxSize = format.maxSize): Promise<FormatMatch | null> {
  return format.match(bufferSource(data), offset, { maxSize: Math.min(maxSize, data.length - offset) });
}

/** Everything `format` carves out of `disk`. */
export async function carveWith(format: CarveFormat, disk: Buffer, blockSize = 512): Promise<CarvedFile[]> {
  const found: CarvedFile[] = [];
  for await (const file of carve(bufferSource(disk), { formats: [format], blockSize })) found.push(file);
  return found;
}

/**
 * A disk of seeded random filler with `files` laid in one after another, each at a 512-byte boundary
 * (or `skew` bytes past one), with random gaps; returns the disk and where each file went.
 */
export function diskOf(files: readonly Buffer[], skew = 0, seed = 77): { disk: Buffer; offsets: number[] } {
  const placements = layOut(files, 4096, 512, 3000, skew);
  const end = placements[placements.length - 1];
  const disk = buildDisk(end.offset + end.data.length + 8192, placements, seed);
  return { disk, offsets: placements.map((p) => p.offset) };
}

/** Milliseconds a promise takes. */
export async function elapsed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}
