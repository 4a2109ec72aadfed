import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CarveSource } from '../lib/byte-source.js';
import { carve, type CarveOptions, type CarveSummary } from '../lib/carve.js';
import type { CarvedFile } from '../lib/types.js';

export interface CarveRun {
  readonly files: CarvedFile[];
  readonly summary: CarveSummary;
}

/** Every file a scan yields, and the summary it returns. */
export async function runCarve(source: CarveSource, options: CarveOptions = {}): Promise<CarveRun> {
  const scan = carve(source, options);
  const files: CarvedFile[] = [];
  for (;;) {
    const step = await scan.next();
    if (step.done) return { files, summary: step.value };
    files.push(step.value);
  }
}

/** Where each file starts and its sha256: what two scans must agree on. */
export const startsAndHashes = (files: readonly CarvedFile[]): string[] => files.map((f) => `${f.byteRuns[0].offset}:${f.size}:${f.sha256}`);

/** A synthetic disk written to a temporary file (worker threads open sources by path). */
export async function diskFile(disk: Buffer): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'afterimage-carve-'));
  const path = join(dir, 'disk.img');
  await writeFile(path, disk);
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
