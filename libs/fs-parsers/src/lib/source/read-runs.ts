import { InvalidReadError } from '../errors.js';
import type { ByteRun } from '../filesystem.js';
import { type ByteSource, readExact } from './byte-source.js';

/** Reads a list of byte runs back to back into one buffer, refusing more than `maxBytes` in total. */
export async function readByteRuns(
  source: ByteSource,
  runs: readonly ByteRun[],
  maxBytes = 64 * 1024 * 1024,
): Promise<Buffer> {
  const total = runs.reduce((sum, run) => sum + run.length, 0);
  if (total > maxBytes) {
    throw new InvalidReadError(`${source.label}: runs hold ${total} bytes, more than the ${maxBytes}-byte limit`);
  }
  const parts: Buffer[] = [];
  for (const run of runs) parts.push(await readExact(source, run.offset, run.length, 'byte run'));
  return Buffer.concat(parts, total);
}
