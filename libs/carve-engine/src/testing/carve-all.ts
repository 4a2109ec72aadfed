import { createHash } from 'node:crypto';
import { carve } from '../lib/carve.js';
import type { CarvedFile, CarveFormat } from '../lib/types.js';
import { bufferSource } from './buffer-source.js';

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Every file carved out of `disk` with only `formats`, at `blockSize` boundaries (1 = every byte). */
export async function carveAll(disk: Buffer, formats: readonly CarveFormat[], blockSize = 512): Promise<CarvedFile[]> {
  const out: CarvedFile[] = [];
  for await (const file of carve(bufferSource(disk), { blockSize, formats })) out.push(file);
  return out;
}

