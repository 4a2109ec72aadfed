import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferSource } from '@afterimage/fs-parsers';
import { readMapfile } from '../lib/imaging/mapfile-store.js';
import { type MapBlock, RescueMap } from '../lib/imaging/rescue-map.js';
import { type FaultPlan, type FaultySource, faultySource, patternedBytes, type ReadRecord, type SectorRange } from './faulty-source.js';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A temporary folder for one test file's images and maps. */
export async function scratchFolder(prefix: string): Promise<{ path: string; file: (name: string) => string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `afterimage-${prefix}-`));
  return { path, file: (name) => join(path, name), cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** A device of `size` patterned bytes that fails as `plan` says. */
export function failingDevice(size: number, plan: FaultPlan, seed = 7): { bytes: Buffer; source: () => FaultySource } {
  const bytes = patternedBytes(size, seed);
  return { bytes, source: () => faultySource(bufferSource(bytes, 'disk'), plan) };
}

/** The map a complete rescue must end with: finished everywhere but the bad sectors. */
export function expectedBlocks(size: number, bad: readonly SectorRange[], sectorSize = 512): MapBlock[] {
  const map = new RescueMap(size);
  map.mark(0, size, '+');
  for (const range of bad) {
    const pos = range.first * sectorSize;
    map.mark(pos, Math.min(range.count * sectorSize, size - pos), '-');
  }
  return [...map.blocks];
}

/** The image a complete rescue must end with: the device's bytes, zeros where sectors are bad. */
export function expectedImage(bytes: Buffer, bad: readonly SectorRange[], sectorSize = 512): Buffer {
  const image = Buffer.from(bytes);
  for (const range of bad) image.fill(0, range.first * sectorSize, Math.min((range.first + range.count) * sectorSize, image.length));
  return image;
}

export async function savedBlocks(mapPath: string, size?: number): Promise<readonly MapBlock[]> {
  const state = await readMapfile(mapPath, size);
  if (!state) throw new Error(`no map at ${mapPath}`);
  return state.map.blocks;
}

export async function imageHash(path: string): Promise<string> {
  return sha256(await readFile(path));
}

/** Reads that touched any byte the given blocks call finished. */
export function readsOfFinished(reads: readonly ReadRecord[], blocks: readonly MapBlock[]): ReadRecord[] {
  const finished = blocks.filter((block) => block.status === '+');
  return reads.filter((read) => finished.some((block) => read.offset < block.pos + block.size && read.offset + read.length > block.pos));
}
